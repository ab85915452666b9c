"""Translated names for the plans area's codes, and the language-aware catalogue texts, for pages and the PDF."""
from flask import g

from ..i18n import _l

STEP_LABELS = {
    1: _l("In crisis"),
    2: _l("Vulnerable"),
    3: _l("Stable"),
    4: _l("Building up"),
    5: _l("Self-sufficient"),
}
COLOUR_LABELS = {"green": _l("On track"), "orange": _l("Some concern"), "red": _l("High priority")}
COLOUR_NAMES = {"green": _l("green"), "orange": _l("orange"), "red": _l("red")}
AGE_BAND_LABELS = {
    "by_5": _l("Early childhood (by age 5)"),
    "by_11": _l("Middle childhood (by age 11)"),
    "by_18": _l("Adolescence (by age 18)"),
}
SCALE_LABELS = {"bridge": _l("Bridge"), "child_bridge": _l("Child Bridge"), "family": _l("Family as a whole")}
GOAL_STATUS_LABELS = {
    "active": _l("Active"),
    "achieved": _l("Achieved"),
    "adjusted": _l("Adjusted"),
    "stopped": _l("Stopped"),
}
# The fields of a goal its change history names (gezinsaanpak/history.py); dates are stored in ISO form.
GOAL_FIELD_LABELS = {
    "domain": _l("Domain"),
    "description": _l("Goal (SMART)"),
    "target_on": _l("Target date"),
    "dream": _l("The dream behind it"),
    "own_words": _l("In their own words"),
    "status": _l("Status"),
    "next_review_on": _l("Next review"),
}
GOAL_DATE_FIELDS = ("target_on", "next_review_on")
# Colours ordered from most to least concern: a move to the right is progress.
COLOUR_ORDER = ("red", "orange", "green")


def english(lang: str | None = None) -> bool:
    return (lang or g.get("lang")) == "en"


def domain_label(domain, lang: str | None = None) -> str:
    """Catalogue texts are data with a Dutch and an English column."""
    return domain.label_en if english(lang) else domain.label_nl


def pillar_label(domain, lang: str | None = None) -> str:
    return domain.pillar_en if english(lang) else domain.pillar_nl


# Referrals as the family reads them in its plan.
REFERRAL_PLAN_LABELS = {
    "to_apply": _l("We will apply"),
    "applied": _l("Applied, waiting for the answer"),
    "granted": _l("Granted"),
    "delivered": _l("Received"),
}

"""Translated names for the signal codes, and the language pick for catalogue texts."""
from flask import g

from ..i18n import _l

GROUP_LABELS = {
    "children": _l("Children and youth"),
    "youth_18plus": _l("Young people aged 18+"),
    "parents": _l("Parents"),
    "home_visit": _l("Home visit"),
}
KIND_LABELS = {"risk": _l("Risk moment"), "signal": _l("Signal")}
STATE_LABELS = {
    "observed": _l("Observed"),
    "discussed": _l("Discussed with the family"),
    "confirmed": _l("Confirmed"),
    "not_applicable": _l("Not applicable"),
}
# What the button says that moves a signal into a state.
STATE_ACTIONS = {
    "observed": _l("Reopen as observed"),
    "discussed": _l("Discussed with the family"),
    "confirmed": _l("Confirmed"),
    "not_applicable": _l("Not applicable"),
}


def in_language(obj, field: str) -> str:
    """Catalogue texts are data with _nl and _en columns; English only when the user chose it."""
    return getattr(obj, f"{field}_en" if g.get("lang") == "en" else f"{field}_nl")

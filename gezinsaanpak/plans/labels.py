"""Translated names for the plans area's codes, and the language-aware catalogue texts, for pages and the PDF."""
from ..i18n import _l, in_language

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
    "own_words_skipped": _l("Not in the child's own words, because"),
    "status": _l("Status"),
    "next_review_on": _l("Next review"),
}
GOAL_DATE_FIELDS = ("target_on", "next_review_on")


def domain_label(domain, lang: str | None = None) -> str:
    return in_language(domain, "label", lang)


def pillar_label(domain, lang: str | None = None) -> str:
    return in_language(domain, "pillar", lang)


# Referrals as the family reads them in its plan.
REFERRAL_PLAN_LABELS = {
    "to_apply": _l("We will apply"),
    "applied": _l("Applied, waiting for the answer"),
    "granted": _l("Granted"),
    "delivered": _l("Received"),
}

OWN_WORDS_SKIPPED_LABELS = {
    "protect_child": _l("not asked, to protect the child"),
    "too_young": _l("too young to put it into words"),
    "child_declined": _l("the child did not want to say"),
    "not_able": _l("the child cannot put it into words (development or disability)"),
}
STRENGTH_KIND_LABELS = {"strength": _l("Strength"), "protective_factor": _l("Protective factor")}

# What the audit trail of a household shows for the actions of this area (see cases/registry.py).
AUDIT_LABELS = {
    "assessment.form": _l("Opened the assessment form"),
    "assessment.add": _l("Recorded an assessment"),
    "assessment.view": _l("Looked at an assessment"),
    "goal.form": _l("Opened the goal form"),
    "goal.add": _l("Added a goal"),
    "goal.edit_form": _l("Opened a goal to change it"),
    "goal.update": _l("Changed a goal"),
    "goal.review_form": _l("Opened the review form"),
    "goal.review": _l("Reviewed a goal"),
    "goal.view": _l("Looked at a goal"),
    "action.form": _l("Opened the action point form"),
    "action.add": _l("Added an action point"),
    "action.done": _l("Completed an action point"),
    "action.reopen": _l("Reopened an action point"),
    "action.remove": _l("Removed an action point"),
    "obstacle.form": _l("Opened the if-then form"),
    "obstacle.add": _l("Added an if-then plan"),
    "obstacle.remove": _l("Removed an if-then plan"),
    "strength.form": _l("Opened the strengths form"),
    "strength.add": _l("Added a strength or protective factor"),
    "strength.remove": _l("Removed a strength or protective factor"),
    "wish.form": _l("Opened a wish"),
    "wish.set": _l("Wrote down a wish"),
    "wish.remove": _l("Removed a wish"),
    "family_plan.form": _l("Opened the family plan form"),
    "family_plan.update": _l("Changed the family plan"),
    "plan.view": _l("Looked at the family plan"),
    "plan.member": _l("Looked at a member's plan"),
    "plan.pdf": _l("Downloaded the family plan"),
}


def benchmark_text(benchmark, lang: str | None = None) -> str:
    return in_language(benchmark, "text", lang)


# Partners the plan names with what they are: a volunteer or an experience expert is not an organisation's employee,
# and the family should see who stands beside them as such.
PARTNER_ROLE_NAMES = {"volunteer": _l("volunteer"), "experience_expert": _l("experience expert")}


def partner_name(partner) -> str:
    """"Fatima (experience expert)", "Piet (volunteer)", "Ms Jansen (De Klimop school)", or just the name."""
    if partner.kind in PARTNER_ROLE_NAMES:
        return f"{partner.name} ({PARTNER_ROLE_NAMES[partner.kind]})"
    if partner.organisation and partner.organisation != partner.name:
        return f"{partner.name} ({partner.organisation})"
    return partner.name


def network_of(goal) -> list[str]:
    """Who from the family's network carries a goal with the family: the partners on its action points, once each,
    in the order of the action points (a goal has no carrier of its own; its action points have)."""
    names: dict = {}
    for action in goal.actions:
        if action.partner is not None:
            names.setdefault(action.partner_id, partner_name(action.partner))
    return list(names.values())


def carried_by(action) -> str:
    """Who carries an action point, as the plan page, the goal page and the PDF print it."""
    return partner_name(action.partner) if action.partner is not None else action.who

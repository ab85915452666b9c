"""The rules of signalling: which checklist group fits whom, and how a signal's state may change.

Children's items are for the household's children; the 18+ items for children of 18 and older and for
young adults living in; parents' items for the adults; what a coach sees in the home belongs to the
household. Within the children's group some items are for young people or school children only (see
areas.py): a 7-year-old is not offered "alcohol or drugs" or "moving out". Before registration (the
pseudonymous contact phase) there are no members, so every item is recorded for the household as a whole.
"""
from datetime import date

from ..i18n import _, _l
from ..statemachine import StateMachine
from ..timeutil import age_on
from .areas import min_age_of
from .labels import STATE_LABELS

OPEN_STATES = ("observed", "discussed", "confirmed")
# Forward moves; "not applicable" is possible from every open state and can be undone (reopened).
NEXT_STATES = {
    "observed": ("discussed", "confirmed", "not_applicable"),
    "discussed": ("confirmed", "not_applicable"),
    "confirmed": ("not_applicable",),
    "not_applicable": (),
}
SIGNAL_STATES = StateMachine("state", NEXT_STATES, STATE_LABELS,
                             _l("A signal that is “%(now)s” cannot become “%(to)s”."))
YOUNG_ADULT_UNTIL = 27  # "jongvolwassenen": up to their 27th birthday


def member_fits(group: str, member, on: date) -> bool:
    """Whether items of a checklist group may be recorded for this member."""
    if group == "children":
        return member.role == "child"
    if group == "youth_18plus":
        age = age_on(member.date_of_birth, on)
        return age >= 18 and (member.role == "child" or (member.role == "other_adult" and age < YOUNG_ADULT_UNTIL))
    if group == "parents":
        return member.role in ("parent", "other_adult")
    return False


def item_fits(item, member, on: date) -> bool:
    """Whether this item may be recorded for this member: its group fits them, and they are old enough for it."""
    return member_fits(item.group_code, member, on) and age_on(member.date_of_birth, on) >= min_age_of(item)


def household_fits(group: str, household) -> bool:
    """Home-visit items belong to the household; in the contact phase every item does."""
    return group == "home_visit" or not household.is_registered


def fit_problem(item, member, household, on: date) -> str | None:
    """Why this item cannot be recorded for this member (or the household when member is None); None if it can."""
    if member is None:
        if household_fits(item.group_code, household):
            return None
        return _("Record this item for the member it is about, not for the household.")
    if not household.is_registered:
        return _("Before registration signals are recorded for the household only, without personal data.")
    if member.household_id != household.id:
        return _("This member is not part of the household.")
    if item.group_code == "home_visit":
        return _("What you see during a home visit is recorded for the household, not for one member.")
    if not member_fits(item.group_code, member, on):
        return _("This item does not fit %(name)s: children's items are for children, parents' items for adults.",
                 name=member.first_name)
    if not item_fits(item, member, on):
        return _("This item is about children from %(age)d years old; %(name)s is younger.", age=min_age_of(item),
                 name=member.first_name)
    return None


def fitting_groups(member, household, on: date, groups) -> list[str]:
    """The checklist groups to offer for a member, or for the household when member is None."""
    if member is None:
        return [g for g in groups if household_fits(g, household)]
    return [g for g in groups if member_fits(g, member, on)]


def previous_open_state(signal) -> str:
    """The state a set-aside signal returns to when reopened: the one it had before."""
    for change in reversed(signal.changes):
        if change.to_state == "not_applicable" and change.from_state:
            return change.from_state
    return "observed"


def next_states(signal) -> tuple[str, ...]:
    """Where a signal may go from its current state."""
    if signal.state == "not_applicable":
        return (previous_open_state(signal),)
    return NEXT_STATES[signal.state]

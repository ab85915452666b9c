"""Recording a home visit: the contact, the signals ticked and the goals reviewed, through each area's own
operation and in one transaction: a refusal of any part raises before the request commits, so nothing is half
saved. A refusal names the field of the screen it belongs to (a tick's key, or `goal<id>.<field>`).
"""
from dataclasses import dataclass
from datetime import date

from ..cases import operations as cases
from ..errors import InvalidInput
from ..i18n import _
from ..plans import operations as plans
from ..signals import operations as signals
from ..signals.operations import Tick


@dataclass(frozen=True)
class Review:
    """A goal reviewed during the visit: the status from now on, a note, and when to look again."""
    goal: object
    status: str
    note: str | None = None
    next_review_on: date | None = None

    @property
    def prefix(self) -> str:
        return f"goal{self.goal.id}"


def record_home_visit(actor, household, on: date, note: str | None, duration_minutes: int | None,
                      ticks: list[Tick], reviews: list[Review]):
    """Log a home visit with what was seen and the goals talked through; all of it, or (on a problem) none."""
    try:
        contact = cases.log_contact(actor, household, "home_visit", on, note, duration_minutes)
    except InvalidInput as error:
        raise InvalidInput(str(error), error.field or "contact_on") from error
    if ticks:
        signals.record_signals(actor, household, ticks, on)
    for review in reviews:
        if review.goal.household_id != household.id:
            raise InvalidInput(_("This goal does not belong to this household."), f"{review.prefix}.status")
        try:
            plans.review_goal(actor, household, review.goal, on, review.status, review.note, review.next_review_on)
        except InvalidInput as error:
            field = error.field if error.field in ("note", "next_review_on") else "status"
            raise InvalidInput(str(error), f"{review.prefix}.{field}") from error
    return contact

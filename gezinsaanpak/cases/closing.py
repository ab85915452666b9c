"""Closing signed off by the team lead, where the municipality switches it on (CLOSING_NEEDS_TEAM_LEAD): a coach's
closing is a request (operations.move_stage) that the team lead of the household's team approves, which closes the
household with the team lead in its stage history, or sends back with why, which leaves it where it was."""
from datetime import date

from sqlalchemy import select

from .. import audit
from ..auth.permissions import can_extend_support, require
from ..errors import InvalidInput
from ..extensions import db
from ..forms import TEXT_MAX
from ..i18n import _
from ..timeutil import today
from .access import visible_households_clause
from .labels import CLOSE_REASON_LABELS
from .models import ClosingRequest, Household
from .operations import move_stage
from .registry import DueItem


def _pending(actor, household: Household) -> ClosingRequest:
    require(can_extend_support(actor, household))
    request = household.closing_request
    if request is None or not request.is_pending:
        raise InvalidInput(_("There is no request to close waiting."))
    if actor.id in (request.requested_by_id, household.coordinator_id):
        raise InvalidInput(_("You coordinate this household or asked to close it yourself: another team lead of "
                             "the team signs it off."))
    return request


def approve_closing(actor, household: Household) -> ClosingRequest:
    """The team lead agrees: the household closes on the day the coach chose, as the coach wrote it down, with the
    team lead in the stage history; the rules of closing are checked again (a goal may have opened since)."""
    request = _pending(actor, household)
    move_stage(actor, household, "closed", request.closes_on, request.note, request.close_reason, request.turn_to,
               request.aftercare)
    request.decided_by_id, request.decided_on, request.approved = actor.id, today(), True
    db.session.flush()
    audit.record(actor, "household.closing_approve", household, request)
    return request


def send_back(actor, household: Household, why: str) -> ClosingRequest:
    """The team lead does not sign off yet: the household stays where it was and the coach reads why."""
    request = _pending(actor, household)
    why = (why or "").strip()[:TEXT_MAX]
    if not why:
        raise InvalidInput(_("Write why, so the coach knows what to do before asking again."), "why")
    request.decided_by_id, request.decided_on, request.approved = actor.id, today(), False
    request.returned_note = why
    db.session.flush()
    audit.record(actor, "household.closing_send_back", household, request)
    return request


def waiting_requests(user) -> list[tuple[ClosingRequest, Household]]:
    """Requests to close that wait for this team lead (none for anyone else), oldest first."""
    if user.role != "teamlead":
        return []
    return db.session.execute(
        select(ClosingRequest, Household).join(Household, Household.id == ClosingRequest.household_id)
        .where(visible_households_clause(user), Household.stage != "closed", ClosingRequest.decided_on.is_(None))
        .order_by(ClosingRequest.requested_on, ClosingRequest.id)).all()


def closing_due_items(user, until: date) -> list[DueItem]:
    """For the team lead's start page: every request to close that waits for a sign-off."""
    return [DueItem(request.requested_on, household,
                    _("Asked to close (%(reason)s): sign off or send back.",
                      reason=CLOSE_REASON_LABELS[request.close_reason]), "closing_request")
            for request, household in waiting_requests(user)]

"""What a coach does with a household, as plain functions.

Each takes the acting user, checks the policy, changes models, writes the audit entry and flushes;
the request (or the command) commits once.
"""
from datetime import date

from flask import current_app
from sqlalchemy import update

from .. import audit
from ..auth.models import User
from ..auth.permissions import can_edit_household, can_extend_support, can_hand_over, can_manage_workers, require
from ..errors import InvalidInput
from ..extensions import db
from ..i18n import _, _l
from ..statemachine import StateMachine
from ..timeutil import today, utcnow
from . import neighbourhoods
from .labels import STAGE_LABELS
from .models import (
    CLOSE_REASONS,
    CONTACT_KINDS,
    INCOME_SITUATIONS,
    MEMBER_ROLES,
    SOURCES,
    STAGES,
    CheckIn,
    ClosingRequest,
    Consent,
    Contact,
    CoordinatorAssignment,
    Household,
    HouseholdWorker,
    Member,
    StageTransition,
)
from .registry import household_parts

UNCHANGED = object()  # register_household: keep the neighbourhood the contact track has

# Where a household may go from each stage. Closing is possible from anywhere; registration and reopening are
# steps of their own (`register_household`, `reopen`).
NEXT_STAGES = {
    "trust_building": ("closed",),
    "registered": ("plan", "closed"),
    "plan": ("carrying_out", "closed"),
    "carrying_out": ("plan", "follow_up", "closed"),
    "follow_up": ("carrying_out", "aftercare", "closed"),
    "aftercare": ("carrying_out", "closed"),
    "closed": (),
}
STAGES_MACHINE = StateMachine("stage", NEXT_STAGES, STAGE_LABELS,
                              _l("A household cannot move from this stage to the chosen one."),
                              to_field="to_stage", date_field="moved_on")


def open_contact_track(actor: User, pseudonym: str, source: str = "other", neighbourhood_id: int | str | None = None,
                       opened_on: date | None = None, is_demo: bool = False) -> Household:
    """Start trust building under a pseudonym: no personal data, the opening coach coordinates."""
    require(actor.role in ("coach", "teamlead") and actor.team_id is not None)
    pseudonym = (pseudonym or "").strip()
    if not pseudonym:
        raise InvalidInput(_("Choose a pseudonym for this family, for example “Family Tulip, Tarwewijk”."))
    if source not in SOURCES:
        raise InvalidInput(_("Choose where the signal came from."))
    neighbourhood = neighbourhoods.chosen(neighbourhood_id)
    opened_on = opened_on or today()
    household = Household(pseudonym=pseudonym, source=source, neighbourhood=neighbourhood,
                          team_id=actor.team_id, coordinator_id=actor.id, phase="contact",
                          stage="trust_building", stage_since=opened_on, opened_on=opened_on, is_demo=is_demo)
    db.session.add(household)
    db.session.flush()
    db.session.add(CoordinatorAssignment(household_id=household.id, coach_id=actor.id, by_id=actor.id))
    db.session.add(StageTransition(household_id=household.id, from_stage=None, to_stage="trust_building",
                                   moved_on=opened_on, by_id=actor.id))
    audit.record(actor, "household.open", household, household)
    db.session.flush()
    return household


def register_household(actor: User, household: Household, consent_on: date, consent_scope: str,
                       members: list[dict], income_situation: str, neighbourhood_id=UNCHANGED,
                       registered_on: date | None = None) -> Household:
    """Register a contact track once the family consents; its contacts carry over."""
    require(can_edit_household(actor, household))
    if household.is_registered:
        raise InvalidInput(_("This household is already registered."))
    if household.is_closed:
        raise InvalidInput(_("Reopen this contact track before registering it."))
    if not consent_on or not (consent_scope or "").strip():
        raise InvalidInput(_("Record the date of consent and what it covers."))
    if consent_on > today():
        raise InvalidInput(_("The date of consent cannot be in the future."))
    if income_situation not in INCOME_SITUATIONS:
        raise InvalidInput(_("Choose the income situation (or “unknown”)."))
    if not members:
        raise InvalidInput(_("Add at least one member of the household."))
    if neighbourhood_id is not UNCHANGED:
        household.neighbourhood = neighbourhoods.chosen(neighbourhood_id, household.neighbourhood)
    registered_on = registered_on or today()
    household.phase = "registered"
    household.registered_on = registered_on
    household.income_situation = income_situation
    db.session.add(Consent(household_id=household.id, given_on=consent_on, scope=consent_scope.strip(),
                           recorded_by_id=actor.id))
    _move(actor, household, "registered", registered_on, allowed=("registered",))
    db.session.flush()
    for data in members:
        add_member(actor, household, **data)
    audit.record(actor, "household.register", household, household)
    db.session.flush()
    return household


def add_member(actor: User, household: Household, first_name: str, role: str, date_of_birth: date,
               school: str | None = None) -> Member:
    """Members exist only in registered households: the contact phase holds no personal data."""
    require(can_edit_household(actor, household))
    if not household.is_registered:
        raise InvalidInput(_("Members can only be added after the family has consented to registration."))
    if role not in MEMBER_ROLES:
        raise InvalidInput(_("Choose the member's role in the family."))
    if not (first_name or "").strip():
        raise InvalidInput(_("Enter the member's first name."))
    if date_of_birth is None or date_of_birth > today() or date_of_birth.year < 1900:
        raise InvalidInput(_("Enter a valid date of birth (not in the future)."))
    member = Member(household_id=household.id, first_name=first_name.strip(), role=role,
                    date_of_birth=date_of_birth, school=(school or "").strip() or None)
    db.session.add(member)
    db.session.flush()
    audit.record(actor, "member.add", household, member)
    return member


def hand_over(actor: User, household: Household, new_coach: User, note: str | None = None,
              keep_as_worker: bool = False) -> None:
    """Hand the household to another coach of its team; the old assignment ends, history stays.

    The previous coordinator loses access unless kept on as co-worker.
    """
    require(can_hand_over(actor, household))
    if new_coach.team_id != household.team_id or new_coach.role != "coach" or not new_coach.active:
        raise InvalidInput(_("A household can only be handed over to an active coach of its own team."))
    if new_coach.id == household.coordinator_id:
        raise InvalidInput(_("%(name)s already coordinates this household.", name=new_coach.name))
    now = utcnow()
    db.session.execute(update(CoordinatorAssignment)
                       .where(CoordinatorAssignment.household_id == household.id,
                              CoordinatorAssignment.ended_at.is_(None))
                       .values(ended_at=now))
    db.session.add(CoordinatorAssignment(household_id=household.id, coach_id=new_coach.id, by_id=actor.id,
                                         started_at=now, note=(note or "").strip() or None))
    old = household.coordinator_id
    household.coordinator_id = new_coach.id
    for worker in list(household.workers):
        if worker.user_id == new_coach.id:
            household.workers.remove(worker)
    if keep_as_worker:
        household.workers.append(HouseholdWorker(household_id=household.id, user_id=old, added_by_id=actor.id))
    audit.record(actor, "household.hand_over", household, household, detail={"from": old, "to": new_coach.id})
    db.session.flush()


def add_worker(actor: User, household: Household, coach: User) -> HouseholdWorker:
    """Give another coach of the team access as co-worker: the coordinator or the team lead decides."""
    require(can_manage_workers(actor, household))
    if coach.team_id != household.team_id or coach.role != "coach":
        raise InvalidInput(_("Only coaches of the household's team can be added as co-workers."))
    if coach.id == household.coordinator_id or any(w.user_id == coach.id for w in household.workers):
        raise InvalidInput(_("%(name)s already has access to this household.", name=coach.name))
    worker = HouseholdWorker(household_id=household.id, user_id=coach.id, added_by_id=actor.id)
    household.workers.append(worker)
    db.session.flush()
    audit.record(actor, "household.add_worker", household, worker)
    return worker


def remove_worker(actor: User, household: Household, user_id: int) -> None:
    """End a co-worker's access (the coordinator or the team lead decides); the coordinator always keeps it."""
    require(can_manage_workers(actor, household))
    worker = next((w for w in household.workers if w.user_id == user_id), None)
    if worker is None:
        raise InvalidInput(_("This colleague is not a co-worker of this household."))
    household.workers.remove(worker)
    db.session.flush()
    audit.record(actor, "household.remove_worker", household, detail={"user": user_id})


def close_reasons(household: Household) -> tuple[str, ...]:
    """Why a track may close: a contact track ends because the family did not consent (registration is the other
    way out); a registered household has consented, so any reason but that."""
    if not household.is_registered:
        return ("consent_refused",)
    return tuple(r for r in CLOSE_REASONS if r != "consent_refused")


def is_backward(household: Household, to_stage: str) -> bool:
    """Whether a move goes back along the way of working (carrying out back to the plan); closing is not."""
    if to_stage == "closed" or household.stage == "closed":
        return False
    return STAGES.index(to_stage) < STAGES.index(household.stage)


def closing_needs_sign_off(actor: User, household: Household) -> bool:
    """Where the municipality asks for it (CLOSING_NEEDS_TEAM_LEAD), a registered household closes with the team
    lead's sign-off: a coach asks, the team lead of its team closes (not one who coordinates it: nobody signs off
    their own)."""
    if not current_app.config.get("CLOSING_NEEDS_TEAM_LEAD") or not household.is_registered:
        return False
    return not (can_extend_support(actor, household) and actor.id != household.coordinator_id)


def move_stage(actor: User, household: Household, to_stage: str, on: date | None = None,
               note: str | None = None, reason: str | None = None, turn_to: str | None = None,
               aftercare: str | None = None) -> StageTransition | ClosingRequest:
    """Move to an allowed next stage, dated not before the previous move; closing needs a reason that fits, and
    going back a stage says why in the note (the history cannot be undone, so a slip should not go unexplained).
    Closing because the goals are reached is what the guide describes (003 lines 922-931): no goal still open,
    and written down who the family can turn to from now on and how the line stays open (the aftercare).
    Where closing needs the team lead's sign-off, a coach's closing is a request (returned) that waits for it."""
    require(can_edit_household(actor, household))
    if to_stage in STAGES and is_backward(household, to_stage) and not (note or "").strip():
        raise InvalidInput(_("Write why the family goes back to “%(stage)s”: the move stays in the history.",
                             stage=STAGE_LABELS[to_stage]), "note")
    turn_to, aftercare = (turn_to or "").strip() or None, (aftercare or "").strip() or None
    if to_stage == "closed":
        if household.is_registered and reason == "consent_refused":
            raise InvalidInput(_("A registered household has given consent; choose another reason."), "reason")
        if reason not in close_reasons(household):
            raise InvalidInput(_("Choose why the track is closed."), "reason")
        for check in household_parts().closing_checks:
            refusal = check(household, reason)
            if refusal:
                raise InvalidInput(refusal, "reason")
        if reason == "goals_reached" and not turn_to:
            raise InvalidInput(_("Write down who the family can turn to from now on: people around them, the "
                                 "neighbourhood, an organisation."), "turn_to")
        if reason == "goals_reached" and not aftercare:
            raise InvalidInput(_("Write down how the line stays open, for example “I call in three months”."),
                               "aftercare")
        if closing_needs_sign_off(actor, household):
            return _ask_to_close(actor, household, on or today(), note, reason, turn_to, aftercare)
    else:
        reason = turn_to = aftercare = None  # only closing has these; the form may still send what was typed first
    transition = _move(actor, household, to_stage, on or today(), note, reason)
    transition.turn_to, transition.aftercare = turn_to, aftercare
    audit.record(actor, "household.stage", household, transition, detail={"to": to_stage})
    return transition


def _ask_to_close(actor, household, on, note, reason, turn_to, aftercare) -> ClosingRequest:
    if household.closing_request is not None and household.closing_request.is_pending:
        raise InvalidInput(_("A request to close is already waiting for the team lead."), "to_stage")
    STAGES_MACHINE.check(household, "closed", on, household.stage_since)
    request = ClosingRequest(household_id=household.id, close_reason=reason, closes_on=on,
                             note=(note or "").strip() or None, turn_to=turn_to, aftercare=aftercare,
                             requested_by_id=actor.id, requested_on=today())
    household.closing_requests.append(request)
    db.session.flush()
    audit.record(actor, "household.closing_request", household, request, detail={"reason": reason})
    return request


def reopen(actor: User, household: Household, note: str | None = None, on: date | None = None):
    """Reopen a closed track: a registered household restarts as registered, a contact track as trust building;
    either starts a new support period."""
    require(can_edit_household(actor, household))
    if not household.is_closed:
        raise InvalidInput(_("Only a closed household can be reopened."))
    to_stage = "registered" if household.is_registered else "trust_building"
    transition = _move(actor, household, to_stage, on or today(), note, allowed=(to_stage,))
    household.reopened_on = transition.moved_on
    audit.record(actor, "household.reopen", household, transition)
    return transition


def _move(actor, household, to_stage, on, note=None, reason=None, allowed=None) -> StageTransition:
    transition = STAGES_MACHINE.move(
        household, to_stage, on, household.stage_since, allowed=allowed,
        history=lambda from_stage, to: StageTransition(household_id=household.id, from_stage=from_stage,
                                                       to_stage=to, moved_on=on, by_id=actor.id,
                                                       note=(note or "").strip() or None, reason=reason))
    household.stage_since = on
    household.closed_on = on if to_stage == "closed" else None
    household.close_reason = reason if to_stage == "closed" else None
    db.session.add(transition)
    db.session.flush()
    return transition


def log_contact(actor: User, household: Household, kind: str, on: date, note: str | None = None,
                duration_minutes: int | None = None) -> Contact:
    """A home visit, call or meeting. In the contact phase the note is about a pseudonymous family."""
    require(can_edit_household(actor, household))
    if kind not in CONTACT_KINDS:
        raise InvalidInput(_("Choose the kind of contact."))
    if on is None or on > today():
        raise InvalidInput(_("Enter the date of the contact (not in the future)."))
    if duration_minutes is not None and not 0 <= duration_minutes <= 1440:
        raise InvalidInput(_("A duration is between 0 and 1440 minutes."))
    contact = Contact(household_id=household.id, kind=kind, contact_on=on, duration_minutes=duration_minutes,
                      note=(note or "").strip() or None, by_id=actor.id)
    db.session.add(contact)
    db.session.flush()
    audit.record(actor, "contact.add", household, contact)
    return contact


def plan_check_in(actor: User, household: Household, due_on: date, subject: str) -> CheckIn:
    """A planned "how did it go with ...?" moment; it shows on the coach's start page when due."""
    require(can_edit_household(actor, household))
    subject = (subject or "").strip()
    if not subject:
        raise InvalidInput(_("Write what you want to ask about, for example “how did it go with the sports club?”."))
    if due_on is None:
        raise InvalidInput(_("Choose the date of the check-in."))
    check_in = CheckIn(household_id=household.id, due_on=due_on, subject=subject[:200], by_id=actor.id)
    db.session.add(check_in)
    db.session.flush()
    audit.record(actor, "check_in.plan", household, check_in)
    return check_in


def complete_check_in(actor: User, household: Household, check_in_id: int, on: date | None = None) -> CheckIn:
    """Mark a planned check-in of this household as done, so it leaves the due list."""
    require(can_edit_household(actor, household))
    check_in = db.session.get(CheckIn, check_in_id) if check_in_id else None
    if check_in is None or check_in.household_id != household.id:
        raise InvalidInput(_("This check-in does not belong to this household."))
    check_in.done_on = on or today()
    audit.record(actor, "check_in.done", household, check_in)
    db.session.flush()
    return check_in

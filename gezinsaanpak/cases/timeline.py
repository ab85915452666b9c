"""One timeline per household: contacts, stage moves, handovers, check-ins, signals, goals and referrals."""
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import aliased

from ..auth.models import User
from ..extensions import db
from ..i18n import _
from . import labels
from .models import CheckIn, Contact, CoordinatorAssignment, Member, StageTransition

# The coach of a handover and who made it: two users in one row. Made once; an alias costs more than the query.
COACH, BY = aliased(User, name="coach"), aliased(User, name="handed_over_by")


@dataclass
class Entry:
    on: date
    kind: str
    title: str
    detail: str | None = None
    by: str | None = None


def timeline(household) -> list[Entry]:
    """Newest first. Each source is one query of plain columns (names joined in), so the page costs the same
    however long the history is, and builds no objects it does not show."""
    from ..plans.models import Domain, Goal
    from ..referrals.queries import timeline_entries as referral_timeline_entries
    from ..signals.models import ChecklistItem, Signal
    hid = household.id
    english = _is_english()
    entries = []
    for on, kind, minutes, note, by in db.session.execute(
            select(Contact.contact_on, Contact.kind, Contact.duration_minutes, Contact.note, User.name)
            .join(User, User.id == Contact.by_id).where(Contact.household_id == hid)):
        duration = _(" · %(n)d minutes", n=minutes) if minutes else ""
        entries.append(Entry(on, "contact", f"{labels.CONTACT_LABELS[kind]}{duration}", note, by))
    for on, from_stage, to_stage, reason, note, by in db.session.execute(
            select(StageTransition.moved_on, StageTransition.from_stage, StageTransition.to_stage,
                   StageTransition.reason, StageTransition.note, User.name)
            .join(User, User.id == StageTransition.by_id).where(StageTransition.household_id == hid)):
        title = _("Stage: %(stage)s", stage=labels.STAGE_LABELS[to_stage])
        if reason:
            title += f" ({labels.CLOSE_REASON_LABELS[reason]})"
        if from_stage == "closed":
            title = _("Reopened: %(stage)s", stage=labels.STAGE_LABELS[to_stage])
        entries.append(Entry(on, "stage", title, note, by))
    for started_at, note, coach_name, by_name in db.session.execute(
            select(CoordinatorAssignment.started_at, CoordinatorAssignment.note, COACH.name, BY.name)
            .join(COACH, COACH.id == CoordinatorAssignment.coach_id).join(BY, BY.id == CoordinatorAssignment.by_id)
            .where(CoordinatorAssignment.household_id == hid)):
        entries.append(Entry(started_at.date(), "coordinator", _("Coordinator: %(name)s", name=coach_name), note,
                             by_name))
    for done_on, due_on, subject in db.session.execute(
            select(CheckIn.done_on, CheckIn.due_on, CheckIn.subject).where(CheckIn.household_id == hid)):
        state = _("done") if done_on else _("planned")
        entries.append(Entry(done_on or due_on, "check_in", _("Check-in (%(state)s): %(subject)s", state=state,
                                                                 subject=subject)))
    item_text = ChecklistItem.text_en if english else ChecklistItem.text_nl
    for on, text, first_name in db.session.execute(
            select(Signal.observed_on, item_text, Member.first_name)
            .join(ChecklistItem, ChecklistItem.id == Signal.item_id).outerjoin(Member, Member.id == Signal.member_id)
            .where(Signal.household_id == hid)):
        who = f" ({first_name})" if first_name else ""
        entries.append(Entry(on, "signal", _("Signal: %(text)s", text=text) + who))
    domain_label = Domain.label_en if english else Domain.label_nl
    for created_at, domain, first_name, description in db.session.execute(
            select(Goal.created_at, domain_label, Member.first_name, Goal.description)
            .join(Domain, Domain.id == Goal.domain_id).outerjoin(Member, Member.id == Goal.member_id)
            .where(Goal.household_id == hid)):
        who = first_name or _("the family")
        entries.append(Entry(created_at.date(), "goal", _("Goal for %(who)s: %(domain)s", who=who, domain=domain),
                             description))
    entries += referral_timeline_entries(household)
    entries.sort(key=lambda e: e.on, reverse=True)
    return entries


def _is_english() -> bool:
    from flask import g
    return g.get("lang") == "en"

"""One timeline per household: contacts, stage moves, handovers, check-ins, signals, goals and referrals."""
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..i18n import _
from . import labels
from .models import CheckIn, Contact, CoordinatorAssignment, StageTransition


@dataclass
class Entry:
    on: date
    kind: str
    title: str
    detail: str | None = None
    by: str | None = None


def timeline(household) -> list[Entry]:
    """Newest first. Each source is one query, so the page costs the same however long the history is."""
    from ..plans.models import Goal
    from ..referrals.queries import timeline_entries as referral_timeline_entries
    from ..signals.models import Signal
    hid = household.id
    entries = []
    for c in db.session.scalars(select(Contact).where(Contact.household_id == hid).options(selectinload(Contact.by))):
        minutes = _(" · %(n)d minutes", n=c.duration_minutes) if c.duration_minutes else ""
        entries.append(Entry(c.contact_on, "contact", f"{labels.CONTACT_LABELS[c.kind]}{minutes}", c.note, c.by.name))
    for t in db.session.scalars(select(StageTransition).where(StageTransition.household_id == hid)
                                .options(selectinload(StageTransition.by))):
        title = _("Stage: %(stage)s", stage=labels.STAGE_LABELS[t.to_stage])
        if t.reason:
            title += f" ({labels.CLOSE_REASON_LABELS[t.reason]})"
        if t.from_stage == "closed":
            title = _("Reopened: %(stage)s", stage=labels.STAGE_LABELS[t.to_stage])
        entries.append(Entry(t.moved_on, "stage", title, t.note, t.by.name))
    for a in db.session.scalars(select(CoordinatorAssignment).where(CoordinatorAssignment.household_id == hid)
                                .options(selectinload(CoordinatorAssignment.coach),
                                         selectinload(CoordinatorAssignment.by))):
        entries.append(Entry(a.started_at.date(), "coordinator", _("Coordinator: %(name)s", name=a.coach.name),
                             a.note, a.by.name))
    for ci in db.session.scalars(select(CheckIn).where(CheckIn.household_id == hid)):
        state = _("done") if ci.done_on else _("planned")
        entries.append(Entry(ci.done_on or ci.due_on, "check_in", _("Check-in (%(state)s): %(subject)s", state=state,
                                                                       subject=ci.subject)))
    for s in db.session.scalars(select(Signal).where(Signal.household_id == hid)
                                .options(selectinload(Signal.item), selectinload(Signal.member))):
        text = s.item.text_en if _is_english() else s.item.text_nl
        who = f" ({s.member.first_name})" if s.member else ""
        entries.append(Entry(s.observed_on, "signal", _("Signal: %(text)s", text=text) + who))
    for g in db.session.scalars(select(Goal).where(Goal.household_id == hid)
                                .options(selectinload(Goal.domain), selectinload(Goal.member))):
        domain = g.domain.label_en if _is_english() else g.domain.label_nl
        who = g.member.first_name if g.member else _("the family")
        entries.append(Entry(g.created_at.date(), "goal", _("Goal for %(who)s: %(domain)s", who=who, domain=domain),
                             g.description))
    entries += referral_timeline_entries(household)
    entries.sort(key=lambda e: e.on, reverse=True)
    return entries


def _is_english() -> bool:
    from flask import g
    return g.get("lang") == "en"

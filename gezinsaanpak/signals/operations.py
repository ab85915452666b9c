"""What a coach does with signals, and what an administrator does with the checklist.

Plain functions: each takes the acting user, checks the policy, validates, changes models, writes the
audit entry (never the note text) and flushes; the request or command commits once.
"""
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from .. import audit
from ..auth.permissions import can_administer, can_edit_household, require
from ..errors import InvalidInput
from ..extensions import db
from ..forms import SIGNAL_NOTE_MAX
from ..i18n import _
from ..timeutil import today, utcnow
from .models import GROUPS, KINDS, ChecklistItem, Signal, SignalChange
from .rules import OPEN_STATES, SIGNAL_STATES, fit_problem, next_states


@dataclass(frozen=True)
class Tick:
    """One ticked checklist item: for a member, or for the household when member_id is None."""
    item_id: int
    member_id: int | None = None
    note: str | None = None

    @property
    def key(self) -> str:
        """How the recording form names this tick ("h.12" for the household, "m5.12" for member 5)."""
        return f"{f'm{self.member_id}' if self.member_id else 'h'}.{self.item_id}"


def note_problem(note: str | None) -> str | None:
    """What is wrong with the note beside a ticked item, if anything (shown beside that item)."""
    if note and len(note.strip()) > SIGNAL_NOTE_MAX:
        return _("A note can have at most %(n)d characters (this one has %(m)d).", n=SIGNAL_NOTE_MAX,
                 m=len(note.strip()))
    return None


def check_observed_on(observed_on: date | None) -> date:
    """A signal is dated when it was observed: a date is needed, and not one after today."""
    if observed_on is None:
        raise InvalidInput(_("Enter the date of observation."), "observed_on")
    if observed_on > today():
        raise InvalidInput(_("The date of observation cannot be in the future."), "observed_on")
    return observed_on


def record_signals(actor, household, ticks: list[Tick], observed_on: date | None = None) -> list[Signal]:
    """Record what a coach ticked during or after a visit, in one go: all of it, or (on a problem) none."""
    require(can_edit_household(actor, household))
    observed_on = check_observed_on(observed_on or today())
    if household.is_closed:
        raise InvalidInput(_("Reopen this household before recording signals."))
    if not ticks:
        raise InvalidInput(_("Tick at least one item of the checklist."))
    items = {i.id: i for i in db.session.scalars(select(ChecklistItem)
                                                 .where(ChecklistItem.id.in_({t.item_id for t in ticks})))}
    members = {m.id: m for m in household.members}
    taken = {tuple(row) for row in db.session.execute(select(Signal.item_id, Signal.member_id).where(
        Signal.household_id == household.id, Signal.state.in_(OPEN_STATES)))}
    for tick in ticks:
        item = items.get(tick.item_id)
        if item is None or item.retired_at is not None:
            raise InvalidInput(_("This checklist item is no longer offered."), tick.key)
        member = members.get(tick.member_id) if tick.member_id else None
        if tick.member_id and (member is None or member.left_on is not None):
            raise InvalidInput(_("This member is not part of the household."), tick.key)
        problem = fit_problem(item, member, household, observed_on) or note_problem(tick.note)
        if problem:
            raise InvalidInput(problem, tick.key)
        if (item.id, tick.member_id) in taken:
            raise InvalidInput(_("This item is already open for them; change it on its own page."), tick.key)
        taken.add((item.id, tick.member_id))
    signals = []
    for tick in ticks:
        signal = Signal(household_id=household.id, member_id=tick.member_id, item_id=tick.item_id,
                        state="observed", observed_on=observed_on, note=(tick.note or "").strip() or None,
                        recorded_by_id=actor.id)
        db.session.add(signal)
        db.session.flush()
        db.session.add(SignalChange(signal_id=signal.id, from_state=None, to_state="observed",
                                    changed_on=observed_on, by_id=actor.id))
        audit.record(actor, "signal.record", household, signal,
                     detail={"item": items[tick.item_id].code, "member": tick.member_id})
        signals.append(signal)
    db.session.flush()
    return signals


def change_state(actor, household, signal: Signal, to_state: str, on: date | None = None,
                 note: str | None = None) -> SignalChange:
    """Move a signal on (discussed, confirmed), set it aside as not applicable, or reopen it; kept in history,
    dated not before its previous step."""
    require(can_edit_household(actor, household))
    if signal.household_id != household.id:
        raise InvalidInput(_("This signal does not belong to this household."))
    problem = note_problem(note)
    if problem:
        raise InvalidInput(problem, "note")
    on = on or today()
    since = max([signal.observed_on, *(c.changed_on for c in signal.changes)])
    change = SIGNAL_STATES.move(
        signal, to_state, on, since, allowed=next_states(signal),
        history=lambda from_state, to: SignalChange(signal_id=signal.id, from_state=from_state, to_state=to,
                                                    changed_on=on, by_id=actor.id, note=(note or "").strip() or None))
    signal.changes.append(change)
    audit.record(actor, "signal.state", household, signal, detail={"from": change.from_state, "to": to_state})
    db.session.flush()
    return change


def add_local_item(actor, group: str, kind: str, heading_nl: str, heading_en: str, text_nl: str,
                   text_en: str) -> ChecklistItem:
    """An administrator adds an item the municipality wants to look out for; shipped items stay as they are."""
    require(can_administer(actor))
    if group not in GROUPS:
        raise InvalidInput(_("Choose the group of the checklist."), "group_code")
    if kind not in KINDS:
        raise InvalidInput(_("Choose whether this is a risk moment or a signal."), "kind")
    values = {"heading_nl": heading_nl, "heading_en": heading_en, "text_nl": text_nl, "text_en": text_en}
    values = {key: (value or "").strip() for key, value in values.items()}
    if values["heading_nl"] and not values["heading_en"]:
        values["heading_en"] = _known_heading_en(group, values["heading_nl"]) or ""
    for field, message in (("heading_nl", _("Enter the heading in Dutch.")),
                           ("heading_en", _("Enter the heading in English.")),
                           ("text_nl", _("Enter the text in Dutch.")), ("text_en", _("Enter the text in English."))):
        if not values[field]:
            raise InvalidInput(message, field)
    same_text = func.lower(ChecklistItem.text_nl) == values["text_nl"].lower()
    if db.session.scalar(select(ChecklistItem.id).where(ChecklistItem.group_code == group, same_text)):
        raise InvalidInput(_("This group already has an item with this Dutch text."), "text_nl")
    number = db.session.scalar(select(func.count(ChecklistItem.id)).where(ChecklistItem.is_local.is_(True))) + 1
    code = f"local.{group}.{number:03d}"
    while db.session.scalar(select(ChecklistItem.id).where(ChecklistItem.code == code)):
        number += 1
        code = f"local.{group}.{number:03d}"
    position = (db.session.scalar(select(func.max(ChecklistItem.position))) or 0) + 1
    item = ChecklistItem(code=code, group_code=group, kind=kind, position=max(position, 1000), is_local=True,
                         **values)
    db.session.add(item)
    db.session.flush()
    audit.record(actor, "checklist.add", obj=item, detail={"code": code})
    return item


def _known_heading_en(group: str, heading_nl: str) -> str | None:
    """When a local item joins an existing heading, its English heading is already known."""
    return db.session.scalar(select(ChecklistItem.heading_en).where(
        ChecklistItem.group_code == group, func.lower(ChecklistItem.heading_nl) == heading_nl.lower()).limit(1))


def set_retired(actor, item: ChecklistItem, retired: bool) -> None:
    """Retire an item (no longer offered; old records keep showing it), or bring it back."""
    require(can_administer(actor))
    item.retired_at = utcnow() if retired else None
    audit.record(actor, "checklist.retire" if retired else "checklist.unretire", obj=item,
                 detail={"code": item.code})
    db.session.flush()

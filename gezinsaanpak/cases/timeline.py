"""One timeline per household: contacts, stage moves, handovers, check-ins, signals, goals and referrals.

The household page shows the newest entries; the timeline page shows all of them a page at a time, optionally
one kind only. All sources are one UNION ALL of plain columns (names joined in), sorted and cut off in SQL, so a
page costs one statement however long the history grows; labels are made in Python, in the reader's language.
"""
from dataclasses import dataclass
from datetime import date
from functools import cache

from sqlalchemy import Integer, String, bindparam, case, cast, func, literal_column, null, select, union_all
from sqlalchemy.orm import aliased

from ..auth.models import User
from ..extensions import db
from ..i18n import _, _l
from . import labels
from .models import CheckIn, Contact, CoordinatorAssignment, Member, StageTransition
from .queries import Page

# The coach of a handover and who made it: two users in one row. Made once; an alias costs more than the query.
COACH, BY = aliased(User, name="coach"), aliased(User, name="handed_over_by")

# What a coach can narrow the timeline to, in the order of the filter.
KINDS = {"contact": _l("Contacts"), "stage": _l("Stages and coordinators"), "check_in": _l("Check-ins"),
         "signal": _l("Signals"), "goal": _l("Goals"), "referral": _l("Referrals")}


@dataclass
class Entry:
    on: date
    kind: str
    title: str
    detail: str | None = None
    by: str | None = None


def timeline(household, limit: int | None = None, kind: str | None = None) -> list[Entry]:
    """The newest entries (all when `limit` is None), newest first; `kind` narrows it to one kind of entry."""
    return [entry for entry, _total in _entries(household.id, limit, 0, kind)]


def timeline_page(household, page: int = 1, per_page: int = 50, kind: str | None = None) -> Page:
    """One page of the timeline, and how many entries there are in all (one statement)."""
    page = max(page, 1)
    rows = _entries(household.id, per_page, (page - 1) * per_page, kind)
    if not rows and page > 1:  # past the end (an old link): the last page
        page = Page.within(page, count_entries(household, kind), per_page)
        rows = _entries(household.id, per_page, (page - 1) * per_page, kind)
    total = rows[0][1] if rows else 0
    return Page(rows=[entry for entry, _total in rows], page=page, per_page=per_page, total=total)


def count_entries(household, kind: str | None = None) -> int:
    return db.session.scalar(_statements(kind)[1], {"hid": household.id})


def _entries(hid: int, limit: int | None, offset: int, kind: str | None) -> list[tuple[Entry, int]]:
    """(entry, number of entries in all) for one window of the timeline."""
    english = _is_english()
    rows = db.session.execute(_statements(kind)[0], {"hid": hid, "limit": ALL if limit is None else limit,
                                                     "offset": offset})
    return [(DESCRIBE[row.kind](row, english), row.total) for row in rows]


ALL = 1_000_000  # "no limit" as a number, so one statement serves both


@cache
def _statements(kind: str | None):
    """(window, count) for one kind or all: built once with bound parameters. Building and keying a union of seven
    selects costs more than running it, so a page only binds the household, the limit and the offset."""
    from ..referrals.queries import timeline_rows as referrals
    sources = [("contact", _contacts), ("stage", _stages), ("stage", _coordinators), ("check_in", _check_ins),
               ("signal", _signals), ("goal", _goals), ("referral", referrals)]
    hid = bindparam("hid", type_=Integer)
    rows = union_all(*(source(hid) for source_kind, source in sources if kind in (None, source_kind))).subquery()
    window = (select(rows, func.count().over().label("total"))
              .order_by(rows.c.on.desc(), rows.c.kind, rows.c.id.desc())
              .limit(bindparam("limit", type_=Integer)).offset(bindparam("offset", type_=Integer)))
    return window, select(func.count()).select_from(rows)


def row(on, kind: str, id_, code=None, other_code=None, reason=None, number=None, text=None, detail=None,
        by=None):
    """One source's columns in the timeline's shape: a select of these is one branch of the union. The slots are
    generic; each kind's describe function below knows what it put where (a signal's Dutch and English text in
    `code` and `other_code`, a referral's fund in `reason`)."""
    return (cast(on, String).label("on"), literal_column(f"'{kind}'").label("kind"), id_.label("id"),
            _text(code, "code"), _text(other_code, "other_code"), _text(reason, "reason"),
            (number if number is not None else cast(null(), Integer)).label("number"),
            _text(text, "text"), _text(detail, "detail"), _text(by, "by"))


def _text(column, name):
    return (column if column is not None else cast(null(), String)).label(name)


def _contacts(hid: int):
    return (select(*row(Contact.contact_on, "contact", Contact.id, code=Contact.kind,
                        number=Contact.duration_minutes, detail=Contact.note, by=User.name))
            .join(User, User.id == Contact.by_id).where(Contact.household_id == hid))


def _stages(hid: int):
    return (select(*row(StageTransition.moved_on, "stage", StageTransition.id, code=StageTransition.to_stage,
                        other_code=StageTransition.from_stage, reason=StageTransition.reason,
                        detail=StageTransition.note, by=User.name))
            .join(User, User.id == StageTransition.by_id).where(StageTransition.household_id == hid))


def _coordinators(hid: int):
    return (select(*row(CoordinatorAssignment.started_at, "coordinator", CoordinatorAssignment.id, text=COACH.name,
                        detail=CoordinatorAssignment.note, by=BY.name))
            .join(COACH, COACH.id == CoordinatorAssignment.coach_id).join(BY, BY.id == CoordinatorAssignment.by_id)
            .where(CoordinatorAssignment.household_id == hid))


def _check_ins(hid: int):
    done = case((CheckIn.done_on.is_not(None), literal_column("'done'")), else_=literal_column("'planned'"))
    return select(*row(func.coalesce(CheckIn.done_on, CheckIn.due_on), "check_in", CheckIn.id, code=done,
                       text=CheckIn.subject)).where(CheckIn.household_id == hid)


def _signals(hid: int):
    from ..signals.models import ChecklistItem, Signal
    return (select(*row(Signal.observed_on, "signal", Signal.id, code=ChecklistItem.text_nl,
                        other_code=ChecklistItem.text_en, text=Member.first_name))
            .join(ChecklistItem, ChecklistItem.id == Signal.item_id).outerjoin(Member, Member.id == Signal.member_id)
            .where(Signal.household_id == hid))


def _goals(hid: int):
    from ..plans.models import Domain, Goal
    return (select(*row(Goal.created_at, "goal", Goal.id, code=Domain.label_nl, other_code=Domain.label_en,
                        text=Member.first_name, detail=Goal.description))
            .join(Domain, Domain.id == Goal.domain_id).outerjoin(Member, Member.id == Goal.member_id)
            .where(Goal.household_id == hid))


def _day(text: str) -> date:
    return date.fromisoformat(text[:10])


def _contact(r, english) -> Entry:
    duration = _(" · %(n)d minutes", n=r.number) if r.number else ""
    return Entry(_day(r.on), "contact", f"{labels.CONTACT_LABELS[r.code]}{duration}", r.detail, r.by)


def _stage(r, english) -> Entry:
    title = _("Stage: %(stage)s", stage=labels.STAGE_LABELS[r.code])
    if r.reason:
        title += f" ({labels.CLOSE_REASON_LABELS[r.reason]})"
    if r.other_code == "closed":
        title = _("Reopened: %(stage)s", stage=labels.STAGE_LABELS[r.code])
    return Entry(_day(r.on), "stage", title, r.detail, r.by)


def _coordinator(r, english) -> Entry:
    return Entry(_day(r.on), "coordinator", _("Coordinator: %(name)s", name=r.text), r.detail, r.by)


def _check_in(r, english) -> Entry:
    state = _("done") if r.code == "done" else _("planned")
    return Entry(_day(r.on), "check_in", _("Check-in (%(state)s): %(subject)s", state=state, subject=r.text))


def _signal(r, english) -> Entry:
    who = f" ({r.text})" if r.text else ""
    return Entry(_day(r.on), "signal", _("Signal: %(text)s", text=r.other_code if english else r.code) + who)


def _goal(r, english) -> Entry:
    domain = r.other_code if english else r.code
    return Entry(_day(r.on), "goal", _("Goal for %(who)s: %(domain)s", who=r.text or _("the family"), domain=domain),
                 r.detail)


def _referral(r, english) -> Entry:
    from ..referrals.labels import STATUS_LABELS
    title = _("Referral to %(to)s: %(status)s", to=r.reason, status=STATUS_LABELS[r.code])
    if r.text:
        title += f" ({r.text})"
    return Entry(_day(r.on), "referral", title, r.detail, r.by)


DESCRIBE = {"contact": _contact, "stage": _stage, "coordinator": _coordinator, "check_in": _check_in,
            "signal": _signal, "goal": _goal, "referral": _referral}


def _is_english() -> bool:
    from flask import g
    return g.get("lang") == "en"

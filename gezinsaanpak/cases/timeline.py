"""One timeline per household: contacts, stage moves, handovers and check-ins done here, and what the other areas
register as timeline sources (signals, assessments, goals and their reviews, referral steps; see registry.py).
It is the history: a check-in still planned is not in it (the household page lists what comes up).

The household page shows the newest entries; the timeline page shows all of them a page at a time, optionally
one kind only. All sources are one UNION ALL sorted and cut off in SQL, so a page costs one statement however
long the history grows. Each source declares named columns and gets its rows back with those names; the union's
shared column slots are laid out here and nowhere else. Labels are made in Python, in the reader's language.
Entries are in true order: by day, and within a day by the moment each was recorded (a source's `at` column).
"""
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Integer, String, bindparam, cast, func, literal_column, null, select, union_all
from sqlalchemy.orm import aliased

from ..auth.models import User
from ..i18n import _, _l, is_english
from ..web import read_columns
from . import labels
from .models import CheckIn, ClosingRequest, Consent, Contact, CoordinatorAssignment, StageTransition
from .queries import Page
from .registry import TimelineSource, household_parts, row_type

# The coach of a handover and who made it: two users in one row. Made once; an alias costs more than the query.
COACH, BY = aliased(User, name="coach"), aliased(User, name="handed_over_by")
ALL = 1_000_000  # "no limit" as a number, so one statement serves both


@dataclass
class Entry:
    on: date
    kind: str
    title: str
    detail: str | None = None
    by: str | None = None


def kinds() -> dict:
    """What a coach can narrow the timeline to, in the order of the filter."""
    return household_parts().timeline_kinds


def timeline(household, limit: int | None = None, kind: str | None = None) -> list[Entry]:
    """The newest entries (all when `limit` is None), newest first; `kind` narrows it to one kind of entry."""
    return [entry for entry, _total in _entries(household.id, limit, 0, kind)]


def timeline_page(household, page: int = 1, per_page: int = 50, kind: str | None = None) -> Page:
    """One page of the timeline, and how many entries there are in all (one statement)."""
    page = min(max(page, 1), ALL)
    rows = _entries(household.id, per_page, (page - 1) * per_page, kind)
    if not rows and page > 1:  # past the end (an old link): the last page
        page = Page.within(page, count_entries(household, kind), per_page)
        rows = _entries(household.id, per_page, (page - 1) * per_page, kind)
    total = rows[0][1] if rows else 0
    return Page(rows=[entry for entry, _total in rows], page=page, per_page=per_page, total=total)


def count_entries(household, kind: str | None = None) -> int:
    return read_columns(_union(kind).count, {"hid": household.id}).scalar()


def _entries(hid: int, limit: int | None, offset: int, kind: str | None) -> list[tuple[Entry, int]]:
    """(entry, number of entries in all) for one window of the timeline."""
    lang, union = ("en" if is_english() else "nl"), _union(kind)
    rows = read_columns(union.window, {"hid": hid, "limit": ALL if limit is None else limit, "offset": offset})
    return [(union.describe(row, lang), row.total) for row in rows]


@dataclass(frozen=True)
class _Union:
    window: object
    count: object
    readers: dict  # source name -> (source, typed row class, slot per field)

    def describe(self, row, lang) -> Entry:
        source, typed, slots = self.readers[row.kind]
        values = {name: getattr(row, slot) for name, slot in slots.items()}
        return source.describe(typed(on=date.fromisoformat(row.on[:10]), id=row.id, **values), lang)


def _union(kind: str | None) -> _Union:
    """The window and count statements for one kind or all, built once per application with bound parameters:
    building and keying a union of seven selects costs more than running it."""
    parts = household_parts()
    key = ("timeline", kind)
    if key not in parts.cache:
        parts.cache[key] = _build([s for s in parts.timeline if kind in (None, s.kind)])
    return parts.cache[key]


def _build(sources: list[TimelineSource]) -> _Union:
    """Lay every source's named columns into shared slots: text fields in t0, t1, ..., numbers in n0, n1, ..."""
    hid = bindparam("hid", type_=Integer)
    statements = [(source, source.select(hid)) for source in sources]
    layouts = []
    for _source, statement in statements:
        fields = [c for c in statement.selected_columns if c.key not in ("on", "id", "at")]
        numbers = [c for c in fields if isinstance(c.type, Integer)]
        texts = [c for c in fields if not isinstance(c.type, Integer)]
        layouts.append(({c.key: f"t{i}" for i, c in enumerate(texts)} | {c.key: f"n{i}" for i, c in enumerate(numbers)},
                        texts, numbers))
    width_t = max((len(t) for _s, t, _n in layouts), default=0)
    width_n = max((len(n) for _s, _t, n in layouts), default=0)
    branches, readers = [], {}
    for (source, statement), (slots, texts, numbers) in zip(statements, layouts, strict=True):
        columns = statement.selected_columns
        branches.append(statement.with_only_columns(
            cast(columns.on, String).label("on"), literal_column(f"'{source.name}'").label("kind"),
            columns.id.label("id"), cast(columns.at if "at" in columns else columns.on, String).label("at"),
            *[(texts[i] if i < len(texts) else cast(null(), String)).label(f"t{i}") for i in range(width_t)],
            *[(numbers[i] if i < len(numbers) else cast(null(), Integer)).label(f"n{i}") for i in range(width_n)],
            maintain_column_froms=True))
        readers[source.name] = (source, row_type(source, ("on", "id", *slots)), slots)
    rows = union_all(*branches).subquery()
    window = (select(rows, func.count().over().label("total"))
              .order_by(func.substr(rows.c.on, 1, 10).desc(), rows.c.at.desc(), rows.c.kind, rows.c.id.desc())
              .limit(bindparam("limit", type_=Integer)).offset(bindparam("offset", type_=Integer)))
    return _Union(window, select(func.count()).select_from(rows), readers)


# The household's own sources.

def _contacts(hid):
    return (select(Contact.contact_on.label("on"), Contact.id.label("id"), Contact.created_at.label("at"),
                   Contact.kind.label("contact_kind"), Contact.duration_minutes.label("minutes"),
                   Contact.note.label("note"), User.name.label("by"))
            .join(User, User.id == Contact.by_id).where(Contact.household_id == hid))


def _contact(r, lang) -> Entry:
    duration = _(" · %(n)d minutes", n=r.minutes) if r.minutes else ""
    return Entry(r.on, "contact", f"{labels.CONTACT_LABELS[r.contact_kind]}{duration}", r.note, r.by)


def _stages(hid):
    return (select(StageTransition.moved_on.label("on"), StageTransition.id.label("id"),
                   StageTransition.created_at.label("at"), StageTransition.to_stage.label("to_stage"),
                   StageTransition.from_stage.label("from_stage"),
                   StageTransition.reason.label("reason"), StageTransition.note.label("note"), User.name.label("by"))
            .join(User, User.id == StageTransition.by_id).where(StageTransition.household_id == hid))


def _stage(r, lang) -> Entry:
    title = _("Stage: %(stage)s", stage=labels.STAGE_LABELS[r.to_stage])
    if r.reason:
        title += f" ({labels.CLOSE_REASON_LABELS[r.reason]})"
    if r.from_stage == "closed":
        title = _("Reopened: %(stage)s", stage=labels.STAGE_LABELS[r.to_stage])
    return Entry(r.on, "stage", title, r.note, r.by)


def _coordinators(hid):
    return (select(CoordinatorAssignment.started_at.label("on"), CoordinatorAssignment.id.label("id"),
                   CoordinatorAssignment.started_at.label("at"),
                   COACH.name.label("coach"), CoordinatorAssignment.note.label("note"), BY.name.label("by"))
            .join(COACH, COACH.id == CoordinatorAssignment.coach_id).join(BY, BY.id == CoordinatorAssignment.by_id)
            .where(CoordinatorAssignment.household_id == hid))


def _coordinator(r, lang) -> Entry:
    return Entry(r.on, "coordinator", _("Coordinator: %(name)s", name=r.coach), r.note, r.by)


def _check_ins(hid):
    return select(CheckIn.done_on.label("on"), CheckIn.id.label("id"), CheckIn.subject.label("subject")).where(
        CheckIn.household_id == hid, CheckIn.done_on.is_not(None))


def _check_in(r, lang) -> Entry:
    return Entry(r.on, "check_in", _("Check-in (%(state)s): %(subject)s", state=_("done"), subject=r.subject))


def _withdrawals(hid):
    return (select(Consent.withdrawn_on.label("on"), Consent.id.label("id"), Consent.withdrawal_note.label("note"),
                   User.name.label("by"))
            .outerjoin(User, User.id == Consent.withdrawn_by_id)
            .where(Consent.household_id == hid, Consent.withdrawn_on.is_not(None)))


def _withdrawal(r, lang) -> Entry:
    return Entry(r.on, "consent", _("The family withdrew its consent to registration"), r.note, r.by)


def _renewed(hid):
    earlier = aliased(Consent, name="earlier_consent")
    return (select(Consent.given_on.label("on"), Consent.id.label("id"), Consent.created_at.label("at"),
                   Consent.scope.label("scope"), User.name.label("by"))
            .join(User, User.id == Consent.recorded_by_id)
            .where(Consent.household_id == hid,
                   select(earlier.id).where(earlier.household_id == hid, earlier.id < Consent.id).exists()))


def _renewal(r, lang) -> Entry:
    return Entry(r.on, "consent", _("The family consented to registration again"), r.scope, r.by)


def _closing_requests(hid):
    return (select(ClosingRequest.requested_on.label("on"), ClosingRequest.id.label("id"),
                   ClosingRequest.created_at.label("at"), ClosingRequest.close_reason.label("reason"),
                   ClosingRequest.note.label("note"), User.name.label("by"))
            .join(User, User.id == ClosingRequest.requested_by_id).where(ClosingRequest.household_id == hid))


def _closing_request(r, lang) -> Entry:
    return Entry(r.on, "stage", _("Asked the team lead to close (%(reason)s)",
                                  reason=labels.CLOSE_REASON_LABELS[r.reason]), r.note, r.by)


def _closing_returns(hid):
    return (select(ClosingRequest.decided_on.label("on"), ClosingRequest.id.label("id"),
                   ClosingRequest.returned_note.label("note"), User.name.label("by"))
            .join(User, User.id == ClosingRequest.decided_by_id)
            .where(ClosingRequest.household_id == hid, ClosingRequest.approved.is_(False)))


def _closing_return(r, lang) -> Entry:
    return Entry(r.on, "stage", _("The team lead sent the request to close back"), r.note, r.by)


SOURCES = [
    (TimelineSource("contact", "contact", _contacts, _contact), _l("Contacts")),
    (TimelineSource("stage", "stage", _stages, _stage), _l("Stages and coordinators")),
    (TimelineSource("coordinator", "stage", _coordinators, _coordinator), None),
    (TimelineSource("closing_request", "stage", _closing_requests, _closing_request), None),
    (TimelineSource("closing_return", "stage", _closing_returns, _closing_return), None),
    (TimelineSource("check_in", "check_in", _check_ins, _check_in), _l("Check-ins")),
    (TimelineSource("consent_withdrawn", "consent", _withdrawals, _withdrawal), _l("Consent")),
    (TimelineSource("consent_renewed", "consent", _renewed, _renewal), None),
]

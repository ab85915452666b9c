"""Read side of signals: the checklist as a coach sees it, and a household's signals at a glance.

Every function costs a fixed number of queries, whatever the number of signals.
"""
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import bindparam, func, select

from ..cases.models import Contact
from ..extensions import db
from ..i18n import _, in_language
from ..plans.assessments import domains_by_code
from ..timeutil import today
from ..web import once_per_request, read_columns
from .areas import area_of
from .models import CHECKLIST, GROUPS, ChecklistItem, Signal
from .rules import OPEN_STATES, fitting_groups, item_fits


@dataclass
class Heading:
    text: str
    entries: list = field(default_factory=list)


@dataclass
class Group:
    code: str
    headings: list[Heading] = field(default_factory=list)

    @property
    def count(self):
        return sum(len(h.entries) for h in self.headings)


@dataclass
class Section:
    """One subject on the recording screen: the household, or one member, with the groups that fit."""
    prefix: str
    title: str
    member: object | None
    groups: list[Group]


def grouped(entries, item_of=lambda entry: entry) -> list[Group]:
    """Entries (items, or signals with their item) in checklist order: group, then heading, then position."""
    order = {g: n for n, g in enumerate(GROUPS)}
    pairs = sorted(((item_of(e), e) for e in entries), key=lambda pair: (order[pair[0].group_code],
                                                                         pair[0].position, pair[0].id))
    groups: dict[str, Group] = {}
    for item, entry in pairs:
        group = groups.setdefault(item.group_code, Group(item.group_code))
        text = in_language(item, "heading")
        heading = next((h for h in group.headings if h.text == text), None)
        if heading is None:
            heading = Heading(text)
            group.headings.append(heading)
        heading.entries.append(entry)
    return list(groups.values())


def offered_items() -> list[ChecklistItem]:
    """Items a coach can tick now, as this process keeps the checklist: retired items only live on in old
    records."""
    return [item for item in CHECKLIST.copy().entries if item.retired_at is None]


def recording_sections(household, on: date | None = None) -> list[Section]:
    """The household first, then every current member, each with the checklist items that fit them: their groups,
    and within those the items for their age."""
    on = on or today()
    items = offered_items()
    subjects = [(None, "h", _("The household as a whole"))]
    if household.is_registered:
        subjects += [(m, f"m{m.id}", m.first_name) for m in household.members if m.left_on is None]
    sections = []
    for member, prefix, title in subjects:
        groups = set(fitting_groups(member, household, on, GROUPS))
        fitting = [item for item in items if item.group_code in groups
                   and (member is None or item_fits(item, member, on))]
        if fitting:
            sections.append(Section(prefix, title, member, grouped(fitting)))
    return sections


def open_signals(household) -> dict[tuple, Signal]:
    """Open signals by (item id, member id): what need not be ticked again."""
    rows = db.session.scalars(select(Signal).where(Signal.household_id == household.id,
                                                   Signal.state.in_(OPEN_STATES)))
    return {(s.item_id, s.member_id): s for s in rows}


def previous_visit_on(household, before: date | None = None) -> date | None:
    """The last home visit before today: what is new is what was observed after it."""
    return read_columns(_PREVIOUS_VISIT, {"hid": household.id, "before": before or today()}).scalar()


_PREVIOUS_VISIT = select(func.max(Contact.contact_on)).where(
    Contact.household_id == bindparam("hid"), Contact.kind == "home_visit", Contact.contact_on < bindparam("before"))


def open_signal_counts(household) -> dict:
    """Open signals per member (None for the household) and life area: {member_id: {area: count}}."""
    counts: dict = {}
    for signal in household_signals(household):
        if signal.state in OPEN_STATES:
            per_member = counts.setdefault(signal.member_id, {})
            area = area_of(signal.item)
            per_member[area] = per_member.get(area, 0) + 1
    return counts


def household_signals(household) -> list[Signal]:
    """Every signal of the household, newest first (each reads its item from the kept checklist); loaded once per
    request, as the household page shows them and the plan suggestions count them."""
    household.members  # noqa: B018 - in the session: each signal finds its member without a join
    return once_per_request(("signals", household.id),
                            lambda: db.session.scalars(_HOUSEHOLD_SIGNALS, {"hid": household.id}).all())


_HOUSEHOLD_SIGNALS = (select(Signal).where(Signal.household_id == bindparam("hid"))
                      .order_by(Signal.observed_on.desc(), Signal.id))


@dataclass
class Overview:
    previous_visit: date | None
    subjects: list  # [(title, member, [Group of signals])]
    set_aside: list[Signal]
    areas: list  # [(label, count)], most first
    open_count: int

    def is_new(self, signal) -> bool:
        return self.previous_visit is not None and signal.observed_on > self.previous_visit


def overview(household) -> Overview:
    """A household's signals for its page: open ones per member and heading, set-aside ones apart."""
    signals = household_signals(household)
    open_ = [s for s in signals if s.state in OPEN_STATES]
    subjects = []
    members = [None] + sorted({s.member for s in open_ if s.member}, key=lambda m: m.id)
    for member in members:
        mine = [s for s in open_ if s.member == member]
        if mine:
            title = member.first_name if member else _("The household as a whole")
            subjects.append((title, member, grouped(mine, item_of=lambda s: s.item)))
    totals: dict[str, int] = {}
    for s in open_:
        area = area_of(s.item)
        totals[area] = totals.get(area, 0) + 1
    domains = domains_by_code() if totals else {}
    areas = sorted(((in_language(domains[code], "label") if code in domains else code, count)
                    for code, count in totals.items()), key=lambda pair: (-pair[1], pair[0]))
    return Overview(previous_visit_on(household), subjects, [s for s in signals if s.state not in OPEN_STATES],
                    areas, len(open_))

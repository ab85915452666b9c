"""Read-side helpers for household lists and the start page; access is part of every query."""
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from ..extensions import db
from ..timeutil import today
from .access import visible_households_clause
from .closing import closing_due_items
from .models import STAGES, CheckIn, Contact, Household, Member, Neighbourhood
from .registry import DueItem, household_parts
from .support import support_due_items


def last_contact_subquery():
    return (select(func.max(Contact.contact_on)).where(Contact.household_id == Household.id)
            .correlate(Household).scalar_subquery())


def next_due_subquery():
    return (select(func.min(CheckIn.due_on)).where(CheckIn.household_id == Household.id, CheckIn.done_on.is_(None))
            .correlate(Household).scalar_subquery())


def visible_households(user, include_closed=False, stage=None, neighbourhood=None, search=None, page=1,
                       per_page=50):
    """The households a user may see, with last contact and next due date, filtered and paginated.

    Rows are (household, last_contact_on, next_due_on).
    """
    query = (select(Household, last_contact_subquery().label("last_contact"), next_due_subquery().label("next_due"))
             .where(visible_households_clause(user))
             .options(joinedload(Household.coordinator), joinedload(Household.neighbourhood),
                      selectinload(Household.extensions))
             .order_by(Household.stage == "closed", Household.pseudonym, Household.id))
    if stage in STAGES:
        query = query.where(Household.stage == stage)
    elif not include_closed:
        query = query.where(Household.stage != "closed")
    if neighbourhood:
        query = query.where(Household.neighbourhood_id == neighbourhood)
    if search and search.strip():
        pattern = f"%{search.strip().lower()}%"
        query = query.where(or_(func.lower(Household.pseudonym).like(pattern),
                                Household.id.in_(select(Member.household_id)
                                                 .where(func.lower(Member.first_name).like(pattern)))))
    return paged(query, page, per_page)


def paged(query, page: int, per_page: int, entities: bool = False) -> "Page":
    """One page of a query's rows (its entities, with `entities`) and how many there are in all."""
    total = db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    page = Page.within(page, total, per_page)
    window = query.limit(per_page).offset((page - 1) * per_page)
    return Page(db.session.scalars(window).all() if entities else db.session.execute(window).all(), page, per_page,
                total)


@dataclass
class Page:
    rows: list
    page: int
    per_page: int
    total: int

    @property
    def pages(self):
        return max((self.total + self.per_page - 1) // self.per_page, 1)

    @staticmethod
    def within(requested, total: int, per_page: int) -> int:
        """The page number asked for, kept between the first and the last page: an old link past the end (the
        list got shorter) shows the last page rather than an empty one."""
        return min(max(requested or 1, 1), max((total + per_page - 1) // per_page, 1))


def neighbourhoods(user) -> list[Neighbourhood]:
    """The neighbourhoods of the households a user may see, for the list's filter."""
    return db.session.scalars(select(Neighbourhood).where(Neighbourhood.id.in_(
        select(Household.neighbourhood_id).where(visible_households_clause(user)))).order_by(Neighbourhood.name)).all()


def due_items(user, on: date | None = None) -> tuple[list[DueItem], list[DueItem]]:
    """What is overdue and what is due this week, for the households a user works on."""
    on = on or today()
    week_end = on + timedelta(days=6 - on.weekday())
    rows = db.session.execute(
        select(CheckIn, Household).join(Household, Household.id == CheckIn.household_id)
        .where(visible_households_clause(user), CheckIn.done_on.is_(None), CheckIn.due_on <= week_end,
               Household.stage != "closed")
        .order_by(CheckIn.due_on)).all()
    items = [DueItem(check_in.due_on, household, check_in.subject, "check_in") for check_in, household in rows]
    items += support_due_items(user, week_end)
    items += closing_due_items(user, week_end)
    for source in household_parts().due:  # each area owns its follow-up rules (referrals: decisions, renewals)
        items += source(user, week_end)
    items.sort(key=lambda item: item.due_on)
    return [i for i in items if i.due_on < on], [i for i in items if i.due_on >= on]


def namesakes(household, members=None) -> tuple[bool, list]:
    """Whether another household of the team has the same pseudonym, and which of this household's members share
    a first name and date of birth with a member of another household of the team (`members`: only these ones, say
    one just added): maybe one family registered
    twice. A warning to check, not a refusal (names repeat); the other household is not named, as the coach may
    not be allowed to see it."""
    others = (Household.team_id == household.team_id) & (Household.id != household.id)
    same_pseudonym = db.session.scalar(select(func.count(Household.id)).where(
        others, func.lower(func.trim(Household.pseudonym)) == household.pseudonym.strip().lower())) > 0
    if members is None:  # read afresh: members added in this request need not be in `household.members` yet
        members = db.session.scalars(select(Member).where(Member.household_id == household.id)).all()
    current = [m for m in members if m.left_on is None]
    if not current:
        return same_pseudonym, []
    twins = {tuple(row) for row in db.session.execute(
        select(func.lower(Member.first_name), Member.date_of_birth).join(Household, Household.id == Member.household_id)
        .where(others, Member.left_on.is_(None),
               Member.date_of_birth.in_({m.date_of_birth for m in current})))}
    return same_pseudonym, [m for m in current if (m.first_name.lower(), m.date_of_birth) in twins]

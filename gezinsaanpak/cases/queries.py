"""Read-side helpers for household lists; access is part of every query."""
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..auth.permissions import visible_households_clause
from ..extensions import db
from ..timeutil import months_between, today
from .models import Household


def visible_households(user, include_closed: bool = False, page: int = 1, per_page: int = 50):
    """The households a user may see, open ones first by stage start, paginated."""
    query = (select(Household).where(visible_households_clause(user))
             .options(selectinload(Household.coordinator), selectinload(Household.members))
             .order_by(Household.stage == "closed", Household.pseudonym, Household.id))
    if not include_closed:
        query = query.where(Household.stage != "closed")
    return db.paginate(query, page=page, per_page=per_page, error_out=False)


def months_in_support(household, on=None) -> int | None:
    """Months since registration; None before registration."""
    if household.registered_on is None:
        return None
    end = household.closed_on or on or today()
    return months_between(household.registered_on, end)

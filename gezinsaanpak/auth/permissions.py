"""Who may see what: the one access policy every view and operation uses.

A coach sees the households they coordinate or work on as co-worker; a team lead sees every household
of their team; an administrator manages users, teams and catalogues but sees no family data
(separation of duties). Anyone else gets a 404, never a hint that the household exists.
"""
from functools import cache, wraps

from flask import abort
from flask_login import current_user
from sqlalchemy import exists, select, union_all
from sqlalchemy.orm import aliased, joinedload

from .. import audit
from ..errors import PermissionDenied
from ..extensions import db
from .endpoints import check_declared


def _is_worker(user, household) -> bool:
    from ..cases.models import HouseholdWorker
    return db.session.scalar(select(exists().where(HouseholdWorker.household_id == household.id,
                                                   HouseholdWorker.user_id == user.id)))


def can_view_household(user, household) -> bool:
    """Family data is visible to its coordinator, its co-workers and the team lead of its team."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.active:
        return False
    if user.role == "teamlead":
        return household.team_id == user.team_id
    if user.role == "coach":
        return household.coordinator_id == user.id or _is_worker(user, household)
    return False


def can_edit_household(user, household) -> bool:
    """Whoever may see a household works on it; there is no read-only family role yet."""
    return can_view_household(user, household)


def can_hand_over(user, household) -> bool:
    """The coordinator hands a household over, or the team lead of its team reassigns it."""
    if not can_view_household(user, household):
        return False
    return household.coordinator_id == user.id or user.role == "teamlead"


def can_view_audit(user, household) -> bool:
    """Who opened a family's file is for the team lead of its team to review, not for colleagues."""
    return can_view_household(user, household) and user.role == "teamlead"


def can_erase_household(user, household) -> bool:
    """Erasing a family's file on its request (art. 17 AVG) is the team lead's decision, not the coach's."""
    return can_view_audit(user, household)


def can_administer(user) -> bool:
    return bool(user and user.is_authenticated and user.active and user.role == "admin")


@cache
def _coordinated():
    """Households under a name of their own, so the subquery is not correlated with the outer query; made once,
    as building an alias costs more than the query."""
    from ..cases.models import Household
    return aliased(Household, name="coordinated")


def visible_households_clause(user):
    """A WHERE clause selecting exactly the households `can_view_household` allows, for lists.

    A coach's households as one id list (coordinated, then co-worked): both halves come from an index, so the
    cost follows the caseload. `coordinator_id = ? OR id IN (...)` made PostgreSQL read every household."""
    from ..cases.models import Household, HouseholdWorker
    if user.role == "teamlead":
        return Household.team_id == user.team_id
    if user.role == "coach":
        coordinated = _coordinated()
        return Household.id.in_(union_all(
            select(coordinated.id).where(coordinated.coordinator_id == user.id),
            select(HouseholdWorker.household_id).where(HouseholdWorker.user_id == user.id)))
    return Household.id.is_(None)


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied()


def get_household_or_404(household_id: int, need: str = "view", action: str | None = None):
    """Load a household the current user may use, and record the access; otherwise a plain 404.

    `need` is "view", "edit", "hand_over", "audit" or "erase". The audit event is written here so no view can forget it.
    """
    from ..cases.models import Household
    checks = {"view": can_view_household, "edit": can_edit_household, "hand_over": can_hand_over,
              "audit": can_view_audit, "erase": can_erase_household}
    check_declared(need)
    # Its members come along: nearly every household page shows them, and the policy needs its co-workers.
    household = db.session.get(Household, household_id,
                               options=[joinedload(Household.members), joinedload(Household.workers)])
    action = action or f"household.{need}"
    if household is None or not checks[need](current_user, household):
        audit.record_denied(current_user, action, household_id)
        abort(404)
    audit.record(current_user, action, household)
    return household


def get_in_household_or_404(model, object_id, household):
    """Load a record that belongs to a household the user already passed; anything else is a plain 404.

    Guards against reaching another family's record through a household one may see.
    """
    obj = db.session.get(model, object_id) if object_id else None
    if obj is None or obj.household_id != household.id:
        audit.record_denied(current_user, f"{model.__tablename__}.view", household.id)
        abort(404)
    return obj


def admin_required(view):
    """Administrator pages: users, teams and catalogues, never family data."""
    @wraps(view)
    def wrapped(*args, **kwargs):
        if not can_administer(current_user):
            abort(403)
        return view(*args, **kwargs)
    return wrapped


def teamlead_required(view):
    @wraps(view)
    def wrapped(*args, **kwargs):
        if not (current_user.is_authenticated and current_user.role == "teamlead"):
            abort(403)
        return view(*args, **kwargs)
    return wrapped

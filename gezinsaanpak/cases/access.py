"""Loading family data for a request: the household (or a record of it) only when the policy in
auth/permissions.py allows it, with the audit event written on the same path; and the same policy as a WHERE
clause for lists. Every household route goes through `get_household_or_404`, so no view can forget either.
"""
from functools import cache

from flask import abort
from flask_login import current_user
from sqlalchemy import bindparam, select, union_all
from sqlalchemy.orm import aliased, joinedload

from .. import audit
from ..auth.endpoints import check_declared
from ..auth.permissions import (
    can_edit_household,
    can_erase_household,
    can_export_household,
    can_extend_support,
    can_hand_over,
    can_view_audit,
    can_view_household,
)
from ..errors import HouseholdErased
from ..extensions import db
from .models import Household, HouseholdWorker

CHANGING_NEEDS = {"edit", "hand_over"}  # what an erased household refuses


@cache
def _coordinated():
    """Households under a name of their own, so the subquery is not correlated with the outer query; made once,
    as building an alias costs more than the query."""
    return aliased(Household, name="coordinated")


def visible_households_clause(user):
    """A WHERE clause selecting exactly the households `can_view_household` allows, for lists.

    A coach's households as one id list (coordinated, then co-worked): both halves come from an index, so the
    cost follows the caseload. `coordinator_id = ? OR id IN (...)` made PostgreSQL read every household."""
    if user.role == "teamlead":
        return Household.team_id == user.team_id
    if user.role == "coach":
        coordinated = _coordinated()
        return Household.id.in_(union_all(
            select(coordinated.id).where(coordinated.coordinator_id == user.id),
            select(HouseholdWorker.household_id).where(HouseholdWorker.user_id == user.id)))
    return Household.id.is_(None)




_WITH_HOUSEHOLD = (joinedload(Household.members), joinedload(Household.workers), joinedload(Household.neighbourhood))
# Built once: `Session.get` builds its statement again at every call, a third of what loading the household costs.
_HOUSEHOLD_BY_ID = select(Household).where(Household.id == bindparam("id")).options(*_WITH_HOUSEHOLD)


def get_household_or_404(household_id: int, need: str = "view", action: str | None = None):
    """Load a household the current user may use, and record the access; otherwise a plain 404.

    `need` is "view", "edit", "hand_over", "export", "audit", "erase" or "lead" (the team lead's decisions). The
    audit event is written here so no view can forget it. An erased household refuses every need that changes it
    (edit, hand_over) with `HouseholdErased`, which says so, to anyone who may still see it.
    """
    checks = {"view": can_view_household, "edit": can_edit_household, "hand_over": can_hand_over,
              "export": can_export_household, "audit": can_view_audit, "erase": can_erase_household,
              "lead": can_extend_support}
    check_declared(need)
    # Its members come along: nearly every household page shows them, and the policy needs its co-workers; its
    # neighbourhood is one row, shown on the household page.
    household = db.session.scalars(_HOUSEHOLD_BY_ID, {"id": household_id}).unique().first()
    user = current_user._get_current_object()  # not the proxy, which looks the user up at every use
    action = action or f"household.{need}"
    if household is not None and need in CHANGING_NEEDS and household.is_anonymised \
            and can_view_household(user, household):
        audit.record_denied(user, action, household_id)
        raise HouseholdErased()
    if household is None or not checks[need](user, household):
        audit.record_denied(user, action, household_id)
        abort(404)
    audit.record(user, action, household, household)
    return household


def get_in_household_or_404(model, object_id, household):
    """Load a record that belongs to a household the user already passed; anything else is a plain 404.

    Guards against reaching another family's record through a household one may see. The read recorded for the
    household names this record.
    """
    obj = db.session.get(model, object_id) if object_id else None
    if obj is None or obj.household_id != household.id:
        audit.record_denied(current_user, f"{model.__tablename__}.view", household.id)
        abort(404)
    audit.concerns(obj)
    return obj

"""What an administrator records for the reports: the size of each target group the reach is measured against."""
from sqlalchemy import select

from .. import audit
from ..auth.permissions import can_administer, require
from ..cases.models import INCOME_SITUATIONS
from ..errors import InvalidInput
from ..extensions import db
from ..i18n import _
from .models import ReachTarget


def save_reach_target(actor, year: int, income_situation: str, neighbourhood: str | None,
                      children: int) -> ReachTarget:
    """Sizes come from the municipality's own income data or the CBS; saving a group again updates it."""
    require(can_administer(actor))
    if income_situation not in INCOME_SITUATIONS or income_situation == "unknown":
        raise InvalidInput(_("Choose a target group."), "income_situation")
    if children is None or children < 0:
        raise InvalidInput(_("Enter a number of 0 or more."), "children")
    neighbourhood = (neighbourhood or "").strip()
    target = db.session.scalar(select(ReachTarget).where(
        ReachTarget.year == year, ReachTarget.income_situation == income_situation,
        ReachTarget.neighbourhood == neighbourhood))
    if target is None:
        target = ReachTarget(year=year, income_situation=income_situation, neighbourhood=neighbourhood,
                             children=children)
        db.session.add(target)
    target.children = children
    db.session.flush()
    audit.record(actor, "reach_target.save", obj=target)
    return target

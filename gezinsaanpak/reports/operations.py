"""What an administrator records for the reports: the size of each target group the reach is measured against."""
from sqlalchemy import select

from .. import audit
from ..auth.permissions import can_administer, require
from ..cases import neighbourhoods
from ..cases.models import Neighbourhood
from ..errors import InvalidInput
from ..extensions import db
from ..i18n import _
from ..web import MAX_RECORD_ID
from .models import INCOME_GROUPS, TargetGroup
from .reach import Scope


def scope_choices() -> list[tuple[str, str]]:
    """The areas a target group can be entered for: the municipality, each district, each listed neighbourhood."""
    return ([("", _("Whole municipality"))]
            + [(f"d:{d}", _("District %(name)s", name=d)) for d in neighbourhoods.districts()]
            + [(f"n:{n.id}", _("Neighbourhood %(name)s", name=n.name)) for n in neighbourhoods.listed()])


def parse_scope(value: str | None) -> Scope:
    """A scope from a select's value ("", "d:<district>", "n:<neighbourhood id>"); InvalidInput when unknown."""
    value = value or ""
    if not value:
        return Scope()
    kind, _sep, rest = value.partition(":")
    if kind == "d" and rest in neighbourhoods.districts():
        return Scope(district=rest)
    if kind == "n" and rest.isdigit() and int(rest) <= MAX_RECORD_ID:  # a number no row can have is none
        entry = db.session.get(Neighbourhood, int(rest))
        if entry is not None and not entry.to_review:
            return Scope(neighbourhood_id=entry.id)
    raise InvalidInput(_("Choose the whole municipality, a district or a neighbourhood of the list."), "scope")


def save_target_group(actor, year: int, income_group: str, scope: Scope, children: int) -> TargetGroup:
    """Sizes come from the municipality's own income data or the CBS; saving a group again updates it."""
    require(can_administer(actor))
    if income_group not in INCOME_GROUPS:
        raise InvalidInput(_("Choose a target group."), "income_group")
    if children is None or children < 0:
        raise InvalidInput(_("Enter a number of 0 or more."), "children")
    if scope.team_id is not None:
        raise InvalidInput(_("Target groups are entered per area, not per team."), "scope")
    target = db.session.scalar(select(TargetGroup).where(
        TargetGroup.year == year, TargetGroup.income_group == income_group,
        TargetGroup.neighbourhood_id.is_(None) if scope.neighbourhood_id is None
        else TargetGroup.neighbourhood_id == scope.neighbourhood_id,
        TargetGroup.district.is_(None) if scope.district is None else TargetGroup.district == scope.district))
    if target is None:
        target = TargetGroup(year=year, income_group=income_group, neighbourhood_id=scope.neighbourhood_id,
                             district=scope.district, children=children)
        db.session.add(target)
    target.children = children
    db.session.flush()
    audit.record(actor, "target_group.save", obj=target)
    return target

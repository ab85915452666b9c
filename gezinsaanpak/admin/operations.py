"""What only an administrator does to accounts that touches family work: a new role or team."""
from sqlalchemy import func, select

from .. import audit
from ..auth.models import ROLES, TEAMLESS_ROLES, Team, User
from ..cases.models import Household
from ..errors import InvalidInput
from ..extensions import db
from ..i18n import _


def change_role(actor, user: User, role: str, team: Team | None) -> None:
    """A new role or team means new rights: the user's sessions end at once."""
    if role not in ROLES:
        raise InvalidInput(_("Unknown role: %(role)s.", role=role), "role")
    if role not in TEAMLESS_ROLES and team is None:
        raise InvalidInput(_("Coaches and team leads need a team."), "team_id")
    moving = user.role == "coach" and (role != "coach" or getattr(team, "id", None) != user.team_id)
    if moving and db.session.scalar(select(func.count(Household.id)).where(Household.coordinator_id == user.id,
                                                                          Household.stage != "closed")):
        raise InvalidInput(_("%(name)s still coordinates households: hand them over first.", name=user.name), "role")
    old = {"role": user.role, "team": user.team_id}
    user.role, user.team = role, team
    user.revoke_sessions()
    new = {"role": role, "team": getattr(team, "id", None)}
    audit.record(actor, "user.role", obj=user, detail={"old": old, "new": new})

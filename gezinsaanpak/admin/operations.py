"""What only an administrator does to accounts: invite someone, reset a password, give a new role or team.

Administrators see no family data, and these operations keep it so: an account gets a one-time activation code and
its owner chooses the password; no one changes their own role or team; every change is logged where the team lead
of the team concerned sees it (auth/changes.py)."""
from sqlalchemy import func, select

from .. import audit
from ..auth.activation import issue_code
from ..auth.changes import record_change
from ..auth.models import ROLES, TEAMLESS_ROLES, Team, User
from ..auth.operations import check_new_account
from ..auth.permissions import can_administer, require
from ..cases.models import Household
from ..errors import InvalidInput
from ..extensions import db
from ..i18n import _


def invite_user(actor, email: str, name: str, role: str, team: Team | None) -> tuple[User, str]:
    """A new account without a password: returns it with its activation code, to be passed on to its owner."""
    require(can_administer(actor))
    check_new_account(email, name, role, team)
    user = User(email=email.strip().lower(), name=name.strip(), role=role, team=team, password_hash="")
    db.session.add(user)
    code = issue_code(user)
    db.session.flush()
    audit.record(actor, "user.create", obj=user, detail={"role": role, "team": team.name if team else None})
    record_change(actor, user, "created")
    return user, code


def reset_password(actor, user: User) -> str:
    """A forgotten password: the old one and every session end, and the user chooses a new one with the code."""
    require(can_administer(actor))
    if user.id == actor.id:
        raise InvalidInput(_("Change your own password on your account page; another administrator can reset it."))
    code = issue_code(user)
    audit.record(actor, "user.reset", obj=user)
    record_change(actor, user, "code")
    return code


def change_role(actor, user: User, role: str, team: Team | None) -> None:
    """A new role or team means new rights: the user's sessions end at once. Never one's own: an administrator who
    made themselves team lead would see every family of the team."""
    require(can_administer(actor))
    if user.id == actor.id:
        raise InvalidInput(_("No one changes their own role or team; ask another administrator."), "role")
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
    db.session.flush()
    new = {"role": role, "team": getattr(team, "id", None)}
    audit.record(actor, "user.role", obj=user, detail={"old": old, "new": new})
    record_change(actor, user, "role", old_role=old["role"], old_team_id=old["team"])

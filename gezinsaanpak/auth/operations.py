"""Creating users and teams, and checking passwords: what the CLI and the admin pages share."""
from functools import cache
from pathlib import Path

from sqlalchemy import select

from .. import audit
from ..errors import InvalidInput
from ..extensions import db
from ..i18n import _
from .changes import record_change
from .models import ROLES, TEAMLESS_ROLES, Team, User

MIN_PASSWORD_LENGTH = 12
COMMON_PASSWORDS = Path(__file__).parent / "data" / "common_passwords.txt"


@cache
def common_passwords() -> frozenset[str]:
    """The list of passwords that are refused because attackers try them first; read once."""
    lines = COMMON_PASSWORDS.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def password_problem(password: str) -> str | None:
    """Long passphrases are welcome; short ones are refused. No composition rules."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return _("A password needs at least %(n)d characters; a sentence of a few words works well.",
                 n=MIN_PASSWORD_LENGTH)
    if len(password) > 1000:
        return _("A password can have at most 1000 characters.")
    squeezed = "".join(password.lower().split())
    if squeezed in common_passwords() or len(set(squeezed)) <= 2:
        return _("This password is too common and easy to guess; choose another, for example a short sentence.")
    return None


def change_password(actor: User, current: str, new: str) -> None:
    """A new password ends every other session of this user."""
    if not actor.check_password(current):
        raise InvalidInput(_("Your current password is not correct."), "current")
    problem = password_problem(new)
    if problem:
        raise InvalidInput(problem, "new")
    actor.set_password(new)
    audit.record(actor, "user.password", obj=actor)


def find_or_create_team(name: str) -> Team:
    """The team of that name in any letter case; compared here, as SQLite's lower() folds ASCII only ("Ölüm")."""
    name = name.strip()
    team = next((t for t in db.session.scalars(select(Team)) if t.name.casefold() == name.casefold()), None)
    if team is None:
        team = Team(name=name)
        db.session.add(team)
        db.session.flush()
    return team


def check_new_account(email: str, name: str, role: str, team) -> None:
    """Everything about a new account but its password, so the command line can refuse before it asks for one."""
    email = email.strip().lower()
    if role not in ROLES:
        raise InvalidInput(_("Unknown role: %(role)s.", role=role), "role")
    if role not in TEAMLESS_ROLES and not team:
        raise InvalidInput(_("Coaches and team leads need a team."), "team_id")
    if not name.strip():
        raise InvalidInput(_("Enter a name."), "name")
    if "@" not in email:
        raise InvalidInput(_("Enter a valid email address."), "email")
    if db.session.scalar(select(User.id).where(User.email == email)):
        raise InvalidInput(_("There is already an account for %(email)s.", email=email), "email")


def create_user(actor, email: str, name: str, role: str, password: str, team: Team | None = None,
                is_demo: bool = False) -> User:
    """Add an account with a password: the command line's way (`users create`, for the first administrator) and the
    demo's. The administration pages invite with an activation code instead (`admin.operations.invite_user`), so
    that no administrator knows a working password."""
    check_new_account(email, name, role, team)
    email = email.strip().lower()
    problem = password_problem(password)
    if problem:
        raise InvalidInput(problem, "password")
    user = User(email=email, name=name.strip(), role=role, team=team, is_demo=is_demo)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    audit.record(actor, "user.create", obj=user, detail={"role": role, "team": team.name if team else None})
    record_change(actor, user, "created")
    return user


def set_active(actor, user: User, active: bool) -> None:
    """Disabling an account ends its sessions at once; no one disables (or enables) their own."""
    if actor is not None and actor.id == user.id:
        raise InvalidInput(_("You cannot disable your own account."))
    user.active = active
    user.revoke_sessions()
    audit.record(actor, "user.enable" if active else "user.disable", obj=user)
    record_change(actor, user, "enabled" if active else "disabled")

"""Teams and users. A user has one role: coach, team lead, administrator or policy officer."""
import secrets
from datetime import datetime
from functools import cache

from flask import current_app
from flask_login import UserMixin
from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from ..extensions import db
from ..timeutil import utcnow

ROLES = ("coach", "teamlead", "admin", "policy")
TEAMLESS_ROLES = ("admin", "policy")  # they work for the municipality as a whole, not in a team


class Team(db.Model):
    __tablename__ = "teams"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    members: Mapped[list["User"]] = relationship(back_populates="team", order_by="User.name")

    def __repr__(self):
        return f"<Team {self.name}>"


class User(UserMixin, db.Model):
    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint("role IN ('coach', 'teamlead', 'admin', 'policy')", name="role"),
        # Coaches and team leads work in a team; an administrator or a policy officer may stand outside one.
        CheckConstraint("role IN ('admin', 'policy') OR team_id IS NOT NULL", name="team_required"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(20))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"), index=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(default=True)
    # Part of the login cookie: changing it ends every session of this user at once.
    session_token: Mapped[str] = mapped_column(String(64), default=lambda: secrets.token_hex(16))
    is_demo: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None]
    # Two-step verification: the shared TOTP secret, and the last time step used (a code works only once).
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    totp_last_step: Mapped[int | None]
    # A new account or a password reset: the SHA-256 of a one-time activation code, and until when it works. The
    # user sets their own password with it (auth/activation.py); an administrator never knows a working password.
    activation_code_hash: Mapped[str | None] = mapped_column(String(64))
    activation_expires_at: Mapped[datetime | None]
    totp_pending_secret: Mapped[str | None] = mapped_column(String(64))  # during set-up, never in the cookie

    team: Mapped[Team | None] = relationship(back_populates="members")

    def __repr__(self):
        return f"<User {self.email} {self.role}>"

    @property
    def is_active(self):
        return self.active

    def get_id(self):
        return f"{self.id}:{self.session_token}"

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password, current_app.config["PASSWORD_HASH_METHOD"])
        self.revoke_sessions()

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    def revoke_sessions(self) -> None:
        """Invalidate every login cookie issued for this user."""
        self.session_token = secrets.token_hex(16)

    @property
    def awaits_activation(self):
        """A code was issued and not used yet: the account has no password its owner chose."""
        return self.activation_code_hash is not None

    @property
    def needs_two_step_setup(self):
        """Administrators hold the keys to every account: for them the second factor is required."""
        return self.role == "admin" and not self.totp_secret


@cache
def _stand_in_hash(method: str) -> str:
    """The hash of a random password, made once per process with the configured hasher."""
    return generate_password_hash(secrets.token_urlsafe(16), method)


def password_matches(user: User | None, password: str) -> bool:
    """Whether `user` may log in with `password`. An unknown or disabled account costs the same hash work as a
    wrong password, so the time a refusal takes does not tell whether an email address has an account."""
    if user is None:
        check_password_hash(_stand_in_hash(current_app.config["PASSWORD_HASH_METHOD"]), password)
        return False
    return user.check_password(password) and user.active

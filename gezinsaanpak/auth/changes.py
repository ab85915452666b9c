"""Changes to accounts that widen or move someone's access: new accounts, activation codes, activations, roles and
teams, disabling. Kept as a log of their own (beside the audit trail) because people read it: the administrators'
security log, and the team lead's start page for the accounts of their team."""
from datetime import datetime, timedelta

from sqlalchemy import CheckConstraint, ForeignKey, String, or_, select
from sqlalchemy.orm import Mapped, joinedload, mapped_column, relationship

from ..extensions import db
from ..timeutil import utcnow
from .models import Team, User

CHANGES = ("created", "code", "activated", "role", "disabled", "enabled")
TEAM_CHANGES_DAYS = 30  # how far back the team lead's start page looks
TEAM_CHANGES_SHOWN = 10


class AccountChange(db.Model):
    """Who changed which account how, and when; the role and team after the change and, for a move, before it."""
    __tablename__ = "account_changes"
    __table_args__ = (CheckConstraint("change IN ('created', 'code', 'activated', 'role', 'disabled', 'enabled')",
                                      name="change"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))  # empty: the command line
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    change: Mapped[str] = mapped_column(String(20))
    role: Mapped[str] = mapped_column(String(20))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"), index=True)
    old_role: Mapped[str | None] = mapped_column(String(20))
    old_team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"), index=True)

    actor: Mapped[User | None] = relationship(foreign_keys=[actor_id])
    user: Mapped[User] = relationship(foreign_keys=[user_id])
    team: Mapped[Team | None] = relationship(foreign_keys=[team_id])
    old_team: Mapped[Team | None] = relationship(foreign_keys=[old_team_id])

    @property
    def moved(self):
        """A role or team change that changed something (the form may be saved unchanged)."""
        return self.change == "role" and (self.old_role, self.old_team_id) != (self.role, self.team_id)


def record_change(actor, user: User, change: str, old_role: str | None = None,
                  old_team_id: int | None = None) -> AccountChange:
    """Log a change of `user` by `actor` (None: the command line); the operations that change accounts call this
    beside `audit.record`."""
    entry = AccountChange(actor_id=getattr(actor, "id", None), user_id=user.id, change=change, role=user.role,
                          team_id=user.team_id, old_role=old_role, old_team_id=old_team_id)
    db.session.add(entry)
    db.session.flush()
    return entry


def _with_names(query):
    return query.options(joinedload(AccountChange.actor), joinedload(AccountChange.user),
                         joinedload(AccountChange.team), joinedload(AccountChange.old_team))


def team_changes(team_id: int, days: int = TEAM_CHANGES_DAYS, limit: int = TEAM_CHANGES_SHOWN) -> list:
    """The newest changes to accounts in (or moved out of) a team: for its team lead to notice an account they did
    not expect."""
    since = utcnow() - timedelta(days=days)
    return db.session.scalars(_with_names(
        select(AccountChange).where(or_(AccountChange.team_id == team_id, AccountChange.old_team_id == team_id),
                                    AccountChange.at >= since)
        .order_by(AccountChange.at.desc(), AccountChange.id.desc()).limit(limit))).all()


def security_log():
    """Every account change, newest first (for paging)."""
    return _with_names(select(AccountChange).order_by(AccountChange.at.desc(), AccountChange.id.desc()))

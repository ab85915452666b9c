"""When the scheduled operations last finished: `backup` and `retention apply` write a row here, and
`flask check` reads it to tell an operator that a timer has stopped working."""
from datetime import datetime

from sqlalchemy import CheckConstraint, Index, String, select
from sqlalchemy.orm import Mapped, mapped_column

from .extensions import db
from .timeutil import utcnow

KINDS = ("backup", "retention")


class OperationRun(db.Model):
    __tablename__ = "operations_log"
    __table_args__ = (
        CheckConstraint("kind IN ('backup', 'retention')", name="kind"),
        Index("ix_operations_log_kind_finished_at", "kind", "finished_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    finished_at: Mapped[datetime] = mapped_column(default=utcnow)
    detail: Mapped[str | None] = mapped_column(String(300))


def record_run(kind: str, detail: str | None = None) -> None:
    """Note that an operation finished, in a transaction of its own (call it after the work has succeeded)."""
    db.session.add(OperationRun(kind=kind, detail=(detail or "")[:300] or None))
    db.session.commit()


def last_run(kind: str) -> OperationRun | None:
    return db.session.scalars(select(OperationRun).where(OperationRun.kind == kind)
                              .order_by(OperationRun.finished_at.desc()).limit(1)).first()

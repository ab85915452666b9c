"""The one audit path: every read and change of family data is recorded here.

Events hold who, what, which household and record, and when; never note text, passwords or cookies.
A household id is stored as a plain number, so the trail outlives the records it points to.
"""
import json
from datetime import datetime

from flask import g, has_request_context, request
from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, event, insert
from sqlalchemy.orm import Mapped, Session, mapped_column

from .extensions import db
from .timeutil import utcnow


class AuditEvent(db.Model):
    __tablename__ = "audit_events"
    __table_args__ = (
        CheckConstraint("outcome IN ('ok', 'denied')", name="outcome"),
        Index("ix_audit_events_household_at", "household_id", "at"),
        Index("ix_audit_events_actor_at", "actor_id", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(60))
    household_id: Mapped[int | None]
    object_type: Mapped[str | None] = mapped_column(String(40))
    object_id: Mapped[int | None]
    outcome: Mapped[str] = mapped_column(String(10), default="ok")
    path: Mapped[str | None] = mapped_column(String(300))
    detail: Mapped[str | None] = mapped_column(Text)

    written = False  # a request's event, once its transaction committed (not a column)

    def __repr__(self):
        return f"<AuditEvent {self.action} household={self.household_id} {self.outcome}>"


class AuditIsAppendOnly(RuntimeError):
    """The trail is evidence: the application never changes or removes an event."""


@event.listens_for(AuditEvent, "before_update")
@event.listens_for(AuditEvent, "before_delete")
def _refuse_change(mapper, connection, target):
    raise AuditIsAppendOnly("audit events cannot be changed or deleted")


@event.listens_for(Session, "do_orm_execute")
def _refuse_bulk_change(state):
    if (state.is_update or state.is_delete) and AuditEvent.__table__ in _tables_of(state.statement):
        raise AuditIsAppendOnly("audit events cannot be changed or deleted")


def _tables_of(statement):
    table = getattr(statement, "table", None)
    return {getattr(table, "element", table)}


def record(actor, action: str, household=None, obj=None, outcome: str = "ok", detail: dict | None = None):
    """Add an audit event to the current transaction; it commits with the change it describes.

    In a request the event joins the session only as it commits (`_add_pending`): an INSERT at once would hold
    SQLite's write lock for the rest of the request, so that no two household pages could be served at once."""
    event = AuditEvent(
        actor_id=getattr(actor, "id", None),
        action=action,
        household_id=_id_of(household),
        object_type=type(obj).__name__ if obj is not None else None,
        object_id=getattr(obj, "id", None),
        outcome=outcome,
        path=request.path[:300] if has_request_context() else None,
        detail=json.dumps(detail, default=str, sort_keys=True) if detail else None,
    )
    if has_request_context():
        g.audited = True
        g.setdefault("audit_events", []).append(event)
    else:
        db.session.add(event)
    return event


@event.listens_for(Session, "before_commit")
def _add_pending(session):
    """The request's audit events go into the transaction that commits, with whatever it changed: as one plain
    INSERT, since nothing reads them back as objects (the unit of work costs more than the page's other writes)."""
    if not has_request_context():
        return
    pending = [e for e in g.get("audit_events", []) if not e.written]
    if pending:
        columns = [c.name for c in AuditEvent.__table__.columns if c.name not in ("id", "at")]
        session.execute(insert(AuditEvent.__table__),
                        [{"at": e.at or utcnow(), **{name: getattr(e, name) for name in columns}} for e in pending])
    g.audit_in_flight = pending


@event.listens_for(Session, "after_commit")
def _written(session):
    if has_request_context():
        for e in g.pop("audit_in_flight", ()):
            e.written = True


@event.listens_for(Session, "after_soft_rollback")
def _not_written(session, previous_transaction):
    if has_request_context():
        g.pop("audit_in_flight", None)


def keep_after_rollback() -> None:
    """A refused form (400) still showed family data: its audit events are kept when its changes are not."""
    if any(not e.written for e in g.get("audit_events", [])):
        db.session.commit()


def concerns(obj) -> None:
    """The request's read of a household was of one record of it (a goal, a referral): its event names the record."""
    if not has_request_context():
        return
    for pending in reversed(g.get("audit_events", [])):
        if not pending.written and pending.household_id == obj.household_id:
            pending.object_type, pending.object_id = type(obj).__name__, obj.id
            return


def record_denied(actor, action: str, household_id=None):
    """Record a refused attempt in a transaction of its own, because the request itself is rolled back."""
    db.session.rollback()
    record(actor, action, household_id, outcome="denied")
    db.session.commit()


def _id_of(household):
    if household is None or isinstance(household, int):
        return household
    return household.id

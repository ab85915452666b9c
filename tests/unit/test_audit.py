"""The audit trail is append-only for the application."""
import pytest
from sqlalchemy import delete, select, text, update
from sqlalchemy.exc import DBAPIError

from gezinsaanpak import audit
from gezinsaanpak.audit import AuditEvent, AuditIsAppendOnly
from gezinsaanpak.extensions import db


def test_events_cannot_be_changed_or_deleted(world, household):
    event = audit.record(world.coach, "household.view", household)
    db.session.commit()
    event.action = "nothing.happened"
    with pytest.raises(AuditIsAppendOnly):
        db.session.flush()
    db.session.rollback()
    db.session.delete(db.session.get(AuditEvent, event.id))
    with pytest.raises(AuditIsAppendOnly):
        db.session.flush()
    db.session.rollback()
    with pytest.raises(AuditIsAppendOnly):
        db.session.execute(delete(AuditEvent))
    with pytest.raises(AuditIsAppendOnly):
        db.session.execute(update(AuditEvent).values(action="x"))
    db.session.rollback()
    assert db.session.scalar(select(AuditEvent.action).where(AuditEvent.id == event.id)) == "household.view"


def test_the_database_itself_refuses_to_change_or_delete_events(world, household):
    """Not only the application: a raw statement, from a bug or an injected query, is refused by the database."""
    audit.record(world.coach, "household.view", household)
    db.session.commit()
    trail = db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    db.session.rollback()  # the session holds no lock that TRUNCATE would wait for
    statements = ["UPDATE audit_events SET action = 'nothing.happened'", "DELETE FROM audit_events"]
    if db.engine.dialect.name == "postgresql":
        statements.append("TRUNCATE audit_events")
    for statement in statements:
        with pytest.raises(DBAPIError, match="audit events cannot be changed or deleted"):
            with db.engine.begin() as connection:
                connection.execute(text(statement))
    assert db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all() == trail
    audit.record(world.coach, "household.view", household)  # adding stays possible
    db.session.commit()

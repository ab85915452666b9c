"""The audit trail is append-only for the application."""
import pytest
from sqlalchemy import delete, select, update

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

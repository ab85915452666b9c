"""A backup taken while coaches keep saving restores into a fresh database with nothing lost or mixed up."""
import threading
import uuid
from contextlib import contextmanager
from datetime import date

from sqlalchemy import create_engine, func, select, text

from gezinsaanpak import create_app
from gezinsaanpak.backup import checksums
from gezinsaanpak.cases.models import Contact
from gezinsaanpak.extensions import db
from tests.factories import PASSWORD


@contextmanager
def fresh_database(app, tmp_path):
    """An empty database of the same kind as the one under test."""
    with app.app_context():
        url = db.engine.url
    if url.get_backend_name() == "sqlite":
        tmp_path.mkdir(exist_ok=True)
        yield "sqlite:///" + str(tmp_path / "restored.db")
        return
    name = f"gezinsaanpak_restore_{uuid.uuid4().hex[:8]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


def restored_checksums(app, url, backup_file):
    other = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "x", "TESTING": True})
    result = other.test_cli_runner().invoke(args=["restore", "--yes", str(backup_file)])
    assert result.exit_code == 0, result.output
    with other.app_context():
        sums = checksums()
        db.engine.dispose()
    return sums


def test_backup_during_writes_and_restore(app, runner, world, household, tmp_path):
    client = app.test_client()
    client.post("/login", data={"email": world.coach.email, "password": PASSWORD})
    stop = threading.Event()
    written = []

    def keep_writing():
        while not stop.is_set():
            response = client.post(f"/households/{household.id}/contacts/new",
                                   data={"kind": "phone", "contact_on": date.today().isoformat(),
                                         "note": f"call {len(written)}"})
            written.append(response.status_code)

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        while len(written) < 5:
            stop.wait(0.01)
        during = runner.invoke(args=["backup", str(tmp_path / "during.backup")])
        assert during.exit_code == 0, during.output
    finally:
        stop.set()
        writer.join()
    assert set(written) == {302}

    after = runner.invoke(args=["backup", str(tmp_path / "after.backup")])
    assert after.exit_code == 0, after.output
    with app.app_context():
        live = checksums()
        live_contacts = db.session.scalar(select(func.count(Contact.id)))

    with fresh_database(app, tmp_path / "a") as url:
        snapshot = restored_checksums(app, url, tmp_path / "during.backup")
    # A consistent moment during the writes: some contacts, never more than there are now, audit trail included.
    assert 5 <= snapshot["contacts"][0] <= live_contacts
    assert 0 < snapshot["audit_events"][0] <= live["audit_events"][0]
    assert snapshot["users"] == live["users"] and snapshot["households"] == live["households"]

    with fresh_database(app, tmp_path / "b") as url:
        restored = restored_checksums(app, url, tmp_path / "after.backup")
    # everything, except the note that the backup was made, written after it
    assert {table: sums for table, sums in restored.items() if table != "operations_log"} == \
        {table: sums for table, sums in live.items() if table != "operations_log"}

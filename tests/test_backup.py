"""A backup taken while coaches keep saving restores into a fresh database with nothing lost or mixed up; a backup
never overwrites by accident, and the database password never shows in the process list."""
import subprocess
import threading

import pytest
from flask_migrate import upgrade
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from gezinsaanpak import create_app, privacy
from gezinsaanpak.backup import checksums, inspect_backup
from gezinsaanpak.cases import operations as cases
from gezinsaanpak.cases.models import Contact, Household, Member
from gezinsaanpak.extensions import db
from gezinsaanpak.postgres_tools import pg_command
from tests.factories import PASSWORD
from tests.helpers import TODAY, fresh_database, refused


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
                                   data={"kind": "phone", "contact_on": TODAY.isoformat(),
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


def test_backup_refuses_bad_paths_and_overwrites_only_with_force(app, runner, household, tmp_path):
    refused(runner.invoke(args=["backup", str(tmp_path / "missing" / "x.backup")]), "map", "missing bestaat niet")
    assert not (tmp_path / "missing").exists()
    refused(runner.invoke(args=["backup", str(tmp_path)]), "is een map")
    notes = tmp_path / "notes.txt"
    notes.write_text("keep me\n")
    refused(runner.invoke(args=["backup", str(notes)]), "bestaat al", "--force")
    assert notes.read_text() == "keep me\n"
    first = tmp_path / "first.backup"
    assert runner.invoke(args=["backup", str(first)]).exit_code == 0
    written = first.read_bytes()
    refused(runner.invoke(args=["backup", str(first)]), "bestaat al", "--force")
    assert first.read_bytes() == written

    forced = runner.invoke(args=["backup", "--force", str(notes)])
    assert forced.exit_code == 0, forced.output
    with app.app_context():
        assert inspect_backup(notes).current
        live = db.engine.url.database if db.engine.url.get_backend_name() == "sqlite" else None
    if live:
        refused(runner.invoke(args=["backup", "--force", live]), "de database waarop de applicatie draait")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["first.backup", "notes.txt"]


def test_the_database_password_is_never_on_a_command_line():
    url = make_url("postgresql+psycopg://gz:s3cr%40t@db.example:6543/gezinsaanpak?sslmode=require")
    argv, env = pg_command("pg_dump", url, "--format=custom")
    assert argv == ["pg_dump", "--host", "db.example", "--port", "6543", "--username", "gz",
                    "--dbname", "gezinsaanpak", "--format=custom"]
    assert env == {"PGPASSWORD": "s3cr@t", "PGSSLMODE": "require"}
    argv, env = pg_command("pg_restore", make_url("postgresql:///gezinsaanpak?host=/run/postgresql"), "x.backup")
    assert argv == ["pg_restore", "--host", "/run/postgresql", "--dbname", "gezinsaanpak", "x.backup"]
    assert env == {}


def test_pg_dump_and_pg_restore_get_the_password_through_their_environment(app, tmp_path, monkeypatch):
    with app.app_context():
        if db.engine.url.get_backend_name() != "postgresql":
            pytest.skip("PostgreSQL only")
    calls = []
    real_run = subprocess.run

    def recording_run(argv, **options):
        calls.append((argv, options.get("env") or {}))
        return real_run(argv, **options)

    monkeypatch.setattr("gezinsaanpak.postgres_tools.subprocess.run", recording_run)
    with fresh_database(app, tmp_path) as url:
        secret = "not-for-ps-to-show"
        other = create_app({"SQLALCHEMY_DATABASE_URI": make_url(url).set(password=secret), "SECRET_KEY": "x",
                            "TESTING": True, "SAFETY_COPY_FOLDER": str(tmp_path)})
        with other.app_context():
            upgrade()
        runner = other.test_cli_runner()
        assert runner.invoke(args=["backup", str(tmp_path / "b.backup")]).exit_code == 0
        restored = runner.invoke(args=["restore", "--yes", str(tmp_path / "b.backup")])
        assert restored.exit_code == 0, restored.output
        with other.app_context():
            db.engine.dispose()
    connecting = [(argv, env) for argv, env in calls if "--dbname" in argv]
    assert {argv[0] for argv, env in connecting} == {"pg_dump", "pg_restore"}
    for argv, _ in calls:
        assert not any(secret in arg for arg in argv), argv
    assert all(env["PGPASSWORD"] == secret for argv, env in connecting)


def test_an_erasure_made_after_the_backup_is_made_again_when_it_is_restored(app, runner, world, household,
                                                                             tmp_path):
    with app.app_context():
        closing = db.session.get(Household, household.id)
        cases.move_stage(world.coach, closing, "closed", reason="moved_away")
        db.session.commit()
    backup = runner.invoke(args=["backup", str(tmp_path / "before-erasure.backup")])
    assert backup.exit_code == 0, backup.output
    with app.app_context():
        privacy.erase_on_request(world.teamlead, db.session.get(Household, household.id), household.pseudonym)
        db.session.commit()

    result = runner.invoke(args=["restore", "--yes", str(tmp_path / "before-erasure.backup")])
    assert result.exit_code == 0, result.output
    assert "1 wissing van na de back-up opnieuw uitgevoerd" in result.output
    with app.app_context():
        restored = db.session.get(Household, household.id)
        assert restored.is_anonymised and restored.pseudonym == f"#{household.id}"
        assert set(db.session.scalars(select(Member.first_name).where(Member.household_id == household.id))) == {"–"}
    again = runner.invoke(args=["restore", "--yes", str(tmp_path / "before-erasure.backup")])
    assert "1 wissing van na de back-up opnieuw uitgevoerd" in again.output  # the register survives every restore

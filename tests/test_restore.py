"""Restore replaces everything: it takes only a whole backup of this application, refuses anything else before it
touches the database, and keeps a safety copy of the database it replaces."""
import os
import re
import stat

import pytest
from alembic.script import ScriptDirectory
from flask_migrate import upgrade
from sqlalchemy import func, select, text

from gezinsaanpak import create_app
from gezinsaanpak.auth.models import User
from gezinsaanpak.backup import checksums
from gezinsaanpak.cases.models import Household
from gezinsaanpak.extensions import db
from tests.factories import World, make_household
from tests.helpers import fresh_database, refused


@pytest.fixture
def office(app, tmp_path):
    """A second municipality on a database of its own: a coach with one household."""
    (tmp_path / "office").mkdir()
    with fresh_database(app, tmp_path / "office") as url:
        other = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "x", "TESTING": True,
                            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
                            "SAFETY_COPY_FOLDER": str(tmp_path / "office")})
        with other.app_context():
            upgrade()
            make_household(World().coach)
        yield other
        with other.app_context():
            db.engine.dispose()


def backup_of(office, out, *statements):
    """A backup of the office's database after `statements` (which stay applied)."""
    with office.app_context():
        with db.engine.begin() as connection:
            for statement in statements:
                connection.execute(text(statement))
    result = office.test_cli_runner().invoke(args=["backup", str(out)])
    assert result.exit_code == 0, result.output
    return out


def households(app):
    with app.app_context():
        return db.session.scalar(select(func.count(Household.id)))


def test_restore_refuses_anything_but_a_backup_of_this_application(app, runner, household, office, tmp_path):
    (tmp_path / "empty.backup").touch()
    (tmp_path / "random.backup").write_bytes(os.urandom(5000))
    (tmp_path / "notes.txt").write_text("not a database\n")
    export = runner.invoke(args=["export", "monitoring", str(tmp_path / "monitoring.db"), "--from", "2020-01-01",
                                 "--to", "2030-12-31"])
    assert export.exit_code == 0, export.output
    partial = backup_of(office, tmp_path / "partial.backup", "DROP TABLE contacts")
    unknown = backup_of(office, tmp_path / "unknown.backup", "UPDATE alembic_version SET version_num = 'ffff0000'")
    with app.app_context():
        before = checksums()
        live = db.engine.url.database if db.engine.url.get_backend_name() == "sqlite" else None

    for name in ("empty.backup", "random.backup", "notes.txt", "monitoring.db"):
        refused(runner.invoke(args=["restore", "--yes", str(tmp_path / name)]), name, "back-up van deze applicatie")
    refused(runner.invoke(args=["restore", "--yes", str(unknown)]), "ffff0000", "niet kent")
    refused(runner.invoke(args=["restore", "--yes", str(partial)]), "tabellen ontbreken: contacts")
    refused(runner.invoke(args=["restore", "--yes", str(tmp_path / "missing.backup")]), "bestaat niet")
    refused(runner.invoke(args=["restore", "--yes", str(tmp_path)]), "is een map")
    refused(runner.invoke(args=["restore", str(tmp_path / "empty.backup")], input="y\n"),
            "back-up van deze applicatie")  # before asking
    if live:
        refused(runner.invoke(args=["restore", "--yes", live]), "de database waarop de applicatie draait")

    with app.app_context():
        assert checksums() == before
    assert not list(tmp_path.glob("**/*before-restore*"))
    assert households(app) == 1


def test_restore_keeps_a_safety_copy_of_the_database_it_replaces(office, tmp_path):
    runner = office.test_cli_runner()
    backup_of(office, tmp_path / "monday.backup")
    with office.app_context():
        make_household(first_coach(), pseudonym="Familie Roos")
        tuesday = checksums()
    assert households(office) == 2

    result = runner.invoke(args=["restore", "--yes", str(tmp_path / "monday.backup")])
    assert result.exit_code == 0, result.output
    assert households(office) == 1
    safety_copy = re.search(r"bewaard in (\S+)", result.output).group(1)
    assert "before-restore" in safety_copy and stat.S_IMODE(os.stat(safety_copy).st_mode) == 0o600

    again = runner.invoke(args=["restore", "--yes", safety_copy])
    assert again.exit_code == 0, again.output
    with office.app_context():
        assert checksums() == tuesday


def first_coach():
    return db.session.scalars(select(User).where(User.role == "coach").order_by(User.id)).first()


def test_restoring_a_backup_of_an_older_version_says_to_upgrade(office, tmp_path):
    with office.app_context():
        scripts = ScriptDirectory(office.extensions["migrate"].directory)
        previous = scripts.get_revision(scripts.get_heads()[0]).down_revision
    older = backup_of(office, tmp_path / "older.backup", f"UPDATE alembic_version SET version_num = '{previous}'")
    result = office.test_cli_runner().invoke(args=["restore", "--yes", str(older)])
    assert result.exit_code == 0, result.output
    assert previous in result.output and "db upgrade" in result.output

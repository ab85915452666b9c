"""Files the application writes hold family data or secrets: only the account running it may read them (mode
0600), whatever the umask of whoever started it."""
import os
import sqlite3
import stat

import pytest
from flask_migrate import upgrade
from sqlalchemy import text

from gezinsaanpak import create_app
from gezinsaanpak.config import ensure_secret_key
from gezinsaanpak.extensions import db


@pytest.fixture
def careless_umask():
    """As if started from a shell that lets everyone read new files."""
    previous = os.umask(0)
    yield
    os.umask(previous)


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def sqlite_app(path):
    return create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}", "SECRET_KEY": "x", "TESTING": True})


def test_a_new_sqlite_database_and_its_write_ahead_log_are_private(tmp_path, careless_umask):
    path = tmp_path / "gezinsaanpak.db"
    app = sqlite_app(path)
    with app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            connection.execute(text("INSERT INTO teams (name, created_at) VALUES ('Team Noord', '2026-01-01')"))
            connection.commit()
            assert {name: mode(tmp_path / name) for name in os.listdir(tmp_path)} == {
                "gezinsaanpak.db": 0o600, "gezinsaanpak.db-wal": 0o600, "gezinsaanpak.db-shm": 0o600}
        db.engine.dispose()


def test_an_existing_database_readable_by_others_becomes_private(tmp_path, careless_umask):
    path = tmp_path / "gezinsaanpak.db"
    writer = sqlite3.connect(path)
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("CREATE TABLE notes (text)")
    writer.commit()
    names = sorted(os.listdir(tmp_path))
    assert names == ["gezinsaanpak.db", "gezinsaanpak.db-shm", "gezinsaanpak.db-wal"]
    for name in names:
        os.chmod(tmp_path / name, 0o644)
    sqlite_app(path)
    assert all(mode(tmp_path / name) == 0o600 for name in names)
    writer.close()


def test_backups_exports_and_keys_are_private(app, runner, household, tmp_path, careless_umask):
    assert runner.invoke(args=["backup", str(tmp_path / "b.backup")]).exit_code == 0
    assert runner.invoke(args=["export", "monitoring", str(tmp_path / "m.db"), "--from", "2020-01-01",
                               "--to", "2030-12-31"]).exit_code == 0
    assert mode(tmp_path / "b.backup") == 0o600 and mode(tmp_path / "m.db") == 0o600

    ensure_secret_key({}, str(tmp_path / "instance"))
    assert mode(tmp_path / "instance" / "secret_key") == 0o600

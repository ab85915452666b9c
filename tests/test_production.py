"""The PostgreSQL part of the README's Production section, for real: an owner role that runs the migrations, an
application role that reads and writes the data but may only add to the audit trail (deploy/postgresql-roles.sql),
and the first administrator."""
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ProgrammingError

from gezinsaanpak.config import normalise_database_url
from tests.helpers import postgres_reachable

PROJECT = Path(__file__).resolve().parent.parent
POSTGRES_URL = os.environ.get("GEZINSAANPAK_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")

pytestmark = pytest.mark.postgres


@pytest.fixture
def installation(tmp_path):
    """A fresh database owned by a fresh owner role, and an application role; dropped afterwards."""
    problem = postgres_reachable(POSTGRES_URL)
    if problem:
        pytest.skip(f"PostgreSQL not reachable at {POSTGRES_URL}, production setup not tried: {problem}")
    if shutil.which("psql") is None:
        pytest.skip("psql is not installed (apt-get install postgresql-client)")
    suffix = uuid.uuid4().hex[:8]
    names = {"database": f"gezinsaanpak_prod_{suffix}", "owner": f"gezinsaanpak_owner_{suffix}",
             "app": f"gezinsaanpak_app_{suffix}"}
    admin = create_engine(normalise_database_url(POSTGRES_URL), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:  # as `createuser --pwprompt` and `createdb --owner` in the README
        connection.execute(text(f'CREATE ROLE "{names["owner"]}" LOGIN PASSWORD \'owner-{suffix}\''))
        connection.execute(text(f'CREATE ROLE "{names["app"]}" LOGIN PASSWORD \'app-{suffix}\''))
        connection.execute(text(f'CREATE DATABASE "{names["database"]}" OWNER "{names["owner"]}"'))
    server = make_url(POSTGRES_URL)
    urls = {role: server.set(username=names[role], password=f"{role}-{suffix}", database=names["database"])
            .render_as_string(hide_password=False) for role in ("owner", "app")}
    try:
        yield {**names, "urls": urls, "server": server, "tmp": tmp_path}
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{names["database"]}" WITH (FORCE)'))
            connection.execute(text(f'DROP ROLE IF EXISTS "{names["app"]}"'))
            connection.execute(text(f'DROP ROLE IF EXISTS "{names["owner"]}"'))
        admin.dispose()


def flask(installation, role, *args, stdin=None):
    """`gezinsaanpak ...` from the README: flask --app gezinsaanpak with the service's settings, as that role."""
    env = dict(os.environ, GEZINSAANPAK_DATABASE_URL=installation["urls"][role], GEZINSAANPAK_SECRET_KEY="s" * 64,
               GEZINSAANPAK_SESSION_COOKIE_SECURE="1", GEZINSAANPAK_TRUSTED_PROXIES="1",
               GEZINSAANPAK_BACKUP_DIR=str(installation["tmp"]))
    return subprocess.run([str(Path(sys.executable).parent / "flask"), "--app", "gezinsaanpak", *args], cwd=PROJECT,
                          env=env, input=stdin, capture_output=True, text=True)


def refused(connection, statement):
    """True when PostgreSQL refuses the statement for lack of privilege."""
    try:
        with connection.begin_nested():
            connection.execute(text(statement))
    except ProgrammingError as error:
        return "permission denied" in str(error)
    return False


def test_the_production_setup_on_postgresql(installation):
    upgrade = flask(installation, "owner", "db", "upgrade")
    assert upgrade.returncode == 0, upgrade.stderr
    assert "INFO" not in upgrade.stderr  # Alembic's progress only with GEZINSAANPAK_VERBOSE=1
    server = installation["server"]
    grants = subprocess.run(["psql", "-X", "-q", "-h", server.host, "-p", str(server.port or 5432), "-U",
                             server.username, "-d", installation["database"], "-v", f"owner={installation['owner']}",
                             "-v", f"app={installation['app']}", "-f", str(PROJECT / "deploy/postgresql-roles.sql")],
                            capture_output=True, text=True)
    assert grants.returncode == 0, grants.stderr

    for args, stdin in ((["catalogues", "load"], None),
                        (["users", "create", "--email", "beheer@gemeente.nl", "--name", "Functioneel beheer",
                          "--role", "admin", "--password-stdin"], "een lange zin als wachtwoord\n"),
                        (["retention", "apply"], None)):
        result = flask(installation, "app", *args, stdin=stdin)
        assert result.returncode == 0, (args, result.stdout, result.stderr)
    if shutil.which("pg_dump"):
        os.chmod(installation["tmp"], 0o700)
        backup = flask(installation, "app", "backup", str(installation["tmp"] / "first.backup"))
        assert backup.returncode == 0, backup.stderr
    check = flask(installation, "app", "check")
    assert check.returncode == 0, check.stdout
    assert "fouten: 0" in check.stdout

    app_role = create_engine(normalise_database_url(installation["urls"]["app"]))
    with app_role.connect() as connection:
        admin_id = connection.execute(text("SELECT id FROM users WHERE email = 'beheer@gemeente.nl'")).scalar_one()
        team_id = connection.execute(text("INSERT INTO teams (name, created_at) VALUES ('Team Test', now()) "
                                          "RETURNING id")).scalar_one()
        household_id = connection.execute(text(
            "INSERT INTO households (pseudonym, phase, stage, stage_since, source, team_id, coordinator_id, opened_on, "
            "is_demo, created_at, version) VALUES ('Familie Test', 'contact', 'trust_building', CURRENT_DATE, "
            "'school', :team, :coach, CURRENT_DATE, false, now(), 1) RETURNING id"),
            {"team": team_id, "coach": admin_id}).scalar_one()
        connection.execute(text("INSERT INTO neighbourhoods (name, to_review, created_at) VALUES ('Tarwewijk', false, "
                                "now())"))
        connection.execute(text("UPDATE households SET neighbourhood_id = (SELECT id FROM neighbourhoods) "
                                "WHERE id = :id"), {"id": household_id})
        assert connection.execute(text("SELECT n.name FROM households h JOIN neighbourhoods n ON "
                                       "n.id = h.neighbourhood_id")).scalar_one() == "Tarwewijk"
        connection.execute(text("INSERT INTO audit_events (at, action, household_id, outcome) "
                                "VALUES (now(), 'household.view', :id, 'ok')"), {"id": household_id})
        assert connection.execute(text("SELECT count(*) FROM audit_events")).scalar_one() >= 2
        assert refused(connection, "UPDATE audit_events SET action = 'nothing'")
        assert refused(connection, "DELETE FROM audit_events")
        assert refused(connection, "TRUNCATE audit_events")
        assert refused(connection, "UPDATE alembic_version SET version_num = 'x'")
        assert refused(connection, "CREATE TABLE mine (id integer)")
        connection.execute(text("DELETE FROM households WHERE id = :id"), {"id": household_id})
        connection.commit()
    app_role.dispose()

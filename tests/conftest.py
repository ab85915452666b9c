"""Test fixtures: one migrated database per run (SQLite by default, PostgreSQL when asked), emptied after
every test, and factories that build state through the real operations.

Set GEZINSAANPAK_TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test to run on PostgreSQL.
"""
import os
import time
from contextlib import contextmanager

import pyotp
import pytest
from flask import has_app_context
from flask_migrate import upgrade
from sqlalchemy import create_engine, select, text

from gezinsaanpak import create_app
from gezinsaanpak.catalogues import load_catalogue
from gezinsaanpak.config import normalise_database_url
from gezinsaanpak.extensions import db, limiter
from gezinsaanpak.signals.models import ChecklistItem
from tests.factories import PASSWORD, World, make_household

TEST_DATABASE_URL = os.environ.get("GEZINSAANPAK_TEST_DATABASE_URL", "")


def postgres_reachable(url: str) -> str | None:
    """None when the server answers; otherwise why not."""
    try:
        engine = create_engine(normalise_database_url(url))
        with engine.connect():
            pass
        engine.dispose()
        return None
    except Exception as error:  # noqa: BLE001 - any failure means: not reachable
        return str(error).splitlines()[0]


def reset_postgres_schema(url: str) -> None:
    engine = create_engine(normalise_database_url(url), isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    if TEST_DATABASE_URL.startswith("postgres"):
        problem = postgres_reachable(TEST_DATABASE_URL)
        if problem:
            pytest.skip(f"PostgreSQL not reachable at {TEST_DATABASE_URL}: {problem}")
        reset_postgres_schema(TEST_DATABASE_URL)
        return normalise_database_url(TEST_DATABASE_URL)
    return "sqlite:///" + str(tmp_path_factory.mktemp("db") / "test.db")


@pytest.fixture(scope="session")
def app(database_url, tmp_path_factory):
    app = create_app({
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "WTF_CSRF_ENABLED": False,
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",  # fast in tests; production keeps scrypt
    })
    with app.app_context():
        upgrade()
    return app


@pytest.fixture(autouse=True)
def _clean_database(request):
    """Every test starts from an empty, migrated database."""
    yield
    if "app" not in request.fixturenames:
        return
    app = request.getfixturevalue("app")
    with app.app_context():
        db.session.rollback()
        empty_database()
        limiter.reset()


def empty_database() -> None:
    """Delete every row, below the session (the ORM refuses to delete audit events). The database refuses too
    (migration d1c0516a0010): for emptying a test database its triggers are switched off, on PostgreSQL for this
    transaction only, on SQLite by dropping and re-creating them in the same transaction."""
    with db.engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SET LOCAL session_replication_role = replica"))
            triggers = []
        else:
            triggers = connection.execute(text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                                               "AND tbl_name = 'audit_events'")).all()
            for name, _sql in triggers:
                connection.execute(text(f'DROP TRIGGER "{name}"'))
        for table in reversed(db.metadata.sorted_tables):
            connection.execute(table.delete())
        for _name, sql in triggers:
            connection.execute(text(sql))


@pytest.fixture
def ctx(app):
    """An application context for tests that call operations directly."""
    with app.app_context():
        yield
        db.session.rollback()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@contextmanager
def building(app, request):
    """Build state in the test's own app context (unit tests), or in a short one of its own.

    Web tests must not hold an app context while they make requests: Flask would share `g` (and the
    logged-in user) across requests. There the built objects are detached, with their columns loaded.
    """
    if "ctx" in request.fixturenames:
        request.getfixturevalue("ctx")
    if has_app_context():
        yield
        return
    with app.app_context():
        yield
        db.session.commit()
        for obj in list(db.session.identity_map.values()):
            db.session.refresh(obj)
        db.session.expunge_all()


@pytest.fixture
def world(app, request):
    with building(app, request):
        world = World()
    return world


@pytest.fixture
def household(app, request, world):
    with building(app, request):
        household = make_household(world.coach)
    return household


class AuthActions:
    def __init__(self, client):
        self.client = client
        self.steps_used = 0

    def login(self, user_or_email, password=PASSWORD):
        """Log in; for an account with two-step verification, also enter a fresh code."""
        email = getattr(user_or_email, "email", user_or_email)
        response = self.client.post("/login", data={"email": email, "password": password})
        secret = getattr(user_or_email, "totp_secret", None)
        if secret and response.status_code == 302 and response.location == "/login/code":
            response = self.client.post("/login/code", data={"code": self.next_code(secret)})
        return response

    def next_code(self, secret):
        """Each code works once: successive logins use the next time step (within the allowed drift)."""
        step = int(time.time()) // 30 + self.steps_used
        self.steps_used += 1
        return pyotp.TOTP(secret).at(step * 30)

    def logout(self):
        return self.client.post("/logout")


@pytest.fixture
def auth(client):
    return AuthActions(client)


@pytest.fixture
def item(app, world):
    """The id of one checklist item a coach ticks for the household ("home_visit.signal.03"), catalogue loaded."""
    with app.app_context():
        load_catalogue("checklist")
        db.session.commit()
        return db.session.scalar(select(ChecklistItem.id).where(ChecklistItem.code == "home_visit.signal.03"))

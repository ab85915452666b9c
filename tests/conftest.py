"""Test fixtures: one migrated database per run (SQLite by default, PostgreSQL when asked), emptied after
every test, and factories that build state through the real operations.

Set GEZINSAANPAK_TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test to run on PostgreSQL.
"""
import os
from contextlib import contextmanager

import pytest
from flask import has_app_context
from flask_migrate import upgrade
from sqlalchemy import create_engine, select, text

from gezinsaanpak import create_app
from gezinsaanpak.catalogues import load_catalogue
from gezinsaanpak.config import normalise_database_url
from gezinsaanpak.extensions import db, limiter
from gezinsaanpak.signals.models import ChecklistItem
from tests.factories import World, make_household
from tests.helpers import TODAY, AuthActions, clock_on, empty_database, postgres_reachable

TEST_DATABASE_URL = os.environ.get("GEZINSAANPAK_TEST_DATABASE_URL", "")


def reset_postgres_schema(url: str) -> None:
    engine = create_engine(normalise_database_url(url), isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(scope="session", autouse=True)
def fixed_today():
    """Every test runs on tests.helpers.TODAY (the application reads the day from gezinsaanpak.timeutil)."""
    with clock_on(TODAY):
        yield


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

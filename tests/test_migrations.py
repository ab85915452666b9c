"""The schema comes from the migrations; they must build exactly what the models declare, on both databases."""
import os
import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, text

from gezinsaanpak import create_app
from gezinsaanpak.config import normalise_database_url
from gezinsaanpak.extensions import db
from tests.conftest import postgres_reachable

POSTGRES_URL = os.environ.get("GEZINSAANPAK_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")


def differences(url):
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "x", "TESTING": True})
    with app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            diff = compare_metadata(context, db.metadata)
        downgrade(revision="base")
        db.engine.dispose()
    return diff


def test_migrations_match_the_models_on_sqlite(tmp_path):
    assert differences("sqlite:///" + str(tmp_path / "schema.db")) == []


@pytest.mark.postgres
def test_migrations_match_the_models_on_postgresql():
    problem = postgres_reachable(POSTGRES_URL)
    if problem:
        pytest.skip(f"PostgreSQL not reachable at {POSTGRES_URL}, schema check on PostgreSQL skipped: {problem}")
    name = f"gezinsaanpak_schema_{uuid.uuid4().hex[:8]}"
    admin = create_engine(normalise_database_url(POSTGRES_URL), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        url = normalise_database_url(POSTGRES_URL).rsplit("/", 1)[0] + "/" + name
        assert differences(url) == []
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()

"""`GET /health` for a load balancer or monitoring: does the database answer, and is its schema the one this code
expects? No login, no family data, no audit event; the answer says what is wrong, never how (no error texts,
which can hold host names)."""
from pathlib import Path

from alembic.config import Config
from alembic.script import ScriptDirectory
from alembic.script.revision import ResolutionError
from flask import current_app, jsonify
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from .extensions import db


def scripts() -> ScriptDirectory:
    """The migrations in migrations/, read once per application."""
    script = current_app.extensions.get("migration_scripts")
    if script is None:
        directory = current_app.extensions["migrate"].directory
        config = Config(str(Path(directory) / "alembic.ini"))
        config.set_main_option("script_location", directory)
        script = current_app.extensions["migration_scripts"] = ScriptDirectory.from_config(config)
    return script


def schema_state() -> str:
    """"current"; "behind" (run `db upgrade`); "unknown" (the database has a migration this code does not know:
    older code on a newer database); or "unreachable"."""
    try:
        connection = db.engine.connect()
    except SQLAlchemyError:
        return "unreachable"
    with connection:
        try:  # read directly: Alembic's MigrationContext would log a line on every call
            current = set(connection.scalars(text("SELECT version_num FROM alembic_version")))
        except SQLAlchemyError:
            current = set()  # no migration has run yet
    script = scripts()
    if current == set(script.get_heads()):
        return "current"
    try:
        for revision in current:
            script.get_revision(revision)
    except ResolutionError:
        return "unknown"
    return "behind"


def health():
    state = schema_state()
    if state == "unreachable":
        return jsonify(status="error", database="unreachable"), 503
    if state != "current":
        return jsonify(status="error", database="ok", migrations=state), 503
    return jsonify(status="ok", database="ok", migrations="current"), 200

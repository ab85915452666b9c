"""Helpers for the command-line tests: a second database of the kind under test, and what a refusal looks like."""
import uuid
from contextlib import contextmanager

from sqlalchemy import create_engine, text

from gezinsaanpak.extensions import db


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


def refused(result, *words) -> str:
    """The command refused with one line saying why (containing `words`) and a non-zero exit, no traceback."""
    assert result.exit_code != 0, result.output
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(("Error: ", "Fout: ")), result.output
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]

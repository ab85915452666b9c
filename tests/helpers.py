"""Helpers shared by the test modules (fixtures stay in conftest.py): the fixed day the tests run on, logging in,
emptying and creating databases, what a refusal of a command looks like, and the text of a PDF or a page."""
import io
import re
import time
import uuid
from contextlib import contextmanager
from datetime import date, timedelta
from unittest import mock

import pyotp
from pypdf import PdfReader
from sqlalchemy import create_engine, insert, text

from gezinsaanpak import timeutil
from gezinsaanpak.config import normalise_database_url
from gezinsaanpak.extensions import db
from gezinsaanpak.kept import CatalogueVersion

# The day every test runs on, whatever the calendar says: ages, age bands, months in support and "not in the
# future" come out the same on every run. A Wednesday in the middle of a month, so "a week ago" and "three months
# ago" stay in ordinary months; tests that need a month's end or a birthday build those dates themselves.
TODAY = date(2026, 5, 20)
PASSWORD = "correct horse battery staple"  # of every account the factories make


@contextmanager
def clock_on(day: date):
    """Run with the application's clock (gezinsaanpak.timeutil) moved to `day`, keeping the time of day running."""
    real = timeutil._clock
    offset = timedelta(days=(day - real().astimezone().date()).days)
    with mock.patch.object(timeutil, "_clock", lambda: real() + offset):
        yield


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
        # As the migrations leave it, under a token no process has kept a copy for (kept.py)
        connection.execute(insert(CatalogueVersion.__table__).values(id=1, token=uuid.uuid4().hex))


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


def pdf_text(data: bytes) -> str:
    """A PDF's text with white space collapsed: table cells and long lines wrap."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())


def page_text(html: str) -> str:
    """What a reader sees of a page's main content: the text without tags, white space collapsed."""
    main = html.split("<main", 1)[-1]
    return " ".join(re.sub(r"<[^>]+>", " ", main).replace("&amp;", "&").split())

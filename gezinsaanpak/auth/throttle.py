"""Failed logins per account, counted in the database so the count holds across gunicorn workers and restarts.

Every wrong password for an email address (and every wrong two-step code for an account) adds one to its count.
The first `LOGIN_FREE_FAILURES` cost nothing; from then on the next attempt is accepted only after a wait that
doubles with each further failure (`LOGIN_FIRST_WAIT_SECONDS`, twice that, ... at most `LOGIN_MAX_WAIT_SECONDS`),
whatever password it brings. It is a delay, not a lock: after the wait the right password works. A successful login
clears the count; failures a day old are forgotten.

An email address without an account is counted in exactly the same way, so neither the answers nor their timing
tell whether an account exists. The table holds no typed addresses: the key is an HMAC of the address with the
application's secret key.
"""
import hashlib
import hmac
import math
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import String, case, delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from ..timeutil import utcnow

FORGET_AFTER = timedelta(days=1)


class LoginThrottle(db.Model):
    __tablename__ = "login_throttles"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(default=0)
    last_failure_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    wait_until: Mapped[datetime | None]


def key_for(kind: str, value) -> str:
    """The row's key: an HMAC, so the table does not keep the email addresses people typed."""
    secret = str(current_app.config["SECRET_KEY"]).encode()
    return hmac.new(secret, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()


def email_key(email: str) -> str:
    return key_for("email", email.strip().lower())


def wait_after(failures: int) -> int:
    """Seconds before the next attempt after this many failures in a row: none at first, then doubling."""
    config = current_app.config
    extra = failures - int(config["LOGIN_FREE_FAILURES"])
    if extra < 0:
        return 0
    first, cap = int(config["LOGIN_FIRST_WAIT_SECONDS"]), int(config["LOGIN_MAX_WAIT_SECONDS"])
    return min(first * 2 ** min(extra, 32), cap)


def seconds_to_wait(key: str) -> int:
    """How long this account must still wait before an attempt is looked at; 0 when it may try now."""
    statement = select(LoginThrottle.wait_until).where(LoginThrottle.key == key)
    if db.session.get_bind().dialect.name == "postgresql":
        statement = statement.with_for_update()  # attempts on one account, in several workers, take turns
    wait_until = db.session.scalar(statement)
    if wait_until is None:
        return 0
    return max(0, math.ceil((wait_until - utcnow()).total_seconds()))


def record_failure(key: str) -> int:
    """Count a failed attempt in one statement (two workers cannot both count the same old number); returns the
    seconds to wait before the next attempt."""
    now = utcnow()
    dialect = postgresql if db.session.get_bind().dialect.name == "postgresql" else sqlite
    table = LoginThrottle.__table__
    statement = dialect.insert(table).values(key=key, failures=1, last_failure_at=now)
    statement = statement.on_conflict_do_update(index_elements=[table.c.key], set_={
        "failures": case((table.c.last_failure_at < now - FORGET_AFTER, 1), else_=table.c.failures + 1),
        "last_failure_at": now,
    }).returning(table.c.failures)
    failures = db.session.execute(statement).scalar_one()
    wait = wait_after(failures)
    if wait:
        db.session.execute(update(table).where(table.c.key == key).values(wait_until=now + timedelta(seconds=wait)))
    db.session.execute(delete(table).where(table.c.last_failure_at < now - FORGET_AFTER))
    return wait


def clear(key: str) -> None:
    """A successful login starts the count again."""
    db.session.execute(delete(LoginThrottle.__table__).where(LoginThrottle.key == key))

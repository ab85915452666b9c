"""Catalogues each worker process keeps: the checklist, the domains and the funds as read-only values, shared by every
request of the process instead of loaded as records by each (a household page read some forty-five of them).

Kept fresh across gunicorn workers by one token in the database (`catalogue_version`): whatever changes a kept
catalogue, in any process, gives it a new token in the same transaction. A flush hook does that, so no code path
can forget it. A database session reads the token once per transaction, and a process whose copy was made under
another token loads the catalogue again. A change that is not committed is read back by its own session, under a
token that no other transaction ever reads, so it is never used by others; after a rollback the old token is read
again. Without the token row (a database emptied by hand) nothing is shared. A catalogue changed around the
application (SQL by hand) is seen after the workers restart, as after a deployment.
"""
import uuid
from dataclasses import make_dataclass
from itertools import chain

from sqlalchemy import String, event, insert, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column, object_session

from .extensions import db

_MEMO = "kept catalogues"  # session.info: the copies this database session uses
_TOKEN_KEY = "kept catalogue token"  # session.info: the token this transaction read
_KEPT_MODELS: set = set()


class CatalogueVersion(db.Model):
    """One row: the token of the kept catalogues as they were last changed."""
    __tablename__ = "catalogue_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(32))


@event.listens_for(CatalogueVersion.__table__, "after_create")
def _first_token(table, connection, **kw):
    connection.execute(insert(table).values(id=1, token=uuid.uuid4().hex))


_TOKEN = select(CatalogueVersion.token).where(CatalogueVersion.id == 1)


class Copy:
    """One catalogue as read at one moment: its entries in catalogue order, by id, and indexes made on demand."""

    def __init__(self, entries):
        self.entries = tuple(entries)
        self.by_id = {entry.id: entry for entry in self.entries}
        self._indexes = {}

    def by(self, name: str) -> dict:
        """The entries by another unique column (`code`), made once per copy."""
        if name not in self._indexes:
            self._indexes[name] = {getattr(entry, name): entry for entry in self.entries}
        return self._indexes[name]


class Kept:
    """A catalogue table kept as plain, frozen values with the same attribute names as its records (and the
    properties of `facts`, a mixin the model shares), so templates and rules read either alike."""

    def __init__(self, model, *, order_by, facts=object):
        columns = [column.key for column in model.__table__.columns]
        self.entry_type = make_dataclass(f"Kept{model.__name__}", columns, frozen=True, bases=(facts,))
        self.statement = select(*model.__table__.columns).order_by(*order_by)
        self._copies = {}  # per database (a process may serve more than one, as the benchmark's does): (token, copy)
        _KEPT_MODELS.add(model)
        for name in columns:  # a change made here is read back at the next use, not at the next flush
            event.listen(getattr(model, name), "set", _changing)

    def copy(self) -> Copy:
        session = db.session()
        memo = session.info.setdefault(_MEMO, {})
        if self not in memo:
            if session.autoflush:  # as a query would: a change made in this session is read back
                session.flush()
                memo = session.info.setdefault(_MEMO, {})
            memo[self] = self._shared(session)
        return memo[self]

    def _shared(self, session) -> Copy:
        token = session.info.get(_TOKEN_KEY)
        if token is None:
            token = session.info[_TOKEN_KEY] = session.connection().execute(_TOKEN).scalar() or ""
        if not token:  # no token row: nothing can tell a copy is stale
            return self._load(session)
        database = session.get_bind()
        kept_token, copy = self._copies.get(database, (None, None))
        if kept_token != token:
            copy = self._load(session)
            self._copies[database] = (token, copy)
        return copy

    def _load(self, session) -> Copy:
        # Read after the token: a copy is never older than the token it is kept under.
        return Copy(self.entry_type(**row._mapping) for row in session.connection().execute(self.statement))


def _changing(record, *args):
    """A kept record was changed: its session reads its copies again (after a flush, which gives a new token)."""
    session = object_session(record)
    if session is not None:
        session.info.pop(_MEMO, None)


@event.listens_for(Session, "transient_to_pending")
def _adding(session, record):
    if type(record) in _KEPT_MODELS:
        session.info.pop(_MEMO, None)


@event.listens_for(Session, "before_flush")
def _new_token(session, flush_context, instances):
    """A change to a kept catalogue gives it a new token in the same transaction, and this session's copies go."""
    if not any(type(record) in _KEPT_MODELS for record in chain(session.new, session.dirty, session.deleted)):
        return
    connection = session.connection()
    token = uuid.uuid4().hex
    if not connection.execute(update(CatalogueVersion.__table__).where(CatalogueVersion.id == 1)
                              .values(token=token)).rowcount:
        connection.execute(insert(CatalogueVersion.__table__).values(id=1, token=token))
    session.info.pop(_MEMO, None)
    session.info.pop(_TOKEN_KEY, None)


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_soft_rollback")
def _forget(session, *args):
    """After a commit or rollback this session reads the token afresh: it may have moved, or been rolled back."""
    for key in (_MEMO, _TOKEN_KEY):
        session.info.pop(key, None)


class Reference:
    """A record's link to a kept catalogue entry through its id column (`goal.domain`): read from the copy, not
    loaded as a record; set by id. In queries, join on the id column."""

    def __init__(self, kept: Kept, column: str):
        self.kept, self.column = kept, column

    def __get__(self, record, owner=None):
        if record is None:
            return self
        entry_id = getattr(record, self.column)
        return None if entry_id is None else self.kept.copy().by_id[entry_id]

    def __set__(self, record, entry):
        setattr(record, self.column, None if entry is None else entry.id)

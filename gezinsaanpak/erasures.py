"""The erasure register, and what an erasure must not leave behind on disk.

The register holds which household was erased when, and nothing else. A backup restored later is older than the
erasures made since: the restore command carries the register over and makes them again (privacy.reapply_erasures).

SQLite keeps a changed page's old version in its write-ahead log until a checkpoint, and a deleted or shortened
text in the page's free space: the pseudonym, names and notes of an erased household stayed readable in the files.
Every connection therefore runs with `secure_delete` (see `_sqlite_pragmas`), and after a commit that erased
a household the log is written back and emptied (a TRUNCATE checkpoint). PostgreSQL keeps old row versions until
VACUUM reclaims them: `vacuum` runs after retention.
"""
import logging
from datetime import datetime

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from .extensions import db
from .i18n import _

log = logging.getLogger(__name__)
ERASED = "gezinsaanpak.erased"  # in session.info: this transaction erased a household


class Erasure(db.Model):
    """A household was erased (at the family's request, after retention, or again after a restore) at this time.
    The household id is a plain number, as in the audit trail: the entry outlives the household's rows."""
    __tablename__ = "erasures"

    household_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    erased_at: Mapped[datetime] = mapped_column(primary_key=True)


class RegisterMissing(RuntimeError):
    """The database has no erasure register (a backup from before it existed): the erasures cannot be made again."""

    def __init__(self, carried):
        listed = ", ".join(_("household %(id)d on %(date)s", id=hid, date=at.date().isoformat())
                           for hid, at in sorted(carried))
        super().__init__(_("this database has no erasure register: upgrade it (flask db upgrade), then erase again "
                           "what was erased after the backup: %(households)s", households=listed))


def remember(household_id: int, erased_at: datetime) -> None:
    """Write an erasure into the register, once."""
    if db.session.get(Erasure, (household_id, erased_at)) is None:
        db.session.add(Erasure(household_id=household_id, erased_at=erased_at))


def entries() -> list[tuple[int, datetime]]:
    """Every erasure in the register; none in a database that has no register (yet)."""
    if not has_register():
        return []
    return [tuple(row) for row in db.session.execute(select(Erasure.household_id, Erasure.erased_at))]


def has_register() -> bool:
    return inspect(db.engine).has_table(Erasure.__tablename__)


def mark_erased(session) -> None:
    """Have the files cleaned once the transaction that erased a household commits."""
    session.info[ERASED] = True


@event.listens_for(Session, "after_commit")
def _clean_files_after_erasure(session):
    if not session.info.pop(ERASED, False):
        return
    engine = session.get_bind()
    if engine.dialect.name != "sqlite":
        return
    with engine.connect() as connection:
        busy, frames, copied = connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
    if busy:
        log.warning("the write-ahead log could not be emptied after an erasure (%s of %s pages copied); the next "
                    "erasure or checkpoint does it", copied, frames)


@event.listens_for(Session, "after_rollback")
def _forget_erasure(session):
    session.info.pop(ERASED, None)


def vacuum(engine, tables: list[str]) -> None:
    """PostgreSQL: reclaim the old row versions that anonymising left in these tables, and refresh their
    statistics (whose samples of common values may still hold erased text). VACUUM runs outside a transaction."""
    if engine.dialect.name != "postgresql":
        return
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        for table in tables:
            connection.exec_driver_sql(f'VACUUM (ANALYZE) "{table}"')

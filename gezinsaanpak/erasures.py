"""What an erasure must not leave behind on disk.

SQLite keeps a changed page's old version in its write-ahead log until a checkpoint, and a deleted or shortened
text in the page's free space: the pseudonym, names and notes of an erased household stayed readable in the files.
Every connection therefore runs with `secure_delete` (see `_sqlite_pragmas`), and after a commit that erased
a household the log is written back and emptied (a TRUNCATE checkpoint). PostgreSQL keeps old row versions until
VACUUM reclaims them: `vacuum_household_tables` runs after retention.
"""
import logging

from sqlalchemy import event
from sqlalchemy.orm import Session

log = logging.getLogger(__name__)
ERASED = "gezinsaanpak.erased"  # in session.info: this transaction erased a household


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

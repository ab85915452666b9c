"""Backup and restore of the whole database, audit trail included.

SQLite uses its online backup API, so a backup taken while coaches keep saving is consistent. PostgreSQL
uses pg_dump / pg_restore in the custom format.
"""
import hashlib
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy import select

from .extensions import db


class BackupError(RuntimeError):
    """A backup or restore could not be made; the message says why."""


def _sqlite_path(url) -> str:
    path = url.database
    if not path or path == ":memory:":
        raise BackupError("an in-memory SQLite database cannot be backed up")
    return path


def _libpq(url) -> str:
    """pg_dump understands plain postgresql:// URLs, not SQLAlchemy's driver suffix."""
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def backup(out: str) -> None:
    url = db.engine.url
    if url.get_backend_name() == "sqlite":
        _copy_sqlite(_sqlite_path(url), out)
    elif url.get_backend_name() == "postgresql":
        _run(["pg_dump", "--format=custom", "--no-owner", "--file", out, _libpq(url)])
    else:
        raise BackupError(f"no backup method for {url.get_backend_name()}")


def restore(source_file: str) -> None:
    """Replace the current database's contents with a backup."""
    if not Path(source_file).is_file():
        raise BackupError(f"{source_file} does not exist")
    url = db.engine.url
    db.session.remove()
    db.engine.dispose()
    if url.get_backend_name() == "sqlite":
        _copy_sqlite(source_file, _sqlite_path(url))
    elif url.get_backend_name() == "postgresql":
        _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", "--dbname",
              _libpq(url), source_file])
    else:
        raise BackupError(f"no restore method for {url.get_backend_name()}")


def _copy_sqlite(source_path: str, target_path: str) -> None:
    """SQLite's online backup API: a consistent copy even while others write."""
    source = sqlite3.connect(source_path, timeout=30)
    target = sqlite3.connect(target_path, timeout=30)
    try:
        with target:
            source.backup(target)
    finally:
        target.close()
        source.close()


def _run(command: list[str]) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is not installed (it comes with the PostgreSQL client tools)")
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(result.stderr.strip() or f"{command[0]} failed")


def checksums() -> dict[str, tuple[int, str]]:
    """Row count and a digest of every table's rows in key order: two databases with equal checksums hold
    the same data."""
    result = {}
    with db.engine.connect() as connection:
        for table in db.metadata.sorted_tables:
            digest = hashlib.sha256()
            count = 0
            for row in connection.execute(select(table).order_by(*table.primary_key.columns)):
                digest.update(repr(tuple(_normal(v) for v in row)).encode())
                count += 1
            result[table.name] = (count, digest.hexdigest())
    return result


def _normal(value):
    """The same value reads back the same on both databases (booleans come back as 0/1 on SQLite)."""
    if isinstance(value, bool):
        return int(value)
    return value

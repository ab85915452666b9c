"""Backup and restore of the whole database, audit trail included.

SQLite uses its online backup API, so a backup taken while coaches keep saving is consistent; the backup is one
self-contained file. PostgreSQL uses pg_dump / pg_restore in the custom format (postgres_tools.py), the password
in their environment, never on their command line. Backups are private files (files.py).

`restore` replaces everything, so it first makes sure the file is a whole backup of this application with a schema
this code knows, then keeps a safety copy of the database it is about to replace, and only then restores.
"""
import hashlib
import os
import sqlite3
import urllib.request
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from alembic.script import ScriptDirectory
from alembic.util import CommandError
from flask import current_app
from sqlalchemy import inspect, select

from .extensions import db
from .files import FileRefused, check_source, is_live_database, writing
from .i18n import _
from .postgres_tools import archive_revisions, archive_tables, pg_command, run

CORE_TABLES = {"teams", "users", "households", "members", "audit_events"}  # in every version of the schema


class BackupError(FileRefused):
    """A backup or restore could not be made; the message says why, in one line."""


@dataclass
class BackupInfo:
    """What `inspect_backup` found: a backup of this application at a schema revision this code knows."""

    path: Path
    revision: str
    current: bool  # at the newest revision of this code's migrations


@dataclass
class Restored:
    info: BackupInfo
    safety_copy: Path | None  # the database as it was before the restore; None when it was empty


def backup(out, force: bool = False) -> None:
    """Write a consistent backup of the whole database to `out`; an existing file is only replaced with force."""
    url = db.engine.url
    if _backend(url) == "sqlite":
        with writing(out, force) as temporary:
            _copy_sqlite(_uri(_sqlite_path(url)), temporary, keep_wal=False)
    else:
        with writing(out, force) as temporary:
            run(*pg_command("pg_dump", url, "--format=custom", "--no-owner", "--file", temporary))


def inspect_backup(source) -> BackupInfo:
    """Refuse anything that is not a whole backup of this application at a schema revision this code knows: on
    SQLite an integrity check, on PostgreSQL the archive's table of contents; then the revision and the tables."""
    path = check_source(source)
    if is_live_database(path):
        raise BackupError(_("%(path)s is the application's live database, not a backup", path=path))
    if _backend(db.engine.url) == "sqlite":
        revisions, tables = _inspect_sqlite(path)
    else:
        tables = archive_tables(path)
        revisions = archive_revisions(path) if "alembic_version" in tables else []
    if not revisions:
        raise BackupError(_("%(path)s is not a backup of this application (it has no schema version)", path=path))
    scripts = ScriptDirectory(current_app.extensions["migrate"].directory)
    for revision in revisions:
        try:
            scripts.get_revision(revision)
        except CommandError:
            raise BackupError(_("%(path)s has schema version %(revision)s, which this version of the application "
                                "does not know (a backup of another application, or of a newer version)", path=path,
                                revision=revision)) from None
    current = set(revisions) == set(scripts.get_heads())
    missing = (set(db.metadata.tables) if current else CORE_TABLES) - tables
    if missing:
        raise BackupError(_("%(path)s is not a whole backup of this application (tables missing: %(tables)s)",
                            path=path, tables=", ".join(sorted(missing))))
    return BackupInfo(path, revisions[0], current)


def restore(source) -> Restored:
    """Replace the current database's contents with a backup, after checking it and keeping a safety copy."""
    info = inspect_backup(source)
    url = db.engine.url
    safety_copy = keep_safety_copy()
    db.session.remove()
    db.engine.dispose()
    try:
        if _backend(url) == "sqlite":
            _copy_sqlite(_uri(info.path, read_only=True), _sqlite_path(url), keep_wal=True)
        else:
            run(*pg_command("pg_restore", url, "--clean", "--if-exists", "--no-owner", "--single-transaction",
                            str(info.path)))
    except (FileRefused, sqlite3.Error, OSError) as error:
        if safety_copy:
            raise BackupError(_("restore failed: %(error)s; the database as it was before is kept in %(path)s",
                                error=error, path=safety_copy)) from None
        raise BackupError(_("restore failed: %(error)s", error=error)) from None
    after_restore(info)
    return Restored(info, safety_copy)


def after_restore(info: BackupInfo) -> None:
    """The data of the backup is back (and the safety copy kept): steps that bring a restored database up to date
    with what happened after the backup was taken run here, before the restore is reported done."""


def keep_safety_copy() -> Path | None:
    """A backup of the database as it is now, before a restore replaces it: next to the SQLite file, or for
    PostgreSQL in the instance folder (SAFETY_COPY_FOLDER overrides both). None when the database is empty."""
    if not inspect(db.engine).get_table_names():
        return None
    url = db.engine.url
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    if _backend(url) == "sqlite":
        live = Path(_sqlite_path(url))
        folder, name = live.parent, f"{live.name}.before-restore-{stamp}"
    else:
        folder, name = Path(current_app.instance_path), f"{url.database}.before-restore-{stamp}.backup"
    target = Path(current_app.config.get("SAFETY_COPY_FOLDER") or folder) / name
    number = 1
    while target.exists():
        number += 1
        target = target.with_name(f"{name}-{number}")
    try:
        backup(target)
    except FileRefused as error:
        raise BackupError(_("no safety copy could be made, so nothing was restored: %(error)s",
                            error=error)) from None
    return target


def _inspect_sqlite(path: Path) -> tuple[list[str], set[str]]:
    """Read, never write: the file is opened read-only and immutable, so not even a -wal or -shm file appears."""
    try:
        connection = sqlite3.connect(_uri(path, read_only=True), uri=True)
        try:
            if connection.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise BackupError(_("%(path)s is damaged (the SQLite integrity check fails)", path=path))
            tables = {name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            revisions = [r for (r,) in connection.execute("SELECT version_num FROM alembic_version")] \
                if "alembic_version" in tables else []
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise BackupError(_("%(path)s is not a backup of this application (%(error)s)", path=path,
                            error=error)) from None
    return revisions, tables


def _copy_sqlite(source_uri: str, target_path: str, keep_wal: bool) -> None:
    """SQLite's online backup API: a consistent copy even while others write. A backup file leaves write-ahead
    mode, so it is one self-contained file."""
    try:
        source = sqlite3.connect(source_uri, uri=True, timeout=30)
        target = sqlite3.connect(target_path, timeout=30)
        try:
            with target:
                source.backup(target)
            if not keep_wal:
                target.execute("PRAGMA journal_mode=DELETE")
        finally:
            target.close()
            source.close()
    except sqlite3.Error as error:
        raise BackupError(_("the SQLite copy failed: %(error)s", error=error)) from None


def _backend(url) -> str:
    if url.get_backend_name() not in ("sqlite", "postgresql"):
        raise BackupError(_("no backup method for %(database)s", database=url.get_backend_name()))
    return url.get_backend_name()


def _sqlite_path(url) -> str:
    path = url.database
    if not path or path == ":memory:":
        raise BackupError(_("an in-memory SQLite database cannot be backed up"))
    return os.path.abspath(path)


def _uri(path, read_only: bool = False) -> str:
    uri = "file:" + urllib.request.pathname2url(os.path.abspath(path))
    return uri + "?mode=ro&immutable=1" if read_only else uri


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

"""Files the application writes: the database, backups, exports and keys hold family data or secrets, so only the
account that runs the application may read them (mode 0600, whatever the umask). A file that is written is
written completely or not at all: it is built under a temporary name in its folder and renamed into place.
"""
import contextlib
import os
import tempfile
from pathlib import Path

from flask import has_app_context
from sqlalchemy.engine import make_url

from .extensions import db
from .i18n import _

PRIVATE = 0o600
SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")


class FileRefused(Exception):
    """A path the application will not read or write; the message says why, in one line."""


def make_private(path) -> None:
    """Only the owner may read or write `path` (when it exists)."""
    with contextlib.suppress(FileNotFoundError):
        os.chmod(path, PRIVATE)


def write_private_text(path, text: str) -> None:
    """Create a new file holding `text` that nobody else can read, not even for a moment."""
    with os.fdopen(_create_private(path), "w") as file:
        file.write(text)


def private_sqlite_database(uri: str, instance_path: str) -> None:
    """Before SQLite opens the database: create it private, and make an existing one and its write-ahead log
    private (SQLite gives the log and index files the database file's mode when it creates them). A relative
    path is in the instance folder, as Flask-SQLAlchemy has it."""
    url = make_url(uri)
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:") or url.query.get("uri"):
        return
    path = Path(instance_path) / url.database
    if not path.parent.is_dir():
        return
    if not path.exists():
        with contextlib.suppress(FileExistsError):
            os.close(_create_private(path))
    for name in (path, *(Path(f"{path}{suffix}") for suffix in SQLITE_COMPANIONS)):
        with contextlib.suppress(PermissionError):  # another account's file: leave it to its owner
            make_private(name)


def _create_private(path) -> int:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE)
    os.fchmod(descriptor, PRIVATE)
    return descriptor


def check_source(path) -> Path:
    """A file to read: it must exist and be a file."""
    path = Path(path)
    if path.is_dir():
        raise FileRefused(_("%(path)s is a folder, not a file", path=path))
    if not path.is_file():
        raise FileRefused(_("%(path)s does not exist", path=path))
    if not os.access(path, os.R_OK):
        raise FileRefused(_("%(path)s cannot be read (permission denied)", path=path))
    return path


def check_target(path, force: bool) -> Path:
    """A file to write: its folder must exist and be writable; an existing file is only replaced with --force."""
    path = Path(path)
    folder = path.parent
    if path.is_dir():
        raise FileRefused(_("%(path)s is a folder; give a file name", path=path))
    if not folder.is_dir():
        raise FileRefused(_("folder %(folder)s does not exist; create it first or choose another place", folder=folder))
    if not os.access(folder, os.W_OK | os.X_OK):
        raise FileRefused(_("cannot write in folder %(folder)s (permission denied)", folder=folder))
    if path.exists() and not force:
        raise FileRefused(_("%(path)s exists; choose another name or add --force", path=path))
    if is_live_database(path):
        raise FileRefused(_("%(path)s is the application's live database; choose another name", path=path))
    return path


def is_live_database(path) -> bool:
    """Is `path` the SQLite database the application runs on, or one of its journal files?"""
    if not has_app_context() or db.engine.url.get_backend_name() != "sqlite" or not db.engine.url.database:
        return False
    live = Path(os.path.abspath(db.engine.url.database))
    return Path(path).resolve() in {name.resolve() for name in (live, *(Path(f"{live}{s}") for s in SQLITE_COMPANIONS))}


@contextlib.contextmanager
def writing(path, force: bool = False):
    """Yield a private, empty temporary file next to `path`; when the block succeeds it replaces `path`, when it
    fails it is removed and `path` is left as it was."""
    target = check_target(path, force)
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
    except OSError as error:
        raise FileRefused(_("cannot write in folder %(folder)s (%(reason)s)", folder=target.parent,
                                reason=error.strerror)) from None
    os.fchmod(descriptor, PRIVATE)
    os.close(descriptor)
    try:
        yield temporary
        os.replace(temporary, target)
    except BaseException:
        for name in (temporary, *(temporary + suffix for suffix in SQLITE_COMPANIONS)):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(name)
        raise

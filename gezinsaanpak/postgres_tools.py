"""Running PostgreSQL's client tools (pg_dump, pg_restore) for backup and restore.

Everything about the connection goes in separate arguments and the password in the tool's environment
(PGPASSWORD): a command line is visible to every account on the server (`ps`), the environment is not.
"""
import os
import re
import shutil
import subprocess

from .files import FileRefused
from .i18n import _

# Connection parameters a database URL may carry as ?key=value, and the libpq variable each becomes.
LIBPQ_ENVIRONMENT = {
    "sslmode": "PGSSLMODE", "sslrootcert": "PGSSLROOTCERT", "sslcert": "PGSSLCERT", "sslkey": "PGSSLKEY",
    "sslcrl": "PGSSLCRL", "sslpassword": "PGSSLPASSWORD", "gssencmode": "PGGSSENCMODE",
    "channel_binding": "PGCHANNELBINDING", "connect_timeout": "PGCONNECT_TIMEOUT", "application_name": "PGAPPNAME",
    "options": "PGOPTIONS", "target_session_attrs": "PGTARGETSESSIONATTRS", "passfile": "PGPASSFILE",
    "service": "PGSERVICE", "client_encoding": "PGCLIENTENCODING",
}
TABLE_ENTRY = re.compile(r"^\d+; \d+ \d+ TABLE (\S+) (\S+) ")


class PostgresToolError(FileRefused):
    """pg_dump or pg_restore refused or failed; the message is its own, in one line."""


def pg_command(program: str, url, *args: str) -> tuple[list[str], dict[str, str]]:
    """The argument list and the extra environment that run `program` against the database at `url`: host, port,
    user and database as separate arguments, the password and any other URL parameter in the environment."""
    query = {key: value if isinstance(value, str) else value[-1] for key, value in url.query.items()}
    argv = [program]
    host = query.pop("host", None) or url.host
    port = query.pop("port", None) or url.port
    for option, value in (("--host", host), ("--port", port), ("--username", url.username),
                          ("--dbname", url.database)):
        if value:
            argv += [option, str(value)]
    env = {}
    if url.password is not None:
        env["PGPASSWORD"] = str(url.password)
    for key, value in query.items():
        if key not in LIBPQ_ENVIRONMENT:
            raise PostgresToolError(_("the database URL parameter %(key)s is not supported by backup and restore",
                                      key=repr(key)))
        env[LIBPQ_ENVIRONMENT[key]] = value
    return argv + list(args), env


def run(argv: list[str], env: dict[str, str] | None = None) -> str:
    """Run a client tool; its output, or PostgresToolError with the tool's own message."""
    if shutil.which(argv[0]) is None:
        raise PostgresToolError(_("%(program)s is not installed (it comes with the PostgreSQL client tools)",
                                  program=argv[0]))
    result = subprocess.run(argv, capture_output=True, text=True, env={**os.environ, **(env or {})})
    if result.returncode != 0:
        lines = [line.strip() for line in result.stderr.splitlines() if line.strip()]
        errors = [line for line in lines if "error" in line.lower()] or lines
        raise PostgresToolError(errors[0] if errors else _("%(program)s failed", program=argv[0]))
    return result.stdout


def archive_tables(path) -> set[str]:
    """The tables in a pg_dump custom-format archive; refuses a file that is not one."""
    try:
        listing = run(["pg_restore", "--list", str(path)])
    except PostgresToolError as error:
        raise PostgresToolError(_("%(path)s is not a PostgreSQL backup of this application (%(error)s)", path=path,
                                  error=error)) from None
    return {match.group(2) for match in map(TABLE_ENTRY.match, listing.splitlines()) if match}


def archive_revisions(path) -> list[str]:
    """The Alembic revision(s) recorded in an archive, read from its data without a database."""
    script = run(["pg_restore", "--data-only", "--table=alembic_version", "--file=-", str(path)])
    revisions, copying = [], False
    for line in script.splitlines():
        if line.startswith("COPY "):
            copying = True
        elif line == "\\.":
            copying = False
        elif copying and line:
            revisions.append(line.split("\t")[0])
    return revisions

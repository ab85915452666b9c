"""`flask --app gezinsaanpak check`: is this installation safe to run and is it looked after?

Every check says ok, warning or error with what to do; the command exits non-zero when one says error, so it
can run after every deployment. Configuration: the secret key, HTTPS (Secure cookies, HSTS), the reverse proxy,
debug mode, and whether closing needs the team lead's sign-off. Files: the SQLite database, the keys in the instance
folder and the backup folder must not be readable by other users of the machine. Operations: migrations at head,
catalogues loaded, a recent backup and retention run (from `operations_log`), an administrator with two-step
verification.
"""
import csv
import stat
from datetime import timedelta
from pathlib import Path
from typing import NamedTuple

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from .auth.models import User
from .catalogues import CATALOGUES
from .catalogues import LABELS as CATALOGUE_LABELS
from .cli import _l
from .extensions import db
from .health import schema_state
from .i18n import _
from .runs import last_run
from .theme import logo_path, parse_colour, readable_primary
from .timeutil import utcnow

OK, WARNING, ERROR = "ok", "warning", "error"
DEVELOPMENT_SECRETS = {"dev", "development", "secret", "secret-key", "changeme", "change-me", "test", "test-secret",
                       "x", "demo", "gezinsaanpak"}
MIN_SECRET_LENGTH = 32
RUN_EVERY = timedelta(hours=26)  # the timers run daily; a little slack for a slow run


class Check(NamedTuple):
    name: str
    level: str
    message: str


def secret_key():
    key = current_app.config.get("SECRET_KEY") or ""
    name = _("secret key")
    if key.lower() in DEVELOPMENT_SECRETS:
        return Check(name, ERROR, _("a development value; set GEZINSAANPAK_SECRET_KEY to a long random value, or "
                                    "remove it to have one generated into the instance folder"))
    if len(key) < MIN_SECRET_LENGTH:
        return Check(name, ERROR, _("only %(n)d characters; use at least %(min)d random characters", n=len(key),
                                    min=MIN_SECRET_LENGTH))
    return Check(name, OK, _("%(n)d characters", n=len(key)))


def https():
    config = current_app.config
    if not config.get("SESSION_COOKIE_SECURE"):
        return [Check(_("Secure cookies"), ERROR, _("session cookies also travel over plain HTTP; serve the "
                                                     "application over HTTPS and set "
                                                     "GEZINSAANPAK_SESSION_COOKIE_SECURE=1"))]
    checks = [Check(_("Secure cookies"), OK, _("session cookies only over HTTPS"))]
    if config.get("HSTS_MAX_AGE"):
        checks.append(Check("HSTS", OK, _("browsers keep to HTTPS for %(days)d days",
                                          days=int(config["HSTS_MAX_AGE"]) // 86400)))
    else:
        checks.append(Check("HSTS", WARNING, _("no Strict-Transport-Security header; set GEZINSAANPAK_HSTS_MAX_AGE")))
    return checks


def proxies():
    hops = int(current_app.config.get("TRUSTED_PROXIES") or 0)
    name = _("trusted proxies")
    if hops:
        return Check(name, OK, _("%(n)d; the application must be reachable only through the proxy (gunicorn on "
                                 "127.0.0.1)", n=hops))
    if current_app.config.get("SESSION_COOKIE_SECURE"):
        return Check(name, WARNING, _("none: behind a reverse proxy every visitor has the proxy's address, so a few "
                                      "wrong passwords block everyone's login; set GEZINSAANPAK_TRUSTED_PROXIES=1"))
    return Check(name, OK, _("none"))


def login_limits():
    """Where failed logins are counted: per account always in the database; per address where the limiter's storage
    says (its address is not shown: it may hold a password)."""
    scheme = str(current_app.config.get("RATELIMIT_STORAGE_URI") or "memory://").partition("://")[0]
    name = _("failed logins")
    if scheme == "memory":
        return Check(name, OK, _("per account in the database; per address in each worker's memory (a shared store: "
                                 "GEZINSAANPAK_RATELIMIT_STORAGE_URI=redis://...)"))
    return Check(name, OK, _("per account in the database; per address in %(store)s", store=scheme))


def debug():
    if current_app.debug:
        return Check(_("debug mode"), ERROR, _("on: error pages show code and let visitors run it; turn it off"))
    return Check(_("debug mode"), OK, _("off"))


def _private(path: Path) -> Check:
    """Readable or writable by other users of the machine is an error; missing is no concern of this check."""
    name = _("permissions of %(path)s", path=path)
    mode = path.stat().st_mode
    if mode & (stat.S_IROTH | stat.S_IWOTH):
        how = "chmod o-rwx" if path.is_dir() else "chmod 600"
        return Check(name, ERROR, _("readable or writable by every user of the machine (%(mode)s); %(how)s",
                                    mode=stat.filemode(mode), how=how))
    return Check(name, OK, stat.filemode(mode))


def file_permissions():
    paths = [Path(current_app.instance_path) / "secret_key"]
    url = db.engine.url
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        paths += [Path(url.database + suffix) for suffix in ("", "-wal", "-shm")]
    if current_app.config.get("BACKUP_DIR"):
        backups = Path(current_app.config["BACKUP_DIR"])
        if not backups.is_dir():
            return [*(_private(p) for p in paths if p.exists()),
                    Check(_("backup folder"), ERROR, _("%(path)s does not exist", path=backups))]
        paths.append(backups)
    return [_private(path) for path in paths if path.exists()]


def migrations():
    state = schema_state()
    name = _("migrations")
    if state == "current":
        return Check(name, OK, _("the database is at the newest migration"))
    messages = {"behind": _("the database is behind the code: run `flask --app gezinsaanpak db upgrade` as the "
                            "database owner"),
                "unknown": _("the database has a migration this code does not know: is this an older version?"),
                "unreachable": _("the database does not answer")}
    return Check(name, ERROR, messages[state])


def catalogues():
    checks = []
    for catalogue, (model, path, _convert) in CATALOGUES.items():
        with open(path, newline="", encoding="utf-8") as handle:
            shipped = {row["code"] for row in csv.DictReader(handle)}
        missing = shipped - set(db.session.scalars(select(model.code)))
        name = _("catalogue %(name)s", name=CATALOGUE_LABELS[catalogue])
        if missing:
            checks.append(Check(name, ERROR, _("%(n)d shipped entries missing; run `flask --app gezinsaanpak "
                                               "catalogues load`", n=len(missing))))
        else:
            checks.append(Check(name, OK, _("%(n)d shipped entries loaded", n=len(shipped))))
    return checks


def scheduled(kind, label, command):
    run = last_run(kind)
    if run is None:
        return Check(label, WARNING, _("none recorded yet; schedule `%(command)s` daily (deploy/*.timer)",
                                       command=command))
    age = utcnow() - run.finished_at
    when = run.finished_at.strftime("%Y-%m-%d %H:%M UTC")
    if age > RUN_EVERY:
        return Check(label, WARNING, _("last one %(when)s, more than a day ago: is its timer running?", when=when))
    return Check(label, OK, _("last one %(when)s", when=when))


def administrators():
    admins = db.session.execute(select(func.count(User.id), func.count(User.totp_secret))
                                .where(User.role == "admin", User.active.is_(True))).one()
    name = _("administrators")
    if not admins[0]:
        return Check(name, ERROR, _("no active administrator; create one with `flask --app gezinsaanpak users create "
                                    "--role admin`"))
    if not admins[1]:
        return Check(name, WARNING, _("none has set up two-step verification yet (it is asked at the first login)"))
    return Check(name, OK, _("%(n)d with two-step verification", n=admins[1]))


def theme():
    """The municipality's colour and logo (GEZINSAANPAK_THEME_*): what is shown instead of a wrong setting."""
    name, config = _("theme"), current_app.config
    configured = config.get("THEME_PRIMARY_COLOR")
    colour, as_is = readable_primary(configured)
    if configured and parse_colour(configured) is None:
        return Check(name, WARNING, _("THEME_PRIMARY_COLOR %(value)s is not a colour such as #154273; %(used)s is "
                                      "used", value=configured, used=colour))
    if not as_is:
        return Check(name, WARNING, _("THEME_PRIMARY_COLOR %(value)s is too light for text on white; the darker "
                                      "%(used)s is used", value=configured, used=colour))
    if config.get("THEME_LOGO") and logo_path(config, current_app.instance_path) is None:
        return Check(name, WARNING, _("THEME_LOGO %(path)s was not found; the header shows the name instead",
                                      path=config["THEME_LOGO"]))
    return Check(name, OK, colour)


def closing():
    """Which way the municipality's closing rule is set (CLOSING_NEEDS_TEAM_LEAD): a choice, not a problem."""
    if current_app.config.get("CLOSING_NEEDS_TEAM_LEAD"):
        return Check(_("closing"), OK, _("a coach's closing waits for the team lead's sign-off"))
    return Check(_("closing"), OK, _("coaches close households themselves (CLOSING_NEEDS_TEAM_LEAD is off)"))


def run_checks() -> list[Check]:
    checks = [secret_key(), *https(), proxies(), login_limits(), debug(), theme(), closing(), *file_permissions()]
    checks.append(migrations())
    if checks[-1].level == OK:
        try:
            checks += catalogues()
            checks.append(scheduled("backup", _("backup"), "flask --app gezinsaanpak backup"))
            checks.append(scheduled("retention", _("retention"), "flask --app gezinsaanpak retention apply"))
            checks.append(administrators())
        except SQLAlchemyError as error:
            db.session.rollback()
            checks.append(Check(_("database"), ERROR, type(error).__name__))
    return checks


LABELS = {OK: _l("ok"), WARNING: _l("warning"), ERROR: _l("error")}


@click.command("check", help=_l("Check the configuration and operations of this installation: ok, warning or "
                                "error for each, and a non-zero exit status when there is an error."))
@with_appcontext
def check_command():
    checks = run_checks()
    width = max(len(str(label)) for label in LABELS.values())
    for check in checks:
        colour = {OK: "green", WARNING: "yellow", ERROR: "red"}[check.level]
        click.echo(click.style(f"{str(LABELS[check.level]):<{width}}", fg=colour) + f"  {check.name}: {check.message}")
    errors = sum(check.level == ERROR for check in checks)
    warnings = sum(check.level == WARNING for check in checks)
    click.echo(_("errors: %(errors)d, warnings: %(warnings)d", errors=errors, warnings=warnings))
    if errors:
        click.get_current_context().exit(1)

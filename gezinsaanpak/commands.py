"""Command line: `flask --app gezinsaanpak users create`, `demo`, `catalogues load`, `backup`, ...; `check` lives in
checks.py, `translate` in translate.py. It speaks CLI_LANGUAGE (see cli.py)."""
import errno
import sys
from contextlib import contextmanager

import click
from flask import current_app
from flask.cli import AppGroup, with_appcontext
from flask_migrate import upgrade

from .auth.labels import USER_ROLE_LABELS
from .auth.models import ROLES
from .auth.operations import check_new_account, create_user, find_or_create_team
from .checks import check_command
from .cli import _l, forget_cached_words, option, speak_cli_language
from .errors import InvalidInput
from .extensions import db
from .files import FileRefused
from .i18n import _, ngettext
from .runs import record_run
from .translate import translate_cli

users_cli = AppGroup("users", help=_l("Manage user accounts."))
catalogues_cli = AppGroup("catalogues", help=_l("Load the checklist, domain, benchmark and fund catalogues."))
export_cli = AppGroup("export", help=_l("Exports for the municipality."))
retention_cli = AppGroup("retention", help=_l("Anonymise closed households after the retention period."))


@users_cli.command("create", help=_l("Create an account. The password is asked at a prompt unless "
                                     "--password-stdin is given."))
@option("--email", required=True, help=_l("Email address; the account logs in with it."))
@option("--name", required=True, help=_l("Full name, as colleagues see it."))
@option("--role", required=True, type=click.Choice(ROLES), help=_l("What the account may do."))
@option("--team", default=None, help=_l("Team name; created when it does not exist yet. Coaches and team leads "
                                        "need one."))
@option("--password-stdin", is_flag=True, help=_l("Read the password from standard input."))
def create_user_command(email, name, role, team, password_stdin):
    try:
        check_new_account(email, name, role, team)  # before the password prompt, not after it
        if password_stdin:
            password = sys.stdin.readline().rstrip("\n")
        else:
            password = click.prompt(_("Password"), hide_input=True, confirmation_prompt=True)
        team_obj = find_or_create_team(team) if team else None
        user = create_user(None, email, name, role, password, team_obj)
    except InvalidInput as error:
        db.session.rollback()
        raise click.ClickException(str(error))
    db.session.commit()
    if team_obj:
        click.echo(_("Account created: %(email)s, %(role)s in %(team)s", email=user.email, role=user.role,
                     team=team_obj.name))
    else:
        click.echo(_("Account created: %(email)s, %(role)s", email=user.email, role=user.role))


@catalogues_cli.command("load", help=_l("Load or refresh the shipped catalogues (safe to run again)."))
def load_catalogues_command():
    from .catalogues import LABELS, load_all
    for name, (added, updated) in load_all().items():
        click.echo(_("%(name)s: %(added)d added, %(updated)d updated", name=LABELS[name], added=added,
                     updated=updated))
    db.session.commit()


@click.command("demo", help=_l("Apply migrations and fill an empty database with a demo municipality; print the "
                               "demo logins."))
@with_appcontext
@option("--seed", default=2026, help=_l("Random seed, for a reproducible demo municipality."))
def demo_command(seed):
    from .demo import DemoRefused, build_demo, demo_logins
    upgrade(directory=current_app.extensions["migrate"].directory)
    try:
        created = build_demo(seed=seed)
    except DemoRefused as error:
        db.session.rollback()
        raise click.ClickException(str(error))
    db.session.commit()
    click.echo(_("Demo municipality ready.") if created else _("The demo municipality was already there."))
    click.echo(_("Demo logins (password for every account: %(password)s):",
                 password=current_app.config["DEMO_PASSWORD"]))
    for user in demo_logins():
        role = str(USER_ROLE_LABELS[user.role])
        click.echo(f"  {role:<15} {user.email:<38} {user.name}" + (f" ({user.team.name})" if user.team else ""))


@click.command("backup", help=_l("Write a consistent backup of the whole database to OUT (safe while the application "
                                 "runs)."))
@click.argument("out", type=click.Path())
@option("--force", is_flag=True, help=_l("Overwrite OUT if it exists."))
@with_appcontext
def backup_command(out, force):
    from .backup import backup
    with refused_as_error():
        backup(out, force)
    record_run("backup", out)
    click.echo(_("Backup written to %(path)s", path=out))


@click.command("restore", help=_l("Replace the whole database with the backup SOURCE. SOURCE must be a backup of this "
                                  "application; the database as it was is kept in a safety copy first, and erasures "
                                  "made after the backup are made again."))
@click.argument("source", type=click.Path())
@option("--yes", is_flag=True, help=_l("Do not ask for confirmation."))
@with_appcontext
def restore_command(source, yes):
    from . import erasures
    from .backup import inspect_backup, restore
    from .privacy import reapply_erasures
    with refused_as_error():
        inspect_backup(source)
        if not yes:
            click.confirm(_("Replace everything in %(database)s with %(source)s?",
                            database=db.engine.url.render_as_string(), source=source), abort=True)
        erased = erasures.entries()  # the backup's own erasure register is as old as the backup
        restored = restore(source)
    click.echo(_("Restored from %(source)s", source=source))
    if restored.safety_copy:
        click.echo(_("The database as it was before is kept in %(path)s", path=restored.safety_copy))
    if not restored.info.current:
        click.echo(_("The backup has schema version %(revision)s, older than this version of the application: run "
                     "`flask --app gezinsaanpak db upgrade` before starting it.", revision=restored.info.revision))
        return
    try:
        reapplied = reapply_erasures(carried=erased)
    except erasures.RegisterMissing as error:
        raise click.ClickException(str(error))
    db.session.commit()
    click.echo(ngettext("Re-applied %(num)d erasure made after the backup",
                        "Re-applied %(num)d erasures made after the backup", reapplied))


@export_cli.command("monitoring", help=_l("Write an anonymised SQLite file for monitoring and research (no names, "
                                          "dates of birth or free text)."))
@click.argument("out", type=click.Path())
@option("--from", "start", required=True, type=click.DateTime(["%Y-%m-%d"]), help=_l("First day, YYYY-MM-DD."))
@option("--to", "end", required=True, type=click.DateTime(["%Y-%m-%d"]), help=_l("Last day, YYYY-MM-DD."))
@option("--force", is_flag=True, help=_l("Overwrite OUT if it exists."))
def export_monitoring_command(out, start, end, force):
    from .reports.export import export_monitoring
    if start > end:
        raise click.ClickException(_("--from must be on or before --to"))
    with refused_as_error():
        counts = export_monitoring(out, start.date(), end.date(), force=force)
    for table, count in counts.items():
        click.echo(ngettext("table %(table)s: %(num)d row", "table %(table)s: %(num)d rows", count, table=table))
    click.echo(_("Written to %(path)s", path=out))


@click.command("benchmark-data", help=_l("Fill an empty database (or one holding only benchmark data) with a synthetic "
                                         "municipality for performance measurements; every account it makes has the "
                                         "demo password."))
@option("--households", default=1000, show_default=True, help=_l("How many households to add."))
@option("--seed", default=1, show_default=True, help=_l("Random seed, for the same data on every run."))
@with_appcontext
def benchmark_data_command(households, seed):
    import time

    from werkzeug.security import generate_password_hash

    from .reports.benchmark_data import BenchmarkRefused, build, refuse_unless_benchmark_only
    try:
        refuse_unless_benchmark_only(households)  # before the migrations touch a database that is not ours
        upgrade(directory=current_app.extensions["migrate"].directory)
        started = time.perf_counter()
        counts = build(households, generate_password_hash(current_app.config["DEMO_PASSWORD"]), seed=seed)
    except BenchmarkRefused as error:
        db.session.rollback()
        raise click.ClickException(str(error))
    db.session.commit()
    click.echo(", ".join(_("%(table)s: %(count)d", table=table, count=count) for table, count in counts.items()))
    seconds = round(time.perf_counter() - started, 1)
    click.echo(ngettext("%(num)d household written in %(seconds)s s; every benchmark account has the demo password.",
                        "%(num)d households written in %(seconds)s s; every benchmark account has the demo password.",
                        households, seconds=seconds))


@retention_cli.command("apply", help=_l("Anonymise closed households whose retention period (RETENTION_MONTHS after "
                                        "closing) has passed. Run it daily, for example from a systemd timer or cron; "
                                        "what stays are anonymous counts for reports. Each household is anonymised "
                                        "and committed on its own: one that fails is reported and left for the next "
                                        "run, the others are done."))
@option("--dry-run", is_flag=True, help=_l("Only list what would be anonymised."))
def retention_apply(dry_run):
    from . import privacy
    from .cases.models import Household
    from .erasures import vacuum
    months = current_app.config["RETENTION_MONTHS"]
    due = [(household.id, household.closed_on) for household in privacy.due_for_anonymising(months)]
    failed = []
    for household_id, closed_on in due:
        message = _("would anonymise household %(id)d (closed %(date)s)") if dry_run else \
            _("anonymising household %(id)d (closed %(date)s)")
        click.echo(message % {"id": household_id, "date": closed_on.isoformat()})
        if dry_run:
            continue
        try:
            privacy.anonymise(None, db.session.get(Household, household_id))
            db.session.commit()
        except Exception as error:  # noqa: BLE001 - whatever stops one household must not stop the others
            db.session.rollback()
            failed.append(household_id)
            reason = type(error).__name__ + ": " + (str(error).splitlines() or [""])[0]
            click.echo(_("could not anonymise household %(id)d: %(error)s", id=household_id, error=reason), err=True)
    db.session.rollback()
    if due and not dry_run:
        vacuum(db.engine, [table.name for table, _columns, _parent in privacy.household_tables()])
    if not dry_run:
        record_run("retention", f"{len(due) - len(failed)} households anonymised, {len(failed)} failed")
    click.echo(ngettext("%(num)d household past %(months)d months after closing",
                        "%(num)d households past %(months)d months after closing", len(due), months=months))
    if failed:
        raise click.ClickException(ngettext("%(num)d of %(total)d households could not be anonymised (%(ids)s); the "
                                            "others were",
                                            "%(num)d of %(total)d households could not be anonymised (%(ids)s); the "
                                            "others were", len(failed), total=len(due),
                                            ids=", ".join(map(str, failed))))


# What the operating system says about a path, in the CLI's language (its own words are English).
OS_ERRORS = {errno.ENOENT: _l("does not exist"), errno.EACCES: _l("permission denied"),
             errno.EPERM: _l("permission denied"), errno.ENOSPC: _l("no space left on the device"),
             errno.EROFS: _l("the file system is read-only"), errno.EISDIR: _l("is a folder"),
             errno.ENOTDIR: _l("a part of the path is not a folder"), errno.EEXIST: _l("already exists")}


@contextmanager
def refused_as_error():
    """A refused path or file ends the command with one line saying why (and a non-zero exit), never a
    traceback; nothing is left changed."""
    try:
        yield
    except FileRefused as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from None
    except OSError as error:
        db.session.rollback()
        reason = str(OS_ERRORS[error.errno]) if error.errno in OS_ERRORS else error.strerror or str(error)
        raise click.ClickException(f"{error.filename}: {reason}" if error.filename else reason) from None


def register(app):
    speak_cli_language(app)
    app.cli.add_command(check_command)
    app.cli.add_command(users_cli)
    app.cli.add_command(catalogues_cli)
    app.cli.add_command(translate_cli)
    app.cli.add_command(export_cli)
    app.cli.add_command(retention_cli)
    app.cli.add_command(demo_command)
    app.cli.add_command(backup_command)
    app.cli.add_command(benchmark_data_command)
    app.cli.add_command(restore_command)
    forget_cached_words(app.cli)

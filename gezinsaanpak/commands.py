"""Command line: `flask --app gezinsaanpak users create`, `demo`, `catalogues load`, `backup`, ...; `check` lives in
checks.py, `translate` in translate.py. It speaks CLI_LANGUAGE (see cli.py)."""
import sys
from contextlib import contextmanager

import click
from flask import current_app
from flask.cli import AppGroup, with_appcontext
from flask_migrate import upgrade

from .auth.models import ROLES
from .auth.operations import check_new_account, create_user, find_or_create_team
from .checks import check_command
from .cli import _l, option, speak_cli_language
from .errors import InvalidInput
from .extensions import db
from .files import FileRefused
from .i18n import _
from .runs import record_run
from .translate import translate_cli

users_cli = AppGroup("users", help=_l("Manage user accounts."))
catalogues_cli = AppGroup("catalogues", help=_l("Load the checklist, domain, benchmark and fund catalogues."))
export_cli = AppGroup("export", help="Exports for the municipality.")
retention_cli = AppGroup("retention", help="Anonymise closed households after the retention period.")


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
    from .catalogues import load_all
    for name, (added, updated) in load_all().items():
        click.echo(_("%(name)s: %(added)d added, %(updated)d updated", name=name, added=added, updated=updated))
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
        click.echo(f"  {user.role:<9} {user.email:<38} {user.name}" + (f" ({user.team.name})" if user.team else ""))


@click.command("backup")
@click.argument("out", type=click.Path())
@click.option("--force", is_flag=True, help="Overwrite OUT if it exists.")
@with_appcontext
def backup_command(out, force):
    """Write a consistent backup of the whole database to OUT (safe while the application runs)."""
    from .backup import backup
    with refused_as_error():
        backup(out, force)
    record_run("backup", out)
    click.echo(f"Backup written to {out}")


@click.command("restore")
@click.argument("source", type=click.Path())
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@with_appcontext
def restore_command(source, yes):
    """Replace the whole database with the backup SOURCE. SOURCE must be a backup of this application; the
    database as it was is kept in a safety copy first, and erasures made after the backup are made again."""
    from . import erasures
    from .backup import inspect_backup, restore
    from .privacy import reapply_erasures
    with refused_as_error():
        inspect_backup(source)
        if not yes:
            click.confirm(f"Replace everything in {db.engine.url.render_as_string()} with {source}?", abort=True)
        erased = erasures.entries()  # the backup's own erasure register is as old as the backup
        restored = restore(source)
    click.echo(f"Restored from {source}")
    if restored.safety_copy:
        click.echo(f"The database as it was before is kept in {restored.safety_copy}")
    if not restored.info.current:
        click.echo(f"The backup has schema version {restored.info.revision}, older than this version of the "
                   f"application: run `flask --app gezinsaanpak db upgrade` before starting it.")
        return
    try:
        reapplied = reapply_erasures(carried=erased)
    except erasures.RegisterMissing as error:
        raise click.ClickException(str(error))
    db.session.commit()
    click.echo(f"Re-applied {reapplied} erasures made after the backup")


@export_cli.command("monitoring")
@click.argument("out", type=click.Path())
@click.option("--from", "start", required=True, type=click.DateTime(["%Y-%m-%d"]), help="First day, YYYY-MM-DD.")
@click.option("--to", "end", required=True, type=click.DateTime(["%Y-%m-%d"]), help="Last day, YYYY-MM-DD.")
@click.option("--force", is_flag=True, help="Overwrite OUT if it exists.")
def export_monitoring_command(out, start, end, force):
    """Write an anonymised SQLite file for monitoring and research (no names, dates of birth or free text)."""
    from .reports.export import export_monitoring
    if start > end:
        raise click.ClickException("--from must be on or before --to")
    with refused_as_error():
        counts = export_monitoring(out, start.date(), end.date(), force=force)
    for table, count in counts.items():
        click.echo(f"{table}: {count} rows")
    click.echo(f"Written to {out}")


@click.command("benchmark-data")
@click.option("--households", default=1000, show_default=True, help="How many households to add.")
@click.option("--seed", default=1, show_default=True)
@with_appcontext
def benchmark_data_command(households, seed):
    """Fill an empty database (or one holding only benchmark data) with a synthetic municipality for performance
    measurements; every account it makes has the demo password."""
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
    click.echo(", ".join(f"{table} {count}" for table, count in counts.items()))
    click.echo(f"{households} households written in {time.perf_counter() - started:.1f} s; every benchmark "
               f"account has the demo password.")


@retention_cli.command("apply")
@click.option("--dry-run", is_flag=True, help="Only list what would be anonymised.")
def retention_apply(dry_run):
    """Anonymise closed households whose retention period (RETENTION_MONTHS after closing) has passed.
    Run it daily, for example from cron; what stays are anonymous counts for reports.

    Each household is anonymised and committed on its own: one that fails is reported and left for the next
    run, the others are done."""
    from . import privacy
    from .cases.models import Household
    from .erasures import vacuum
    months = current_app.config["RETENTION_MONTHS"]
    due = [(household.id, household.closed_on) for household in privacy.due_for_anonymising(months)]
    failed = []
    for household_id, closed_on in due:
        click.echo(f"{'would anonymise' if dry_run else 'anonymising'} household {household_id} "
                   f"(closed {closed_on.isoformat()})")
        if dry_run:
            continue
        try:
            privacy.anonymise(None, db.session.get(Household, household_id))
            db.session.commit()
        except Exception as error:  # noqa: BLE001 - whatever stops one household must not stop the others
            db.session.rollback()
            failed.append(household_id)
            click.echo(f"could not anonymise household {household_id}: {type(error).__name__}: "
                       f"{str(error).splitlines()[0]}", err=True)
    db.session.rollback()
    if due and not dry_run:
        vacuum(db.engine, [table.name for table, _, _ in privacy.household_tables()])
    if not dry_run:
        record_run("retention", f"{len(due) - len(failed)} households anonymised, {len(failed)} failed")
    click.echo(f"{len(due)} households past {months} months after closing")
    if failed:
        raise click.ClickException(f"{len(failed)} of {len(due)} households could not be anonymised "
                                   f"({', '.join(map(str, failed))}); the others were")


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
        raise click.ClickException(f"{error.filename}: {error.strerror}" if error.filename else str(error)) from None


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

"""`flask check` tells an operator what is unsafe or neglected, and fails the run on an error."""
import os
from datetime import timedelta

import pyotp
import pytest

from gezinsaanpak import create_app
from gezinsaanpak.auth.models import User
from gezinsaanpak.extensions import db
from gezinsaanpak.runs import OperationRun, record_run
from gezinsaanpak.timeutil import utcnow

SAFE = {"SECRET_KEY": "f" * 64, "SESSION_COOKIE_SECURE": True, "TRUSTED_PROXIES": 1}


def configured(app, **config):
    keep = ("TESTING", "SQLALCHEMY_DATABASE_URI", "PASSWORD_HASH_METHOD")
    return create_app({**{key: app.config[key] for key in keep}, **SAFE, **config})


def lines(result):
    """{check name: (level, message)} from the command's output."""
    found = {}
    for line in result.output.splitlines()[:-1]:
        level, rest = line.split(None, 1)
        name, message = rest.split(": ", 1)
        found[name] = (level, message)
    return found


@pytest.fixture
def looked_after(app, world):
    """Catalogues loaded, an administrator with two-step verification, backup and retention ran today."""
    runner = app.test_cli_runner()
    assert runner.invoke(args=["catalogues", "load"]).exit_code == 0
    with app.app_context():
        record_run("backup", "/var/backups/gezinsaanpak/today.backup")
        record_run("retention", "0 households")
        database = db.engine.url.database if db.engine.url.get_backend_name() == "sqlite" else None
    for suffix in ("", "-wal", "-shm"):  # as under the service's UMask=0077
        if database and os.path.exists(database + suffix):
            os.chmod(database + suffix, 0o600)


def test_a_safe_and_looked_after_installation_passes(app, looked_after):
    result = configured(app).test_cli_runner().invoke(args=["check"])
    assert result.exit_code == 0, result.output
    assert {level for level, _ in lines(result).values()} == {"ok"}
    assert result.output.splitlines()[-1] == "fouten: 0, waarschuwingen: 0"


def test_check_says_where_failed_logins_are_counted(app, looked_after):
    found = lines(configured(app).test_cli_runner().invoke(args=["check"]))
    assert found["mislukte inlogpogingen"] == ("ok", "per account in de database; per adres in het geheugen van elke "
                                               "worker (een gedeelde opslag: "
                                               "GEZINSAANPAK_RATELIMIT_STORAGE_URI=redis://...)")


def test_a_development_secret_and_plain_http_are_errors(app, looked_after):
    result = configured(app, SECRET_KEY="dev", SESSION_COOKIE_SECURE=False, TRUSTED_PROXIES=0).test_cli_runner() \
        .invoke(args=["check"])
    assert result.exit_code == 1
    found = lines(result)
    assert found["geheime sleutel"][0] == "fout" and "ontwikkelwaarde" in found["geheime sleutel"][1]
    assert found["Secure-cookies"][0] == "fout"
    short = configured(app, SECRET_KEY="kort-maar-niet-dev").test_cli_runner().invoke(args=["check"])
    assert lines(short)["geheime sleutel"] == ("fout", "maar 18 tekens; gebruik minstens 32 willekeurige tekens")


def test_https_without_trusted_proxy_or_hsts_warns(app, looked_after):
    result = configured(app, TRUSTED_PROXIES=0, HSTS_MAX_AGE=0).test_cli_runner().invoke(args=["check"])
    assert result.exit_code == 0
    found = lines(result)
    assert found["vertrouwde proxy's"][0] == "waarschuwing" and found["HSTS"][0] == "waarschuwing"


def test_keys_and_backups_readable_by_others_are_errors(app, looked_after, tmp_path):
    backups = tmp_path / "backups"
    backups.mkdir(mode=0o755)
    os.chmod(backups, 0o755)
    result = configured(app, BACKUP_DIR=str(backups)).test_cli_runner().invoke(args=["check"])
    assert result.exit_code == 1
    assert lines(result)[f"rechten van {backups}"][0] == "fout"
    os.chmod(backups, 0o700)
    assert configured(app, BACKUP_DIR=str(backups)).test_cli_runner().invoke(args=["check"]).exit_code == 0
    missing = configured(app, BACKUP_DIR=str(tmp_path / "nowhere")).test_cli_runner().invoke(args=["check"])
    assert lines(missing)["back-upmap"][0] == "fout"


def test_missing_catalogues_and_administrator_are_errors(app):
    result = configured(app).test_cli_runner().invoke(args=["check"])
    assert result.exit_code == 1
    found = lines(result)
    checklist = found["catalogus signaleringslijst"]
    assert checklist[0] == "fout" and "catalogues load" in checklist[1]
    assert found["beheerders"][0] == "fout"
    assert found["back-up"][0] == "waarschuwing" and found["bewaartermijn"][0] == "waarschuwing"


def test_old_backups_and_administrators_without_two_step_warn(app, looked_after):
    with app.app_context():
        for run in db.session.query(OperationRun).filter_by(kind="backup"):
            run.finished_at = utcnow() - timedelta(days=3)
        db.session.query(User).filter_by(role="admin").update({"totp_secret": None})
        db.session.commit()
    found = lines(configured(app).test_cli_runner().invoke(args=["check"]))
    assert found["back-up"][0] == "waarschuwing" and "meer dan een dag geleden" in found["back-up"][1]
    assert found["beheerders"][0] == "waarschuwing"
    with app.app_context():
        db.session.query(User).filter_by(role="admin").update({"totp_secret": pyotp.random_base32()})
        db.session.commit()


def test_migrations_behind_are_an_error(app, looked_after):
    with app.app_context():
        version = db.session.execute(db.text("SELECT version_num FROM alembic_version")).scalar()
        db.session.execute(db.text("UPDATE alembic_version SET version_num = 'b9c0516a0009'"))
        db.session.commit()
    try:
        result = configured(app).test_cli_runner().invoke(args=["check"])
        assert result.exit_code == 1
        assert lines(result)["migraties"][0] == "fout"
    finally:
        with app.app_context():
            db.session.execute(db.text("UPDATE alembic_version SET version_num = :v"), {"v": version})
            db.session.commit()


def test_backup_and_retention_record_when_they_ran(app, tmp_path):
    runner = app.test_cli_runner()
    assert runner.invoke(args=["retention", "apply", "--dry-run"]).exit_code == 0
    with app.app_context():
        assert db.session.query(OperationRun).count() == 0  # a dry run is no run
    assert runner.invoke(args=["retention", "apply"]).exit_code == 0
    assert runner.invoke(args=["backup", str(tmp_path / "gezinsaanpak.backup")]).exit_code == 0
    with app.app_context():
        runs = {run.kind: run for run in db.session.query(OperationRun)}
        assert runs["backup"].detail == str(tmp_path / "gezinsaanpak.backup")
        assert runs["retention"].detail == "0 households anonymised, 0 failed"
        assert utcnow() - runs["backup"].finished_at < timedelta(minutes=1)


def test_a_theme_colour_that_does_not_read_and_a_missing_logo_warn(app, looked_after, tmp_path):
    found = lines(configured(app, THEME_PRIMARY_COLOR="#ffcc00").test_cli_runner().invoke(args=["check"]))
    assert found["huisstijl"][0] == "waarschuwing" and "te licht" in found["huisstijl"][1]
    found = lines(configured(app, THEME_PRIMARY_COLOR="rood").test_cli_runner().invoke(args=["check"]))
    assert found["huisstijl"] == ("waarschuwing", "THEME_PRIMARY_COLOR rood is geen kleur zoals #154273; #154273 "
                                                  "wordt gebruikt")
    found = lines(configured(app, THEME_LOGO=str(tmp_path / "geen.svg")).test_cli_runner().invoke(args=["check"]))
    assert found["huisstijl"][0] == "waarschuwing" and "geen.svg" in found["huisstijl"][1]
    assert lines(configured(app).test_cli_runner().invoke(args=["check"]))["huisstijl"] == ("ok", "#154273")

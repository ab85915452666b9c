"""The domain and fund catalogues each worker process keeps (gezinsaanpak/kept.py): reading requests share one
copy, and a change made anywhere, in another process too, is read by the next request."""
import os
import subprocess
import sys
from pathlib import Path

import pytest
from flask_migrate import upgrade
from sqlalchemy import delete, select

from gezinsaanpak import create_app
from gezinsaanpak.catalogues import load_catalogue
from gezinsaanpak.extensions import db
from gezinsaanpak.kept import CatalogueVersion
from gezinsaanpak.plans.models import DOMAINS, Goal
from gezinsaanpak.referrals.funds import active_funds
from gezinsaanpak.referrals.models import FUNDS, Fund

PROJECT = Path(__file__).resolve().parent.parent
# What another gunicorn worker does when an administrator renames a fund there: its own process, its own session.
OTHER_WORKER = """
import sys
from sqlalchemy import select
from gezinsaanpak import create_app
from gezinsaanpak.extensions import db
from gezinsaanpak.referrals.models import Fund
app = create_app({"SQLALCHEMY_DATABASE_URI": sys.argv[1], "SECRET_KEY": "another worker"})
with app.app_context():
    db.session.scalar(select(Fund).where(Fund.code == "leergeld")).name = sys.argv[2]
    db.session.commit()
"""


@pytest.fixture
def catalogues(app):
    with app.app_context():
        load_catalogue("domains")
        load_catalogue("funds")
        db.session.commit()


def read(app, method="GET"):
    """The fund catalogue as one request reads it."""
    with app.test_request_context("/", method=method):
        return FUNDS.copy()


def leergeld(app) -> str:
    return read(app).by("code")["leergeld"].name


def test_reading_requests_share_one_copy(app, catalogues):
    assert read(app) is read(app)
    assert read(app, "HEAD") is read(app, "POST") is read(app)


def test_a_change_committed_in_another_process_is_read_by_the_next_request(app, catalogues, database_url):
    assert leergeld(app) == "Stichting Leergeld"
    subprocess.run([sys.executable, "-c", OTHER_WORKER, database_url, "Leergeld Nederland"], check=True, cwd=PROJECT,
                   env={**os.environ, "PYTHONPATH": str(PROJECT)}, timeout=120)
    assert leergeld(app) == "Leergeld Nederland"


def test_a_change_in_this_process_is_read_by_the_next_request(app, catalogues):
    assert leergeld(app) == "Stichting Leergeld"
    with app.app_context():
        db.session.scalar(select(Fund).where(Fund.code == "leergeld")).retired_at = db.func.now()
        db.session.commit()
    with app.test_request_context("/"):
        assert "leergeld" not in {fund.code for fund in active_funds()}


@pytest.mark.parametrize("method", ["POST", "GET"])
def test_a_change_that_is_not_committed_is_seen_by_its_own_request_and_never_kept(app, catalogues, method):
    assert leergeld(app) == "Stichting Leergeld"
    with app.test_request_context("/", method=method):
        assert FUNDS.copy().by("code")["leergeld"].name == "Stichting Leergeld"  # read before the change
        db.session.scalar(select(Fund).where(Fund.code == "leergeld")).name = "Nooit bewaard"
        assert FUNDS.copy().by("code")["leergeld"].name == "Nooit bewaard"  # the form shows what it changed
        db.session.rollback()
    assert leergeld(app) == "Stichting Leergeld"


def test_a_record_reads_its_domain_from_the_copy_and_is_linked_by_id(app, catalogues):
    with app.test_request_context("/"):
        housing = DOMAINS.copy().by("code")["bridge.housing"]
        goal = Goal(domain=housing)
        assert goal.domain_id == housing.id
        assert goal.domain is housing
        assert goal.domain.label_nl == "Huisvesting"


def test_without_the_token_row_nothing_is_shared(app, catalogues):
    with app.app_context():
        db.session.execute(delete(CatalogueVersion))
        db.session.commit()
    assert read(app) is not read(app)
    assert leergeld(app) == "Stichting Leergeld"


def test_a_process_serving_two_databases_keeps_a_copy_of_each(app, catalogues, tmp_path):
    other = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'other.db'}", "SECRET_KEY": "other"})
    with other.app_context():
        upgrade()
        load_catalogue("funds")
        db.session.scalar(select(Fund).where(Fund.code == "leergeld")).name = "Leergeld elders"
        db.session.commit()
    here, there = read(app), read(other)
    assert (here.by("code")["leergeld"].name, there.by("code")["leergeld"].name) == (
        "Stichting Leergeld", "Leergeld elders")
    assert read(app) is here and read(other) is there  # each kept, not read again in turn

"""The monitoring export is k-anonymous with k = 5: measured on the file it writes, for the demo municipality and for
a synthetic one of `benchmark-data`, and still holding what the national monitor asks for."""
import sqlite3
from datetime import date

from sqlalchemy import func, or_, select

from gezinsaanpak.cases.models import Household, Neighbourhood
from gezinsaanpak.cases.neighbourhoods import add_neighbourhood
from gezinsaanpak.extensions import db
from gezinsaanpak.reports.export import TABLES, export_monitoring
from tests.factories import make_household

PERIOD = ["--from", "2020-01-01", "--to", "2030-12-31"]


def measured(path) -> dict[str, int]:
    """Per table, the smallest number of households behind a row (its k); refuses a table without that count or
    with a column that could link rows (an id)."""
    connection = sqlite3.connect(path)
    tables = [r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    ks = {}
    for table in tables:
        if table == "about":
            continue
        columns = [r[1] for r in connection.execute(f"PRAGMA table_info({table})")]
        assert "households" in columns, table
        assert not [c for c in columns if c == "id" or c.endswith("_id")], (table, columns)
        ks[table] = connection.execute(f"SELECT min(households) FROM {table}").fetchone()[0]
    return ks


def about(path) -> dict[str, str]:
    return dict(sqlite3.connect(path).execute("SELECT key, value FROM about"))


def households_in_period(app):
    with app.app_context():
        return db.session.scalar(select(func.count(Household.id)).where(
            Household.phase == "registered",
            or_(Household.closed_on.is_(None), Household.closed_on >= date(2020, 1, 1))))


def test_the_demo_export_is_5_anonymous_and_keeps_what_the_monitor_needs(app, runner, tmp_path):
    assert runner.invoke(args=["demo"]).exit_code == 0
    out = tmp_path / "monitoring.db"
    assert runner.invoke(args=["export", "monitoring", str(out), *PERIOD]).exit_code == 0
    ks = measured(out)
    assert set(ks) == set(TABLES) and all(k is not None and k >= 5 for k in ks.values()), ks
    written = about(out)
    assert written["k"] == "5" and "k-anonymity" in written["method"]
    assert written["reach.quasi_identifiers"] == "team, area, income_situation"
    connection = sqlite3.connect(out)
    # every household of the period is in the reach table once, or counted as left out
    shown = connection.execute("SELECT sum(households) FROM reach").fetchone()[0]
    left_out = int(written["reach.suppressed"].split(" records of ")[1].split()[0])
    assert shown + left_out == households_in_period(app) and left_out <= shown // 5
    assert connection.execute("SELECT count(DISTINCT income_situation) FROM reach WHERE income_situation != '*'"
                              ).fetchone()[0] >= 2  # reach by income group
    assert connection.execute("SELECT count(DISTINCT fund) FROM referrals WHERE fund != '*'").fetchone()[0] >= 3
    assert connection.execute("SELECT sum(goals) FROM goals WHERE status = 'achieved'").fetchone()[0] > 0
    assert connection.execute("SELECT count(*) FROM assessment_changes WHERE change != '*'").fetchone()[0] > 0


def test_a_synthetic_municipality_export_is_5_anonymous(app, runner, tmp_path):
    assert runner.invoke(args=["benchmark-data", "--households", "400"]).exit_code == 0
    out = tmp_path / "benchmark-monitoring.db"
    assert runner.invoke(args=["export", "monitoring", str(out), *PERIOD]).exit_code == 0
    ks = measured(out)
    assert all(k is not None and k >= 5 for k in ks.values()), ks
    connection = sqlite3.connect(out)
    by_income = connection.execute("SELECT sum(households) FROM reach WHERE income_situation != '*'").fetchone()[0]
    assert by_income >= 0.9 * households_in_period(app)  # reach by income group for nearly every household


def test_the_neighbourhood_is_published_only_as_its_district(app, ctx, world, tmp_path):
    """Neither a neighbourhood nor what a coach once typed reaches the export; the district of the administrator's
    list does, once the group is large enough."""
    admin = db.session.merge(world.admin)
    carnisse = add_neighbourhood(admin, "Carnisse", district="Charlois")
    typed = Neighbourhood(name="Dordtselaan 112 (fam. Yilmaz)", to_review=True)  # as the migration flags it
    db.session.add(typed)
    db.session.flush()
    for number in range(6):
        household = make_household(world.coach, pseudonym=f"Familie {number}", income="working")
        household.neighbourhood_id = carnisse.id
    for number in range(5):
        household = make_household(world.coach, pseudonym=f"Familie T{number}", income="social_assistance")
        household.neighbourhood_id = typed.id
    db.session.flush()
    out = tmp_path / "districts.db"
    export_monitoring(str(out), date(2020, 1, 1), date(2030, 12, 31))
    assert measured(out)["reach"] >= 5
    connection = sqlite3.connect(out)
    assert sorted(connection.execute("SELECT team, area, income_situation, households FROM reach").fetchall()) == [
        ("Team Noord", "*", "social_assistance", 5), ("Team Noord", "Charlois", "working", 6)]
    dump = "\n".join(connection.iterdump())
    assert "Carnisse" not in dump and "Dordtselaan" not in dump and "Yilmaz" not in dump and "Familie" not in dump


def test_five_households_alike_are_shown_four_are_not(app, ctx, world, tmp_path):
    for number in range(4):
        make_household(world.coach, pseudonym=f"Familie {number}", income="working")
    out = tmp_path / "four.db"
    export_monitoring(str(out), date(2020, 1, 1), date(2030, 12, 31))
    assert sqlite3.connect(out).execute("SELECT count(*) FROM reach").fetchone() == (0,)
    assert about(out)["reach.suppressed"] == "4 records of 4 households"
    make_household(world.coach, pseudonym="Familie 5", income="working")
    export_monitoring(str(out), date(2020, 1, 1), date(2030, 12, 31), force=True)
    assert sqlite3.connect(out).execute("SELECT team, income_situation, households, children FROM reach").fetchall() \
        == [("Team Noord", "working", 5, 10)]

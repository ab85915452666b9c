"""Team lead pages: only for team leads of the team; numbers match their lists; reach by income; outcomes with
small groups suppressed (test_outcomes.py); an anonymised monitoring export."""
import re
import sqlite3

import pytest
from sqlalchemy import select

from gezinsaanpak.auth.models import User
from gezinsaanpak.cases.models import Contact, Household, Member
from gezinsaanpak.extensions import db
from gezinsaanpak.plans.models import Goal
from gezinsaanpak.signals.models import Signal
from tests.factories import make_household
from tests.helpers import TODAY

PAGES = ["/team/", "/team/households?metric=open", "/team/reach", "/team/outcomes", "/team/?format=csv"]


@pytest.mark.parametrize("who", ["coach", "colleague", "admin"])
def test_only_team_leads_open_team_pages(client, auth, world, who):
    auth.login(world.by_role(who))
    for page in PAGES:
        assert client.get(page).status_code == 404, page


def test_a_team_lead_sees_only_their_own_team(app, client, auth, world):
    with app.app_context():
        make_household(db.session.merge(world.other_coach), pseudonym="Familie Iris, Bloemhof")
    auth.login(world.teamlead)
    assert "Familie Iris" not in client.get("/team/households?metric=open").text
    assert "Chris Anders" not in client.get("/team/").text
    assert client.get(f"/team/households?metric=open&coach={world.other_coach.id}").status_code == 404


def test_every_dashboard_number_matches_its_list_on_the_demo(app, client, runner):
    assert runner.invoke(args=["demo"]).exit_code == 0
    client.post("/login", data={"email": "teamleider1@demo.gezinsaanpak.nl", "password": app.config["DEMO_PASSWORD"]})
    dashboard = client.get("/team/").text
    links = re.findall(r'<a (?:class="[^"]*" )?href="(/team/households\?[^"]+)">(\d+)</a>', dashboard)
    assert len(links) > 10
    for url, number in links:
        listing = client.get(url.replace("&amp;", "&")).text
        assert len(re.findall(r'href="/households/\d+"', listing)) == int(number), url
    csv = client.get("/team/?format=csv")
    assert csv.mimetype == "text/csv" and csv.text.lstrip("\ufeff").startswith("Gezinscoach;")


def test_the_monitoring_export_holds_nothing_personal(app, runner, tmp_path):
    assert runner.invoke(args=["demo"]).exit_code == 0
    out = tmp_path / "monitoring.db"
    result = runner.invoke(args=["export", "monitoring", str(out), "--from", "2020-01-01",
                                 "--to", TODAY.isoformat()])
    assert result.exit_code == 0, result.output
    with app.app_context():
        forbidden = set()
        for first_name, born in db.session.execute(select(Member.first_name, Member.date_of_birth)):
            forbidden |= {first_name, born.isoformat()}
        for name, email in db.session.execute(select(User.name, User.email)):
            forbidden |= {name, email}
        forbidden |= set(db.session.scalars(select(Household.pseudonym)))
        forbidden |= {n for n in db.session.scalars(select(Contact.note)) if n}
        forbidden |= {n for n in db.session.scalars(select(Signal.note)) if n}
        forbidden |= {n for n in db.session.scalars(select(Goal.description)) if n}
    forbidden -= {"2020-01-01", TODAY.isoformat()}  # the period asked for, stated in `about`, not a birthday
    connection = sqlite3.connect(out)
    tables = [r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    assert {"reach", "household_makeup", "stages", "assessment_changes", "goals", "referrals"} <= set(tables)
    seen = 0
    for table in tables:
        columns = [r[1] for r in connection.execute(f"PRAGMA table_info({table})")]
        for row in connection.execute(f"SELECT * FROM {table}"):
            for column, value in zip(columns, row, strict=True):
                seen += 1
                text = str(value)
                assert text not in forbidden, (table, column, text)
                assert "@" not in text, (table, column)
                assert not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) or table == "about", (table, column, text)
    assert seen > 500


def test_an_export_for_a_period_without_households_has_every_table_empty(app, runner, world, household, tmp_path):
    out = tmp_path / "monitoring-1990.db"
    result = runner.invoke(args=["export", "monitoring", str(out), "--from", "1990-01-01", "--to", "1990-12-31"])
    assert result.exit_code == 0, result.output
    connection = sqlite3.connect(out)
    tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert tables == {"reach", "household_makeup", "intake", "closures", "stages", "goals", "assessment_changes",
                      "referrals", "signals", "about"}
    assert all(connection.execute(f"SELECT count(*) FROM {t}").fetchone() == (0,) for t in tables - {"about"})
    assert "makeup" in [r[1] for r in connection.execute("PRAGMA table_info(household_makeup)")]

"""Team lead pages: only for team leads of the team; numbers match their lists; reach by income; outcomes with
small groups suppressed (test_outcomes.py); an anonymised monitoring export."""
import re
import sqlite3
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from gezinsaanpak.auth.models import User
from gezinsaanpak.cases import operations as cases
from gezinsaanpak.cases.models import Contact, Household, Member
from gezinsaanpak.extensions import db
from gezinsaanpak.plans.models import Goal
from gezinsaanpak.signals.models import Signal
from tests.factories import make_household

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


def registered_with_contact(coach, pseudonym, income, children, contact_on):
    household = make_household(coach, pseudonym=pseudonym, children=children, income=income)
    cases.log_contact(coach, household, "home_visit", contact_on)
    return household


def test_reach_shows_social_assistance_and_working_families_against_the_ambitions(app, client, auth, world):
    last_week = date.today() - timedelta(days=7)
    with app.app_context():
        coach = db.session.merge(world.coach)
        registered_with_contact(coach, "Familie A", "social_assistance", 3, last_week)
        registered_with_contact(coach, "Familie B", "working", 2, last_week)
        registered_with_contact(coach, "Familie C", "working", 1, date(2020, 1, 1))  # not in the period
        db.session.commit()
    auth.login(world.admin)
    year = date.today().year
    assert client.post("/admin/targets", data={"year": year, "income_situation": "social_assistance",
                                               "children": 4}).status_code == 302
    assert client.post("/admin/targets", data={"year": year, "income_situation": "working",
                                               "children": 10}).status_code == 302
    auth.logout()
    auth.login(world.teamlead)
    start = date(year, 1, 1) if last_week.year == year else last_week
    page = client.get(f"/team/reach?from={start}&to={date.today()}").text
    rows = {m[0]: m[1:] for m in re.findall(
        r'<th scope="row">([^<]+)</th><td>(\d+)</td>\s*<td>([^<]+)</td>\s*<td>([^<]+)</td>', page)}
    assert rows["Bijstand"] == ("3", "4", "75%")
    assert rows["Werkend"] == ("2", "10", "20%")
    assert "100%" in page and "70%" in page


def test_the_monitoring_export_holds_nothing_personal(app, runner, tmp_path):
    assert runner.invoke(args=["demo"]).exit_code == 0
    out = tmp_path / "monitoring.db"
    result = runner.invoke(args=["export", "monitoring", str(out), "--from", "2020-01-01",
                                 "--to", date.today().isoformat()])
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
        household_ids = {str(i) for i in db.session.scalars(select(Household.id))}
    connection = sqlite3.connect(out)
    tables = [r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    assert {"households", "members", "stages", "assessments", "goals", "referrals"} <= set(tables)
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
    assert seen > 1000
    ids = [r[0] for r in connection.execute("SELECT id FROM households")]
    assert all(len(i) == 16 and i not in household_ids for i in ids)


def test_an_export_for_a_period_without_households_has_every_table_empty(app, runner, world, household, tmp_path):
    out = tmp_path / "monitoring-1990.db"
    result = runner.invoke(args=["export", "monitoring", str(out), "--from", "1990-01-01", "--to", "1990-12-31"])
    assert result.exit_code == 0, result.output
    connection = sqlite3.connect(out)
    tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert tables == {"households", "members", "stages", "assessments", "assessment_scores", "goals", "referrals",
                      "signals", "about"}
    assert all(connection.execute(f"SELECT count(*) FROM {t}").fetchone() == (0,) for t in tables - {"about"})
    assert "age_band" in [r[1] for r in connection.execute("PRAGMA table_info(members)")]

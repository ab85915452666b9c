"""The team lead's outcomes page: each figure says what it counts and its parts add up to it, the CSV says what the
page says, Child Bridge change stays within an age band, participation after a grant per fund, small groups hidden."""
import csv
import io
import re
from datetime import timedelta
from html.parser import HTMLParser

from sqlalchemy import select

from gezinsaanpak.catalogues import load_catalogue
from gezinsaanpak.extensions import db
from gezinsaanpak.plans import operations as plans
from gezinsaanpak.plans.models import Assessment, AssessmentScore, Domain
from gezinsaanpak.referrals import operations as referrals
from gezinsaanpak.referrals.models import Fund
from tests.factories import make_household
from tests.helpers import TODAY


class Tables(HTMLParser):
    """{caption: (header, rows)} of the tables on a page, every cell as its text."""

    def __init__(self, html):
        super().__init__()
        self.tables, self.cell, self.row, self.caption = {}, None, None, None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag in ("caption", "th", "td"):
            self.cell = ""
        elif tag == "tr":
            self.row = []

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data

    def handle_endtag(self, tag):
        if tag == "caption":
            self.caption, self.cell = self.cell.strip(), None
            self.tables[self.caption] = ([], [])
        elif tag in ("th", "td") and self.row is not None:
            self.row.append(self.cell.strip())
            self.cell = None
        elif tag == "tr" and self.caption:
            header, rows = self.tables[self.caption]
            if header:
                rows.append(self.row)
            else:
                header.extend(self.row)
            self.row = None


def table(client, caption_start):
    for caption, content in Tables(client.get("/team/outcomes").text).tables.items():
        if caption.startswith(caption_start):
            return content
    raise AssertionError(f"no table {caption_start!r}")


def download(client, name):
    response = client.get(f"/team/outcomes?format=csv&table={name}")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    header, *rows = list(csv.reader(io.StringIO(response.text.lstrip("\ufeff")), delimiter=";"))
    return header, rows


def row_of(rows, label):
    return next(row for row in rows if row[0] == label)


def assess(household, member, scale, band, on, **scores):
    """An assessment with the given scores by domain code: a step (Bridge) or a colour (Child Bridge)."""
    assessment = Assessment(household_id=household.id, member_id=member.id, scale=scale, age_band=band,
                            assessed_on=on, by_id=household.coordinator_id)
    for code, value in scores.items():
        domain = db.session.scalar(select(Domain).where(Domain.code == code))
        assessment.scores.append(AssessmentScore(domain=domain, step=value if scale == "bridge" else None,
                                                 colour=value if scale == "child_bridge" else None))
    db.session.add(assessment)


def test_every_figure_says_what_it_counts_and_its_parts_add_up(app, client, auth, world):
    """Five households, each a parent and two children assessed twice: 5 households, 5 members, 10 children."""
    with app.app_context():
        load_catalogue("domains")
        coach = db.session.merge(world.coach)
        for i in range(5):
            household = make_household(coach, pseudonym=f"Familie {i}")
            parent, *children = household.members
            for on, step, colour in ((TODAY - timedelta(days=60), 2, "red"), (TODAY, 3 + i % 2, "green")):
                assess(household, parent, "bridge", None, on, **{"bridge.housing": step})
                for child in children:
                    assess(household, child, "child_bridge", "by_11", on, **{"child.self_regulation": colour})
        db.session.commit()
    auth.login(world.teamlead)

    header, rows = table(client, "Brug:")
    assert header == ["Domein", "Huishoudens", "Gezinsleden vergeleken", "1 stap hoger", "2 stappen hoger"]
    assert row_of(rows, "Huisvesting") == ["Huisvesting", "5", "5", "3", "2"]
    header, rows = table(client, "Kinderbrug:")
    assert header == ["Domein", "Huishoudens", "Kinderen vergeleken", "slechter", "gelijk", "beter"]
    assert row_of(rows, "Zelfregulatie") == ["Zelfregulatie", "5", "10", "0", "0", "10"]

    for name, caption in (("bridge", "Brug:"), ("child_bridge", "Kinderbrug:")):
        assert download(client, name) == table(client, caption)


def test_a_child_is_compared_only_within_one_age_band(app, client, auth, world):
    """Red as a toddler is not compared with green at primary school: the benchmarks differ. Within the primary
    school band the child went from green to orange."""
    with app.app_context():
        load_catalogue("domains")
        coach = db.session.merge(world.coach)
        for i in range(5):
            household = make_household(coach, pseudonym=f"Familie {i}", children=1)
            child = household.members[1]
            for days_ago, band, colour in ((400, "by_5", "red"), (200, "by_11", "green"), (10, "by_11", "orange")):
                assess(household, child, "child_bridge", band, TODAY - timedelta(days=days_ago),
                       **{"child.self_regulation": colour})
        db.session.commit()
    auth.login(world.teamlead)
    _header, rows = table(client, "Kinderbrug:")
    assert row_of(rows, "Zelfregulatie") == ["Zelfregulatie", "5", "5", "5", "0", "0"]


def delivered(coach, household, fund, participation=None):
    referral = referrals.create_referral(coach, household, "Contributie", fund_id=fund.id,
                                         member_id=household.members[1].id, on=TODAY - timedelta(days=60))
    for status, days_ago in (("applied", 50), ("granted", 40), ("delivered", 30)):
        referrals.change_status(coach, household, referral, status, on=TODAY - timedelta(days=days_ago))
    if participation:
        referrals.record_participation(coach, household, referral, participation)
    return referral


def test_participation_after_a_grant_per_fund_with_small_groups_hidden(app, client, auth, world):
    with app.app_context():
        load_catalogue("funds")
        coach = db.session.merge(world.coach)
        funds = {f.code: f for f in db.session.scalars(select(Fund))}
        for i, participation in enumerate(["takes_part", "takes_part", "takes_part", "not_taking_part", None]):
            household = make_household(coach, pseudonym=f"Familie {i}")
            delivered(coach, household, funds["leergeld"], participation)
        delivered(coach, make_household(coach, pseudonym="Familie Klein"), funds["kinderhulp"], "takes_part")
        referrals.create_referral(coach, household, "Fiets", fund_id=funds["anwb_kinderfietsenplan"].id)
        db.session.commit()
    auth.login(world.teamlead)

    header, rows = table(client, "Verwijzingen toegekend of geleverd")
    assert header == ["Fonds of organisatie", "Huishoudens", "Toegekend of geleverd", "Doet mee / gebruikt het",
                      "Doet niet mee / gebruikt het niet", "Nog niet nagevraagd"]
    assert row_of(rows, "Stichting Leergeld") == ["Stichting Leergeld", "5", "5", "3", "1", "1"]
    assert row_of(rows, "Nationaal Fonds Kinderhulp")[1:3] == ["minder dan 5", "–"]
    assert row_of(rows, "Alle fondsen en organisaties") == ["Alle fondsen en organisaties", "6", "6", "4", "1", "1"]
    assert download(client, "participation") == (header, [[c.replace("–", "") for c in row] for row in rows])

    _header, rows = table(client, "Verwijzingen, naar")
    assert rows == [["Alle verwijzingen", "6", "7", "1", "0", "0", "6", "0", "0"]]


def test_the_share_of_goals_achieved(app, client, auth, world):
    with app.app_context():
        load_catalogue("domains")
        coach = db.session.merge(world.coach)
        housing = db.session.scalar(select(Domain).where(Domain.code == "bridge.housing"))
        for i in range(5):
            household = make_household(coach, pseudonym=f"Familie {i}")
            goal = plans.set_goal(coach, household, household.members[0], housing, "Een eigen huurhuis",
                                  TODAY + timedelta(days=90))
            if i < 2:
                plans.review_goal(coach, household, goal, TODAY, "achieved")
        db.session.commit()
    auth.login(world.teamlead)
    header, rows = table(client, "Doelen in de plannen")
    assert header == ["Doelen op", "Huishoudens", "Doelen gesteld", "Bereikt", "Actief", "Bijgesteld", "Gestopt",
                      "Deel bereikt"]
    assert row_of(rows, "Brug") == ["Brug", "5", "5", "2", "3", "0", "0", "40%"]
    assert row_of(rows, "Kinderbrug")[1] == "minder dan 5"
    assert row_of(rows, "Alle doelen") == ["Alle doelen", "5", "5", "2", "3", "0", "0", "40%"]
    assert download(client, "goals")[0] == header


def test_a_group_of_fewer_than_five_households_is_not_shown(app, client, auth, world):
    def assessed_twice(pseudonym, latest_step):
        household = make_household(db.session.merge(world.coach), pseudonym=pseudonym)
        for on, step in ((TODAY - timedelta(days=20), 2), (TODAY, latest_step)):
            assess(household, household.members[0], "bridge", None, on, **{"bridge.housing": step})
        db.session.commit()

    with app.app_context():
        load_catalogue("domains")
        for i in range(4):
            assessed_twice(f"Familie {i}", 3)
    auth.login(world.teamlead)
    _header, rows = table(client, "Brug:")
    assert row_of(rows, "Huisvesting") == ["Huisvesting", "minder dan 5", "–"]  # not even which changes occur
    assert download(client, "bridge")[1] == [["Huisvesting", "minder dan 5", ""]]
    with app.app_context():
        assessed_twice("Familie 5", 4)
    _header, rows = table(client, "Brug:")
    assert row_of(rows, "Huisvesting") == ["Huisvesting", "5", "5", "4", "1"]


def charts_on(page):
    """{id: the chart's SVG} of the page's charts."""
    return {name: svg for svg, name in re.findall(r'(<svg class="chart" id="([^"]+)" role="img".*?</svg>)', page, re.S)}


def test_the_change_is_drawn_beside_its_table_and_a_small_group_is_not(app, client, auth, world):
    with app.app_context():
        load_catalogue("domains")
        coach = db.session.merge(world.coach)
        for i in range(5):
            household = make_household(coach, pseudonym=f"Familie {i}")
            for on, step in ((TODAY - timedelta(days=20), 3), (TODAY, 2 if i == 0 else 4)):
                assess(household, household.members[0], "bridge", None, on, **{"bridge.housing": step})
        for i in range(4):
            household = make_household(coach, pseudonym=f"Familie Klein {i}", children=1)
            for on, step in ((TODAY - timedelta(days=20), 2), (TODAY, 3)):
                assess(household, household.members[0], "bridge", None, on, **{"bridge.debts": step})
        db.session.commit()
    auth.login(world.teamlead)
    page = client.get("/team/outcomes").text
    chart = charts_on(page)["bridge-chart"]
    assert "<title id=\"bridge-chart-title\">Brug: deel van de vergeleken gezinsleden" in chart
    assert page.index("</table>", page.index("Brug: gezinsleden naar")) < page.index('id="bridge-chart"')
    assert "1 slechter (20%)" in chart and "4 beter (80%)" in chart
    housing, debts = chart.split("Schulden")  # the households with debts: four, too few to show
    assert len(re.findall(r'class="chart-bar', housing)) == 2 and 'class="chart-bar' not in debts
    assert "minder dan 5 huishoudens: niet getoond" in debts and "1 beter" not in debts
    auth.logout()
    auth.login(world.policy)
    assert "4 beter (80%)" in charts_on(client.get("/municipality/outcomes").text)["bridge-chart"]

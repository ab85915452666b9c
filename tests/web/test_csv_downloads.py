"""A team lead's CSV downloads open in a spreadsheet as text: a name typed as a formula never runs as one."""
import csv
import io
import re
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from gezinsaanpak.auth.models import User
from gezinsaanpak.cases import operations as cases
from gezinsaanpak.cases.models import Neighbourhood
from gezinsaanpak.cases.neighbourhoods import add_neighbourhood
from gezinsaanpak.catalogues import load_catalogue
from gezinsaanpak.extensions import db
from gezinsaanpak.plans.models import Assessment, AssessmentScore, Domain
from gezinsaanpak.referrals import operations as referrals
from gezinsaanpak.reports.csvfile import spreadsheet_safe
from tests.helpers import TODAY

HYPERLINK = '=HYPERLINK("http://x","y")'
COMMAND = "+cmd|' /C calc'!A0"
SUM = "@SUM(1+1)"
MINUS = "-1+1"
DOWNLOADS = ["/team/?format=csv", "/team/households?metric=open&format=csv", "/team/reach?format=csv",
             "/team/reach?format=csv&table=provisions", "/team/reach?format=csv&table=left",
             "/team/outcomes?format=csv", "/team/outcomes?format=csv&table=bridge",
             "/team/outcomes?format=csv&table=referrals", "/team/outcomes?format=csv&table=participation"]


def cells(response):
    assert response.status_code == 200 and response.mimetype == "text/csv", response.request.url
    return [cell for row in csv.reader(io.StringIO(response.text.lstrip("\ufeff")), delimiter=";") for cell in row]


def household_with_formulas(coach, pseudonym, first_step, latest_step):
    """A registered household in a neighbourhood the administrator named like a formula, assessed twice on housing."""
    area = Neighbourhood.query.filter_by(name=SUM).one_or_none() or add_neighbourhood(User.query.filter_by(
        role="admin").one(), SUM)
    household = cases.open_contact_track(coach, pseudonym, "school", area.id,
                                         opened_on=TODAY - timedelta(days=60))
    cases.register_household(coach, household, TODAY - timedelta(days=30), "Registratie",
                             [{"first_name": "Samira", "role": "parent", "date_of_birth": date(1988, 3, 14)}],
                             "working", registered_on=TODAY - timedelta(days=30))
    housing = db.session.scalar(select(Domain).where(Domain.code == "bridge.housing"))
    for on, step in ((TODAY - timedelta(days=20), first_step), (TODAY, latest_step)):
        assessment = Assessment(household_id=household.id, member_id=household.members[0].id, scale="bridge",
                                assessed_on=on, by_id=coach.id)
        assessment.scores.append(AssessmentScore(domain=housing, step=step))
        db.session.add(assessment)
    return household


@pytest.fixture
def formulas(app, world):
    """Text typed by coaches and administrators that a spreadsheet would take for a formula."""
    with app.app_context():
        load_catalogue("domains")
        coach = db.session.merge(world.coach)
        coach.name = "\tAnna"
        db.session.scalar(select(Domain).where(Domain.code == "bridge.housing")).label_nl = MINUS
        households = [household_with_formulas(coach, HYPERLINK if i == 0 else f"Familie {i}", 3, 2)
                      for i in range(5)]
        referral = referrals.create_referral(coach, households[0], "Zwemles", organisation=COMMAND)
        for status in ("applied", "granted", "delivered"):
            referrals.change_status(coach, households[0], referral, status)
        db.session.commit()


def test_every_download_writes_typed_formulas_as_text(client, auth, world, formulas):
    auth.login(world.teamlead)
    seen = []
    for url in DOWNLOADS:
        for cell in cells(client.get(url)):
            seen.append(cell)
            assert not re.match(r"[=+\-@\t\r]", cell) or re.fullmatch(r"-?\d+([.,]\d+)?", cell), (url, cell)
    for typed in (HYPERLINK, COMMAND, SUM, MINUS, "\tAnna"):
        assert "'" + typed in seen, typed


def test_numbers_stay_numbers_beside_neutralised_text(client, auth, world, formulas):
    auth.login(world.teamlead)
    text = client.get("/team/outcomes?format=csv&table=bridge").text.lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert ["'" + MINUS, "5", "5", "5"] in rows, rows  # the domain's name neutralised, the counts numbers


@pytest.mark.parametrize("value, written", [
    ("=1+1", "'=1+1"), ("+31 6 12345678", "'+31 6 12345678"), ("-", "'-"), ("@home", "'@home"), ("\tx", "'\tx"),
    ("\rx", "'\rx"), ("Familie Tulp", "Familie Tulp"), ("", ""), (-1, -1), (None, None)])
def test_only_text_is_neutralised(value, written):
    assert spreadsheet_safe(value) == written


def test_fractions_carry_the_decimal_sign_of_the_language(client, auth, world, household):
    """Dutch spreadsheets read "1.0" as a date or text: the weighted caseload is "1,0" in Dutch, "1.0" in English."""
    auth.login(world.teamlead)
    for lang, weighted in (("nl", "1,0"), ("en", "1.0")):
        client.post("/language", data={"lang": lang})
        text = client.get("/team/?format=csv").text.lstrip("\ufeff")
        header, *rows = list(csv.reader(io.StringIO(text), delimiter=";"))
        row = next(r for r in rows if r[0] == world.coach.name)
        assert row[header.index("Gewogen caseload" if lang == "nl" else "Weighted caseload")] == weighted, (header, row)

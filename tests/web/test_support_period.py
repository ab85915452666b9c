"""The support period through the pages: the coach asks to extend with a reason, the team lead agrees from the
start page, and the goal that was refused is accepted."""
from datetime import timedelta

from gezinsaanpak.cases import operations as cases
from gezinsaanpak.cases.models import Household
from gezinsaanpak.cases.support import support_ends_on
from gezinsaanpak.catalogues import load_catalogue
from gezinsaanpak.extensions import db
from gezinsaanpak.plans.models import Domain
from gezinsaanpak.timeutil import add_months
from tests.factories import make_household
from tests.helpers import TODAY

TODAY = TODAY


def test_an_extension_asked_by_the_coach_and_agreed_by_the_team_lead(app, client, auth, world):
    with app.app_context():
        load_catalogue("domains")
        household = make_household(db.session.merge(world.coach), registered_on=add_months(TODAY, -16))
        hid, end = household.id, support_ends_on(household)
        theme = db.session.query(Domain).filter_by(code="family.basic_needs").one().id
    later = add_months(end, 3)
    goal = {"member": "family", "domain_id": str(theme), "description": "Iedereen een eigen bed",
            "target_on": later.isoformat()}
    auth.login(world.coach)
    page = client.get(f"/households/{hid}").text
    assert "de ondersteuningsperiode eindigt op" in page and f"/households/{hid}/support-period" in page
    assert client.post(f"/households/{hid}/goals/new", data=goal).status_code == 400

    empty = client.post(f"/households/{hid}/support-period", data={"until_on": later.isoformat(), "reason": ""})
    assert empty.status_code == 400 and "Schrijf op waarom het gezin langer ondersteuning nodig heeft." in empty.text
    asked = client.post(f"/households/{hid}/support-period",
                        data={"until_on": later.isoformat(), "reason": "De schuldhulp begint pas in maart"})
    assert asked.status_code == 302
    page = client.get(f"/households/{hid}/support-period").text
    assert "wacht op de teamleider" in page and "De schuldhulp begint pas in maart" in page
    assert client.post(f"/households/{hid}/support-period/decision", data={"agree": "1"}).status_code == 404
    auth.logout()

    auth.login(world.teamlead)
    start = client.get("/start").text
    assert "Verlenging van de ondersteuning tot" in start and "geef akkoord of wijs af" in start
    assert "Verlenging van de ondersteuningsperiode gevraagd" in client.get("/team/").text
    assert client.post(f"/households/{hid}/support-period/decision", data={"agree": "1"}).status_code == 302
    page = client.get(f"/households/{hid}/support-period").text
    assert "akkoord van Dana Teamleider" in page and "(verlengd)" in page
    auth.logout()

    auth.login(world.coach)
    assert client.post(f"/households/{hid}/goals/new", data=goal).status_code == 302


def test_a_closed_household_takes_no_request(app, client, auth, world, household):
    with app.app_context():
        cases.move_stage(db.session.merge(world.coach), db.session.get(Household, household.id), "closed",
                         reason="moved_away")
        db.session.commit()
    auth.login(world.coach)
    response = client.post(f"/households/{household.id}/support-period",
                           data={"until_on": (TODAY + timedelta(days=900)).isoformat(), "reason": "Reden"})
    assert response.status_code == 400
    assert "Dit huishouden is afgesloten. Heropen het om een nieuwe ondersteuningsperiode te beginnen." in response.text

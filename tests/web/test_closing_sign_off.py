"""Closing signed off by the team lead through the pages, where the municipality switches it on: the coach asks, the
team lead finds the request on the team dashboard, sends it back with why (the coach reads it), then signs it off."""
from gezinsaanpak.cases.models import Household
from gezinsaanpak.extensions import db
from tests.factories import make_household
from tests.helpers import TODAY

CLOSE = {"to_stage": "closed", "moved_on": TODAY.isoformat(), "reason": "moved_away", "note": "Verhuisd naar Zwolle",
         "turn_to": "Wijkteam Zwolle", "aftercare": "Ik bel over een maand"}


def test_the_team_lead_sends_back_then_signs_off_a_coachs_closing(app, client, auth, world, monkeypatch):
    monkeypatch.setitem(app.config, "CLOSING_NEEDS_TEAM_LEAD", True)
    with app.app_context():
        household = make_household(db.session.merge(world.coach))
        hid, version = household.id, household.version
    auth.login(world.coach)
    form = client.get(f"/households/{hid}/stage?to=closed").text
    assert "akkoord van de teamleider" in form and "De teamleider vragen om af te sluiten" in form
    asked = client.post(f"/households/{hid}/stage", data=dict(CLOSE, version=version), follow_redirects=True)
    assert "Je verzoek om af te sluiten wacht op het akkoord van de teamleider." in asked.text
    assert "wacht op het akkoord van de teamleider" in client.get(f"/households/{hid}").text
    assert client.post(f"/households/{hid}/closing/decision", data={"approve": "1"}).status_code == 404
    auth.logout()

    auth.login(world.teamlead)
    dashboard = client.get("/team/").text
    assert "Verzoeken om af te sluiten" in dashboard and f"/households/{hid}/closing" in dashboard
    page = client.get(f"/households/{hid}/closing").text
    assert "Wijkteam Zwolle" in page and "Ik bel over een maand" in page and "Akkoord: huishouden afsluiten" in page
    empty = client.post(f"/households/{hid}/closing/decision", data={"send_back": "1", "why": ""})
    assert empty.status_code == 400 and "Schrijf op waarom" in empty.text
    assert client.post(f"/households/{hid}/closing/decision",
                       data={"send_back": "1", "why": "Eerst de warme overdracht afronden"}).status_code == 302
    auth.logout()

    auth.login(world.coach)
    page = client.get(f"/households/{hid}").text
    assert "De teamleider stuurde het verzoek om af te sluiten terug" in page
    assert "Eerst de warme overdracht afronden" in page
    with app.app_context():
        household = db.session.get(Household, hid)
        assert not household.is_closed
        version = household.version
    assert client.post(f"/households/{hid}/stage", data=dict(CLOSE, version=version)).status_code == 302
    auth.logout()

    auth.login(world.teamlead)
    assert client.post(f"/households/{hid}/closing/decision", data={"approve": "1"}).status_code == 302
    timeline = client.get(f"/households/{hid}/timeline").text
    assert "De teamleider gevraagd om af te sluiten" in timeline and "Dana Teamleider" in timeline
    with app.app_context():
        household = db.session.get(Household, hid)
        assert household.is_closed and household.transitions[-1].by_id == world.teamlead.id


def test_once_sign_off_is_switched_off_the_household_no_longer_says_its_closing_waits(app, client, auth, world,
                                                                                        monkeypatch):
    """The municipality stops asking for sign-off: the coach closes as before, so a request left waiting is no
    longer announced on the household page."""
    monkeypatch.setitem(app.config, "CLOSING_NEEDS_TEAM_LEAD", True)
    with app.app_context():
        household = make_household(db.session.merge(world.coach))
        hid, version = household.id, household.version
    auth.login(world.coach)
    client.post(f"/households/{hid}/stage", data=dict(CLOSE, version=version))
    assert "wacht op het akkoord van de teamleider" in client.get(f"/households/{hid}").text
    monkeypatch.setitem(app.config, "CLOSING_NEEDS_TEAM_LEAD", False)
    page = client.get(f"/households/{hid}").text
    assert "wacht op het akkoord van de teamleider" not in page and "Afsluiten" in page

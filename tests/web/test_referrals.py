"""Referrals through the pages: start one from a suggestion, follow it up, and the administrator's fund catalogue."""
import re
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from gezinsaanpak.catalogues import load_catalogue
from gezinsaanpak.extensions import db
from gezinsaanpak.referrals import operations
from gezinsaanpak.referrals.models import Fund, Referral
from gezinsaanpak.timeutil import age_on
from tests.factories import make_household
from tests.helpers import TODAY
from tests.unit.referrals.helpers import set_yearly
from tests.web.form_pages import shown_version


@pytest.fixture
def catalogue(app, world):
    """The shipped funds, {code: id}."""
    with app.app_context():
        load_catalogue("funds")
        db.session.commit()
        return {fund.code: fund.id for fund in db.session.scalars(select(Fund))}


@pytest.fixture
def yearly_jeugdfonds(app, world, catalogue):
    """The municipality renews Jeugdfonds grants yearly: the administrator switched it on."""
    with app.app_context():
        fund = db.session.get(Fund, catalogue["jeugdfonds_sport_cultuur"])
        set_yearly(db.session.merge(world.admin), fund)
        db.session.commit()


def referrals_of(app, household_id):
    with app.app_context():
        return [(r.fund.code if r.fund else r.organisation, r.status, r.amount_cents, r.member_id)
                for r in db.session.scalars(select(Referral).where(Referral.household_id == household_id))]


def first_child_id(app, household_id):
    with app.app_context():
        from gezinsaanpak.cases.models import Member
        return db.session.scalar(select(Member.id).where(Member.household_id == household_id, Member.role == "child")
                                 .order_by(Member.id))


def start_referral(app, world, household_id, code, **extra):
    with app.app_context():
        from gezinsaanpak.cases.models import Household
        household = db.session.get(Household, household_id)
        fund = db.session.scalar(select(Fund).where(Fund.code == code))
        referral = operations.create_referral(db.session.merge(world.coach), household, "Contributie voetbalclub",
                                              fund_id=fund.id, member_id=household.members[1].id, **extra)
        db.session.commit()
        return referral.id


def test_the_household_page_suggests_funds_and_a_suggestion_prefills_the_referral(app, client, auth, world, household,
                                                                                  catalogue):
    auth.login(world.coach)
    page = client.get(f"/households/{household.id}").text
    age = age_on(date(2015, 6, 1), TODAY)  # Kind0 of the factory household
    assert "Fondsen die kunnen passen" in page
    assert f"Kind0 is {age}; Stichting Leergeld is voor kinderen van 4 tot 18 jaar" in page
    child = first_child_id(app, household.id)
    form = client.get(f"/households/{household.id}/referrals/new?member_id={child}"
                      f"&fund_id={catalogue['leergeld']}&applied_by=family").text
    assert f'<option selected value="{catalogue["leergeld"]}">Stichting Leergeld</option>' in form
    assert f'<option selected value="{child}">Kind0</option>' in form
    assert '<option selected value="family">' in form


def test_a_referral_with_a_mistake_keeps_everything_typed(app, client, auth, world, household, catalogue):
    auth.login(world.coach)
    child = first_child_id(app, household.id)
    data = {"member_id": child, "fund_id": catalogue["kinderhulp"], "request": "Zwemles diploma A",
            "amount": "12,3,4", "applied_by": "coach", "follow_up_on": (TODAY + timedelta(days=14)).isoformat()}
    response = client.post(f"/households/{household.id}/referrals/new", data=data)
    assert response.status_code == 400
    assert "Vul een bedrag in euro in, bijvoorbeeld 125,50." in response.text
    assert "Zwemles diploma A" in response.text and 'value="12,3,4"' in response.text
    assert referrals_of(app, household.id) == []
    response = client.post(f"/households/{household.id}/referrals/new", data=dict(data, amount="180,50"))
    assert response.status_code == 302
    assert referrals_of(app, household.id) == [("kinderhulp", "to_apply", 18050, child)]


def test_a_referral_needs_a_fund_or_an_organisation(app, client, auth, world, household, catalogue):
    auth.login(world.coach)
    response = client.post(f"/households/{household.id}/referrals/new",
                           data={"member_id": 0, "fund_id": 0, "request": "Huiswerkbegeleiding",
                                 "applied_by": "family"})
    assert response.status_code == 400 and "Kies een fonds, of noem de lokale organisatie." in response.text
    response = client.post(f"/households/{household.id}/referrals/new",
                           data={"member_id": 0, "fund_id": 0, "organisation": "Buurthuis De Klimop",
                                 "request": "Huiswerkbegeleiding", "applied_by": "family"})
    assert response.status_code == 302
    assert "Buurthuis De Klimop" in client.get(f"/households/{household.id}").text


def test_a_referral_moves_from_to_apply_to_delivered_with_dates(app, client, auth, world, household, catalogue,
                                                                yearly_jeugdfonds):
    rid = start_referral(app, world, household.id, "jeugdfonds_sport_cultuur", on=TODAY - timedelta(days=20))
    auth.login(world.coach)
    url = f"/households/{household.id}/referrals/{rid}"
    for status, days in (("applied", 15), ("granted", 5), ("delivered", 1)):
        response = client.post(url, data={"step": "status", "to_status": status,
                                          "changed_on": (TODAY - timedelta(days=days)).isoformat(),
                                          "version": shown_version(client, url)})
        assert response.status_code == 302, response.text
    page = client.get(url).text
    assert "Geleverd" in page and "Toegekend" in page and "Aangevraagd" in page and "Nog aanvragen" in page
    assert "Verlenging starten" in page  # this municipality renews Jeugdfonds grants yearly
    response = client.post(url, data={"step": "participation", "participation-participation": "not_taking_part",
                                      "participation-checked_on": TODAY.isoformat(),
                                      "participation-version": shown_version(client, url, "participation")})
    assert response.status_code == 302
    assert "Doet niet mee / gebruikt het niet" in client.get(f"/households/{household.id}").text


def test_a_step_with_a_mistake_is_refused_in_dutch_and_keeps_the_note(app, client, auth, world, household, catalogue):
    rid = start_referral(app, world, household.id, "leergeld")
    auth.login(world.coach)
    url = f"/households/{household.id}/referrals/{rid}"
    tomorrow = (TODAY + timedelta(days=1)).isoformat()
    response = client.post(url, data={"step": "status", "to_status": "applied", "changed_on": tomorrow,
                                      "note": "Moeder heeft het formulier ingevuld", "version": "1"})
    assert response.status_code == 400
    assert "Deze datum kan niet in de toekomst liggen." in response.text
    assert "Moeder heeft het formulier ingevuld" in response.text
    response = client.post(url, data={"step": "status", "to_status": "delivered", "changed_on": TODAY.isoformat(),
                                      "version": "1"})
    assert response.status_code == 400
    assert "Een verwijzing kan niet van deze status naar de gekozen status." in response.text
    assert referrals_of(app, household.id)[0][1] == "to_apply"


def test_asking_again_plans_the_next_follow_up(app, client, auth, world, household, catalogue):
    rid = start_referral(app, world, household.id, "leergeld", follow_up_on=TODAY)
    auth.login(world.coach)
    url = f"/households/{household.id}/referrals/{rid}"
    response = client.post(url, data={"step": "follow_up", "again-follow_up_on": TODAY.isoformat(),
                                      "again-version": shown_version(client, url, "again")})
    assert response.status_code == 400 and "Kies een datum om na te vragen na vandaag." in response.text
    later = TODAY + timedelta(days=10)
    assert client.post(url, data={"step": "follow_up", "again-follow_up_on": later.isoformat(),
                                  "again-version": shown_version(client, url, "again")}).status_code == 302
    with app.app_context():
        assert db.session.get(Referral, rid).follow_up_on == later


def test_one_click_renews_a_yearly_grant(app, client, auth, world, household, catalogue, yearly_jeugdfonds):
    rid = start_referral(app, world, household.id, "jeugdfonds_sport_cultuur", amount_cents=22500)
    auth.login(world.coach)
    url = f"/households/{household.id}/referrals/{rid}"
    for status in ("applied", "granted", "delivered"):
        client.post(url, data={"step": "status", "to_status": status, "changed_on": TODAY.isoformat(),
                               "version": shown_version(client, url)})
    response = client.post(f"{url}/renew", data={"version": shown_version(client, url)})
    assert response.status_code == 302 and response.location != url
    assert sorted(r[1] for r in referrals_of(app, household.id)) == ["delivered", "to_apply"]
    with app.app_context():
        version = db.session.get(Referral, rid).version
    again = client.post(f"{url}/renew", data={"version": version}, follow_redirects=True)
    assert "Er is al een verlenging van deze bijdrage gestart." in again.text


def test_editing_a_referral_shows_the_amount_as_typed_and_keeps_a_mistake(app, client, auth, world, household,
                                                                           catalogue):
    rid = start_referral(app, world, household.id, "leergeld", amount_cents=12550)
    auth.login(world.coach)
    url = f"/households/{household.id}/referrals/{rid}/edit"
    assert 'value="125,50"' in client.get(url).text
    version = shown_version(client, url)
    response = client.post(url, data={"request": "", "amount": "99", "applied_by": "family", "version": version})
    assert response.status_code == 400 and "Schrijf op wat er gevraagd wordt." in response.text
    assert 'value="99"' in response.text
    assert client.post(url, data={"request": "Schoolreis", "amount": "99", "applied_by": "family",
                                  "version": version}).status_code == 302
    assert referrals_of(app, household.id)[0][2] == 9900


def test_the_administrator_keeps_the_fund_catalogue(app, client, auth, world, catalogue):
    auth.login(world.admin)
    page = client.get("/admin/funds").text
    assert "Stichting Jarige Job" in page and "Jeugdfonds Sport &amp; Cultuur" in page
    response = client.post("/admin/funds/new", data={"name": "Paniekbudget", "provides_nl": "", "min_age": "12",
                                                     "max_age": "4", "applicants": ["professionals"]})
    assert response.status_code == 400
    assert "Beschrijf in het Nederlands wat het fonds biedt." in response.text
    assert "De laagste leeftijd kan niet hoger zijn dan de hoogste leeftijd." in response.text
    assert 'value="Paniekbudget"' in response.text
    assert re.search(r'<input checked id="applicants-\d" name="applicants" type="checkbox" value="professionals">',
                     response.text)
    response = client.post("/admin/funds/new", data={"name": "Paniekbudget", "applicants": ["professionals"],
                                                     "provides_nl": "Klein noodbudget van de gezinscoach."})
    assert response.status_code == 302
    assert "Paniekbudget" in client.get("/admin/funds").text
    leergeld = catalogue["leergeld"]
    assert client.post(f"/admin/funds/{leergeld}/retire", data={"confirmed": "yes"}).status_code == 302
    assert "buiten gebruik" in client.get("/admin/funds").text
    with app.app_context():
        assert db.session.get(Fund, leergeld).retired_at is not None


def test_a_retired_fund_is_not_offered_for_new_referrals_but_stays_on_old_ones(app, client, auth, world, household,
                                                                              catalogue):
    rid = start_referral(app, world, household.id, "leergeld")
    auth.login(world.admin)
    client.post(f"/admin/funds/{catalogue['leergeld']}/retire", data={"confirmed": "yes"})
    auth.logout()
    auth.login(world.coach)
    form = client.get(f"/households/{household.id}/referrals/new").text
    assert "Stichting Leergeld" not in form and "Stichting Jarige Job" in form
    assert "Stichting Leergeld" in client.get(f"/households/{household.id}/referrals/{rid}").text


@pytest.mark.parametrize("who", ["coach", "teamlead"])
def test_only_administrators_open_the_fund_catalogue(client, auth, world, catalogue, who):
    auth.login(world.by_role(who))
    assert client.get("/admin/funds").status_code == 403
    assert client.post(f"/admin/funds/{catalogue['leergeld']}/retire").status_code == 403


def test_a_corrected_amount_shows_in_the_change_history(app, client, auth, world, household, catalogue):
    rid = start_referral(app, world, household.id, "leergeld", amount_cents=12550)
    auth.login(world.coach)
    url = f"/households/{household.id}/referrals/{rid}"
    assert "Nog geen wijzigingen." in client.get(url).text
    assert client.post(f"{url}/edit", data={"request": "Contributie voetbalclub", "amount": "99,95",
                                            "applied_by": "coach",
                                            "version": shown_version(client, f"{url}/edit")}).status_code == 302
    page = client.get(url).text
    history = " ".join(re.sub(r"<[^>]+>", " ", page.split('id="change-history-heading"')[1]
                              .split("</section>")[0]).split())
    assert "Bedrag · Anna Coach € 125,50 → € 99,95" in history, history
    assert "Wat er gevraagd wordt" not in history  # the request did not change


def test_a_family_in_trust_building_is_not_offered_a_referral(app, client, auth, world, catalogue):
    with app.app_context():
        hid = make_household(world.coach, registered=False, pseudonym="Familie Klaproos").id
    auth.login(world.coach)
    page = client.get(f"/households/{hid}").text
    assert f"/households/{hid}/referrals/new" not in page
    assert "zodra het gezin toestemming heeft gegeven" in page
    form = client.get(f"/households/{hid}/referrals/new", follow_redirects=True)
    assert "meld het huishouden eerst aan, met toestemming" in form.text
    posted = client.post(f"/households/{hid}/referrals/new", data={
        "request": "Een fiets", "fund_id": catalogue["leergeld"], "member_id": 0, "applied_by": "coach"})
    assert posted.status_code == 400 and "meld het huishouden eerst aan, met toestemming" in posted.text
    assert referrals_of(app, hid) == []

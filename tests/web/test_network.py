"""The network through the pages, in Dutch: add someone, record and withdraw consent to share, a warm handover
that a second window cannot step twice, and the team lead's view of debt help."""
import re

from sqlalchemy import select

from gezinsaanpak.extensions import db
from gezinsaanpak.network import operations
from gezinsaanpak.network.models import Partner, WarmHandover
from tests.helpers import TODAY
from tests.web.form_pages import page_form


def test_a_coach_adds_someone_and_records_consent_then_its_withdrawal(app, client, auth, world, household):
    auth.login(world.coach)
    base = f"/households/{household.id}/network"
    refused = client.post(f"{base}/new", data={"kind": "school", "name": " ", "email": "niet-goed"})
    assert refused.status_code == 400
    page = refused.get_data(as_text=True)
    assert "Vul een naam in." in page and "Dit is geen e-mailadres." not in page  # the first refusal, by field
    response = client.post(f"{base}/new", data={"kind": "school", "name": "Basisschool De Regenboog",
                                                "relation": "Mentor van Kind0", "phone": "010-1234567"})
    assert response.status_code == 302
    with app.app_context():
        partner_id = db.session.scalar(select(Partner.id).where(Partner.household_id == household.id))
    household_page = client.get(f"/households/{household.id}").get_data(as_text=True)
    assert "Basisschool De Regenboog" in household_page and "geen toestemming om te delen" in household_page

    url = f"{base}/{partner_id}"
    empty = client.post(url, data={"step": "consent", "consent-scope": "", "consent-given_by": "Moeder",
                                   "consent-given_on": "2026-05-01"})
    assert empty.status_code == 400 and "Schrijf op wat gedeeld mag worden." in empty.get_data(as_text=True)
    given = client.post(url, data={"step": "consent", "consent-scope": "Dat we werken aan schoolspullen",
                                   "consent-given_by": "Beide ouders", "consent-given_on": "2026-05-01"},
                        follow_redirects=True)
    assert "Toestemming vastgelegd" in given.get_data(as_text=True)
    assert "mag delen" in client.get(f"/households/{household.id}").get_data(as_text=True)

    withdrawn = client.post(url, data={"step": "withdraw", "withdraw-withdrawn_on": "2026-05-10"},
                            follow_redirects=True)
    assert "deel niets meer met Basisschool De Regenboog" in withdrawn.get_data(as_text=True)
    assert "geen toestemming om te delen" in client.get(f"/households/{household.id}").get_data(as_text=True)
    timeline = client.get(f"/households/{household.id}/timeline").get_data(as_text=True)
    assert "Toestemming om te delen met Basisschool De Regenboog ingetrokken" in timeline


def test_a_step_taken_in_another_window_is_not_taken_twice(app, client, auth, world, household):
    with app.app_context():
        hh = db.session.merge(household)
        coach = db.session.merge(world.coach)
        partner = operations.add_partner(coach, hh, "debt_counselling", "Schuldhulp Zuid")
        operations.give_consent(coach, hh, partner, "De huurachterstand", "Moeder")
        handover_id = operations.start_handover(coach, hh, partner, "Schuldhulp", "Overzicht").id
        db.session.commit()
    auth.login(world.coach)
    url = f"/households/{household.id}/network/handovers/{handover_id}"
    form = page_form(client, url)
    sent = dict(form["sent"])
    sent.update(to_status="meeting_held", changed_on=TODAY.isoformat())
    assert client.post(url, data=sent).status_code == 302
    again = client.post(url, data=sent)  # the same page, posted a second time
    assert again.status_code == 400
    assert "Iemand heeft intussen een stap vastgelegd" in again.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(WarmHandover, handover_id).status == "meeting_held"


def test_the_team_lead_sees_debt_help_and_a_coach_does_not(app, client, auth, world, household):
    with app.app_context():
        operations.start_debt_help(db.session.merge(world.coach), db.session.merge(household), "debt_counselling")
        db.session.commit()
    auth.login(world.coach)
    assert client.get("/team/debt-help").status_code == 404
    auth.logout()
    auth.login(world.teamlead)
    page = client.get("/team/debt-help").get_data(as_text=True)
    assert household.pseudonym in page and "Schuldhulpverlening van de gemeente" in page
    assert re.search(r"2 kinderen jonger dan 18", page)

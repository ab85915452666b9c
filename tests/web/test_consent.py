"""Withdrawing the consent to registration through the pages: from the household's details and consent, the day
checked with what was typed kept, the household page saying plainly what happened and what comes next, the
timeline and the audit trail naming it; and a new consent when the family agrees again."""
from datetime import timedelta

from babel.dates import format_date
from sqlalchemy import select

from gezinsaanpak.audit import AuditEvent
from gezinsaanpak.cases.models import Household
from gezinsaanpak.extensions import db
from gezinsaanpak.network import operations as network
from tests.factories import make_household
from tests.helpers import TODAY

NOTE = "Moeder wil niet meer geregistreerd staan"


def dutch(day):
    return format_date(day, "medium", locale="nl")


def test_the_coach_records_that_the_family_withdrew_its_consent(app, client, auth, world):
    with app.app_context():
        coach = db.session.merge(world.coach)
        household = make_household(coach)
        partner = network.add_partner(coach, household, "school", "De Klimop", on=TODAY - timedelta(days=10))
        network.give_consent(coach, household, partner, "Schoolzaken", "Moeder", on=TODAY - timedelta(days=10))
        db.session.commit()
        hid = household.id
    auth.login(world.coach)
    page = client.get(f"/households/{hid}").text
    assert f"/households/{hid}/consent/withdraw" in page
    url = f"/households/{hid}/consent/withdraw"
    assert "Vanaf de dag dat het gezin de toestemming intrekt" in client.get(url).text
    future = client.post(url, data={"withdrawn_on": (TODAY + timedelta(days=1)).isoformat(), "note": NOTE})
    assert future.status_code == 400 and NOTE in future.text
    day = TODAY - timedelta(days=2)
    assert client.post(url, data={"withdrawn_on": day.isoformat(), "note": NOTE}).status_code == 302

    page = client.get(f"/households/{hid}").text
    assert f"Het gezin trok op {dutch(day)} de toestemming voor registratie in." in page
    assert "sluit het huishouden af" in page and f"/households/{hid}/stage?to=closed" in page
    assert f"Ingetrokken op {dutch(day)}" in page and NOTE in page
    assert f"/households/{hid}/consent/new" in page and url not in page
    timeline = client.get(f"/households/{hid}/timeline").text
    assert "Het gezin trok de toestemming voor registratie in" in timeline
    assert "Toestemming om te delen met De Klimop ingetrokken" in timeline
    with app.app_context():
        actions = set(db.session.scalars(select(AuditEvent.action).where(AuditEvent.household_id == hid)))
    assert {"household.consent_withdraw_form", "household.consent_withdraw", "network.consent_withdraw"} <= actions
    auth.logout()
    auth.login(world.teamlead)
    trail = client.get(f"/households/{hid}/audit").text
    assert "Vastgelegd dat het gezin de toestemming voor registratie heeft ingetrokken" in trail

    auth.logout()
    auth.login(world.coach)
    again = client.post(f"/households/{hid}/consent/new", data={"consent_on": TODAY.isoformat(),
                                                                 "consent_scope": "Registratie, opnieuw"})
    assert again.status_code == 302
    page = client.get(f"/households/{hid}").text
    assert "Het gezin trok op" not in page and url in page
    assert "Het gezin gaf opnieuw toestemming voor registratie" in client.get(f"/households/{hid}/timeline").text
    with app.app_context():
        assert db.session.get(Household, hid).has_consent

"""Erasure at the family's request (art. 17 AVG): the team lead erases a closed household's file at once, after
typing its pseudonym; an open household or a wrong confirmation erases nothing."""

from sqlalchemy import select

from gezinsaanpak.audit import AuditEvent
from gezinsaanpak.auth.models import User
from gezinsaanpak.cases import operations as cases
from gezinsaanpak.cases.models import Household, Member
from gezinsaanpak.extensions import db
from gezinsaanpak.referrals import operations as referrals
from gezinsaanpak.referrals.models import Referral
from tests.factories import make_household
from tests.helpers import TODAY

PSEUDONYM = "Familie Tulp, Tarwewijk"


def close(app, world, household_id):
    with app.app_context():
        household = db.session.get(Household, household_id)
        cases.log_contact(world.coach, household, "home_visit", TODAY, note="Samira vertelde over de schulden")
        cases.move_stage(world.coach, household, "closed", TODAY, "", "moved_away")
        db.session.commit()


def state(app, household_id):
    with app.app_context():
        household = db.session.get(Household, household_id)
        names = db.session.scalars(select(Member.first_name).where(Member.household_id == household_id)).all()
        return household.pseudonym, names


def test_the_team_lead_erases_a_closed_household(app, client, auth, world, household):
    close(app, world, household.id)
    auth.login(world.teamlead)
    page = client.get(f"/households/{household.id}").text
    assert "Wissen op verzoek van het gezin" in page
    form = client.get(f"/households/{household.id}/erase").text
    assert "Kan niet ongedaan worden gemaakt." in form

    wrong = client.post(f"/households/{household.id}/erase", data={"confirmation": "Familie Tulp"})
    assert wrong.status_code == 400
    assert "Typ de schuilnaam precies zoals die er staat om te bevestigen." in wrong.text
    assert state(app, household.id) == (PSEUDONYM, ["Samira", "Kind0", "Kind1"])

    done = client.post(f"/households/{household.id}/erase", data={"confirmation": f" {PSEUDONYM} "})
    assert done.status_code == 302
    pseudonym, names = state(app, household.id)
    assert pseudonym == f"#{household.id}" and set(names) == {"–"}
    page = client.get(f"/households/{household.id}").text
    assert "Het dossier is gewist." in page
    assert "Samira" not in page and "schulden" not in page and "Tulp" not in page
    assert "Wissen op verzoek van het gezin" not in page  # nothing left to erase
    with app.app_context():
        event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "household.anonymise")).one()
        assert event.actor_id == world.teamlead.id and event.detail == '{"reason": "request"}'


def test_an_open_household_is_not_erased(app, client, auth, world, household):
    auth.login(world.teamlead)
    assert "Sluit eerst de ondersteuning af" in client.get(f"/households/{household.id}/erase").text
    refused = client.post(f"/households/{household.id}/erase", data={"confirmation": PSEUDONYM})
    assert refused.status_code == 400 and "Sluit eerst de ondersteuning af" in refused.text
    assert state(app, household.id) == (PSEUDONYM, ["Samira", "Kind0", "Kind1"])


def test_the_coach_cannot_erase_the_file(app, client, auth, world, household):
    close(app, world, household.id)
    auth.login(world.coach)
    assert "Wissen op verzoek" not in client.get(f"/households/{household.id}").text
    assert client.post(f"/households/{household.id}/erase", data={"confirmation": PSEUDONYM}).status_code == 404
    assert state(app, household.id)[0] == PSEUDONYM


def test_a_household_referred_to_a_local_organisation_is_erased(app, client, auth, world, household):
    with app.app_context():
        referrals.create_referral(world.coach, db.session.get(Household, household.id),
                                  "Huiswerkbegeleiding voor Kind0", organisation="Buurthuis De Tarwe")
        db.session.commit()
    close(app, world, household.id)
    auth.login(world.teamlead)
    done = client.post(f"/households/{household.id}/erase", data={"confirmation": PSEUDONYM})
    assert done.status_code == 302
    assert "Het dossier is gewist." in client.get(f"/households/{household.id}").text
    with app.app_context():
        assert db.session.scalars(select(Referral.request)).all() == ["–"]


def test_a_pseudonym_the_coach_starts_with_a_hash_is_erased_like_any_other(app, client, auth, world):
    with app.app_context():
        household = make_household(db.session.get(User, world.coach.id), pseudonym="#7 Familie Tulp")
        household_id = household.id
    close(app, world, household_id)
    auth.login(world.teamlead)
    page = client.get(f"/households/{household_id}").text
    assert "Het dossier is gewist." not in page and "Wissen op verzoek van het gezin" in page
    done = client.post(f"/households/{household_id}/erase", data={"confirmation": "#7 Familie Tulp"})
    assert done.status_code == 302
    assert state(app, household_id) == (f"#{household_id}", ["–", "–", "–"])
    assert "Het dossier is gewist." in client.get(f"/households/{household_id}").text

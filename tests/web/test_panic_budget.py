"""The panic budget: spending per household against a yearly limit; over the limit is refused, clearly."""

from sqlalchemy import func, select

from gezinsaanpak.cases import operations as cases
from gezinsaanpak.cases.models import Household
from gezinsaanpak.extensions import db
from gezinsaanpak.referrals.panic import PanicSpending
from tests.factories import make_household
from tests.helpers import TODAY


def spend(client, household, amount, purpose="Boodschappen tot de uitkering binnen is"):
    return client.post(f"/households/{household.id}/panic-budget",
                       data={"spent_on": TODAY.isoformat(), "amount": amount, "purpose": purpose})


def spent(app):
    with app.app_context():
        return db.session.scalar(select(func.count(PanicSpending.id)))


def test_spending_without_a_budget_is_explained(app, client, auth, world, household):
    auth.login(world.coach)
    response = spend(client, household, "40,00")
    assert response.status_code == 400 and "Er is geen paniekbudget voor je team" in response.text
    assert spent(app) == 0


def test_spending_over_the_limit_is_refused_and_within_it_recorded(app, client, auth, world, household):
    auth.login(world.admin)
    assert client.post("/admin/panic-budget", data={"year": TODAY.year, "team_id": world.team_a.id,
                                                    "coach_id": 0, "amount": "100,00"}).status_code == 302
    auth.logout()
    auth.login(world.coach)
    assert spend(client, household, "60,00").status_code == 302
    over = spend(client, household, "45,50", "Een nieuwe koelkast")
    assert over.status_code == 400
    assert "Dit is meer dan er dit jaar nog in het paniekbudget zit (€\xa040,00)" in over.text
    assert 'value="Een nieuwe koelkast"' in over.text  # what was typed stays
    assert spent(app) == 1
    page = client.get(f"/households/{household.id}/panic-budget").text
    assert "€\xa040,00" in page and "Boodschappen tot de uitkering binnen is" in page


def test_a_coach_limit_applies_besides_the_team_limit(app, client, auth, world, household):
    auth.login(world.admin)
    year = TODAY.year
    client.post("/admin/panic-budget", data={"year": year, "team_id": world.team_a.id, "coach_id": 0,
                                             "amount": "500"})
    client.post("/admin/panic-budget", data={"year": year, "team_id": world.team_a.id,
                                             "coach_id": world.coach.id, "amount": "50"})
    wrong_team = client.post("/admin/panic-budget", data={"year": year, "team_id": world.team_b.id,
                                                          "coach_id": world.coach.id, "amount": "50"})
    assert wrong_team.status_code == 400
    auth.logout()
    auth.login(world.coach)
    assert spend(client, household, "60").status_code == 400
    assert spend(client, household, "50").status_code == 302


def test_only_administrators_set_limits(client, auth, world):
    auth.login(world.teamlead)
    assert client.get("/admin/panic-budget").status_code == 403


def set_team_limit(client, auth, world, amount="100,00"):
    auth.login(world.admin)
    assert client.post("/admin/panic-budget", data={"year": TODAY.year, "team_id": world.team_a.id,
                                                    "coach_id": 0, "amount": amount}).status_code == 302
    auth.logout()


def test_the_panic_budget_is_there_from_the_first_contact(app, client, auth, world):
    """Reducing stress comes first: during trust building, under a pseudonym, before any registration."""
    with app.app_context():
        household = make_household(db.session.merge(world.coach), registered=False)
        hid = household.id
    set_team_limit(client, auth, world)
    auth.login(world.coach)
    page = client.get(f"/households/{hid}").text
    assert f'href="/households/{hid}/panic-budget">Paniekbudget</a>' in page
    response = client.post(f"/households/{hid}/panic-budget", data={
        "spent_on": TODAY.isoformat(), "amount": "25,00", "purpose": "Boodschappen voor het weekend"})
    assert response.status_code == 302
    assert "Boodschappen voor het weekend" in client.get(f"/households/{hid}/panic-budget").text


def test_a_closed_household_gets_no_spending_even_from_an_old_form(app, client, auth, world, household):
    set_team_limit(client, auth, world)
    auth.login(world.coach)
    with app.app_context():
        cases.move_stage(db.session.merge(world.coach), db.session.get(Household, household.id), "closed",
                         reason="moved_away")
        db.session.commit()
    response = spend(client, household, "20,00")
    assert response.status_code == 400
    assert "Dit huishouden is afgesloten. Heropen het voordat je uit het paniekbudget uitgeeft." in response.text
    assert spent(app) == 0


"""Passwords and roles: rules a user meets, and changes that end sessions at once."""
from gezinsaanpak.auth.models import User
from gezinsaanpak.auth.operations import password_problem
from gezinsaanpak.extensions import db
from tests.factories import PASSWORD


def test_password_rules_length_not_composition(ctx):
    assert password_problem("kort") is not None
    assert password_problem("alleen kleine letters en spaties") is None  # no composition rules
    assert password_problem("x" * 200 + " lange zin") is None  # long passphrases are welcome
    assert password_problem("Wachtwoord123") is not None  # common, whatever its length
    assert password_problem("aaaaaaaaaaaaaaaa") is not None


def test_changing_the_password_ends_other_sessions(app, auth, client, world):
    other_device = app.test_client()
    other_device.post("/login", data={"email": world.coach.email, "password": PASSWORD})
    auth.login(world.coach)
    response = client.post("/account/password", data={"current": PASSWORD, "new": "een nieuwe zin voor mij",
                                                       "repeat": "een nieuwe zin voor mij"})
    assert response.status_code == 302
    assert client.get("/my-households").status_code == 200  # this device continues
    assert other_device.get("/my-households").status_code == 302  # the other one is logged out
    assert auth.login(world.coach, "een nieuwe zin voor mij").status_code == 302


def test_a_wrong_current_password_or_common_new_one_is_explained(auth, client, world):
    auth.login(world.coach)
    wrong = client.post("/account/password", data={"current": "niet goed", "new": "een nieuwe zin voor mij",
                                                    "repeat": "een nieuwe zin voor mij"})
    assert wrong.status_code == 400 and "Je huidige wachtwoord klopt niet." in wrong.text
    common = client.post("/account/password", data={"current": PASSWORD, "new": "wachtwoord123",
                                                     "repeat": "wachtwoord123"})
    assert common.status_code == 400 and "te vaak gebruikt" in common.text


def test_changing_a_role_ends_the_users_sessions(app, auth, client, world):
    coach_device = app.test_client()
    coach_device.post("/login", data={"email": world.colleague.email, "password": PASSWORD})
    auth.login(world.admin)
    response = client.post(f"/admin/users/{world.colleague.id}/edit",
                           data={"role": "teamlead", "team_id": world.team_a.id})
    assert response.status_code == 302
    assert coach_device.get("/my-households").status_code == 302
    with app.app_context():
        assert db.session.get(User, world.colleague.id).role == "teamlead"


def test_a_coach_with_households_keeps_the_role_until_they_are_handed_over(app, auth, client, world, household):
    auth.login(world.admin)
    response = client.post(f"/admin/users/{world.coach.id}/edit", data={"role": "teamlead",
                                                                       "team_id": world.team_a.id})
    assert response.status_code == 400 and "draag die eerst over" in response.text


def test_the_administrator_adds_a_policy_officer_outside_any_team(app, auth, client, world):
    auth.login(world.admin)
    form = client.get("/admin/users").text
    assert '<option value="policy">Beleidsmedewerker</option>' in form
    response = client.post("/admin/users", data={"name": "Bea Beleid", "email": "bea@example.nl", "role": "policy",
                                                  "team_id": 0})
    assert response.status_code == 200 and "alleen op deze pagina" in response.text  # the activation code, once
    with app.app_context():
        officer = User.query.filter_by(email="bea@example.nl").one()
        assert (officer.role, officer.team_id) == ("policy", None)
    refused = client.post("/admin/users", data={"name": "Cor Coach", "email": "cor@example.nl", "role": "coach",
                                                "team_id": 0})
    assert refused.status_code == 400 and "moeten bij een team horen" in refused.text

"""Accounts through the pages: an administrator invites with a one-time code and never sets a password; the owner
activates the account; the team lead and the security log show who changed which account."""
import re
from datetime import timedelta

from sqlalchemy import select

from gezinsaanpak.auth.models import User
from gezinsaanpak.extensions import db
from gezinsaanpak.timeutil import utcnow
from tests.factories import PASSWORD

CODE = re.compile(r"<code>([A-Z2-9]{4}(?:-[A-Z2-9]{4}){3})</code>")
CHOSEN = "een zin die alleen ik ken"


def invite(client, auth, world, role="teamlead", logged_in=False, **extra):
    """The administrator creates an account on the accounts page; returns the page and the code shown on it. (An
    administrator logs in at most twice in a test: each login takes the next code of the authenticator app.)"""
    if not logged_in:
        auth.login(world.admin)
    page = client.post("/admin/users", data={"name": "Nina Nieuw", "email": "nieuw@example.nl", "role": role,
                                             "team_id": world.team_a.id, **extra})
    if not logged_in:
        auth.logout()
    found = CODE.search(page.text)
    return page, found.group(1) if found else None


def activate(client, code, password=CHOSEN, email="nieuw@example.nl"):
    return client.post("/activate", data={"email": email, "code": code, "new": password, "repeat": password})


def test_the_administrator_cannot_choose_a_password_for_a_new_account(app, client, auth, world):
    auth.login(world.admin)
    assert 'type="password"' not in client.get("/admin/users").text
    page, code = invite(client, auth, world, logged_in=True, password="het wachtwoord van de beheerder")
    assert page.status_code == 200 and code and "alleen op deze pagina" in page.text
    listing = client.get("/admin/users").text
    assert code not in listing and "wacht op activering" in listing
    auth.logout()
    assert auth.login("nieuw@example.nl", "het wachtwoord van de beheerder").status_code == 401
    assert auth.login("nieuw@example.nl", code).status_code == 401


def test_the_owner_activates_once_and_logs_in_with_their_own_password(app, client, auth, world):
    _page, code = invite(client, auth, world)
    assert client.get("/activate").status_code == 200  # open without logging in
    done = activate(client, code)
    assert done.status_code == 302 and done.location == "/"
    assert client.get("/start").status_code == 200  # logged in as the new team lead
    auth.logout()
    again = activate(client, code, "nog een andere lange zin")
    assert again.status_code == 400 and "horen niet bij elkaar" in again.text
    assert auth.login("nieuw@example.nl", CHOSEN).status_code == 302


def test_a_wrong_code_is_refused_with_a_message_and_keeps_the_email(app, client, auth, world):
    _page, code = invite(client, auth, world)
    wrong = activate(client, "ABCD-EFGH-JKLM-NPQR")
    assert wrong.status_code == 400 and "horen niet bij elkaar" in wrong.text
    assert 'value="nieuw@example.nl"' in wrong.text
    assert client.get("/start").status_code == 302  # not logged in
    short = activate(client, code, "kort")
    assert short.status_code == 400 and "minstens 12 tekens" in short.text
    assert activate(client, code).status_code == 302


def test_an_administrator_sets_up_two_step_verification_at_first_login(app, client, auth, world):
    _page, code = invite(client, auth, world, role="admin", team_id=0)
    assert activate(client, code).status_code == 302
    response = client.get("/admin/users")
    assert response.status_code == 302 and response.location == "/account/two-step"


def test_a_reset_gives_a_code_and_ends_the_old_password_and_sessions(app, client, auth, world):
    coach_device = app.test_client()
    coach_device.post("/login", data={"email": world.colleague.email, "password": PASSWORD})
    auth.login(world.admin)
    page = client.post(f"/admin/users/{world.colleague.id}/reset")
    code = CODE.search(page.text).group(1)
    auth.logout()
    assert coach_device.get("/my-households").status_code == 302
    assert auth.login(world.colleague, PASSWORD).status_code == 401
    assert activate(client, code, email=world.colleague.email).status_code == 302


def test_no_one_changes_their_own_role_or_team(app, client, auth, world):
    auth.login(world.admin)
    page = client.get(f"/admin/users/{world.admin.id}/edit")
    assert "Niemand wijzigt zijn eigen rol of team" in page.text and 'name="role"' not in page.text
    refused = client.post(f"/admin/users/{world.admin.id}/edit", data={"role": "teamlead", "team_id": world.team_a.id})
    assert refused.status_code == 400 and "Niemand wijzigt zijn eigen rol of team" in refused.text
    assert client.post(f"/admin/users/{world.admin.id}/reset").status_code == 302
    with app.app_context():
        admin = db.session.get(User, world.admin.id)
        assert (admin.role, admin.team_id, admin.activation_code_hash) == ("admin", None, None)


def test_the_team_lead_sees_the_new_account_and_the_role_change_on_the_start_page(app, client, auth, world):
    invite(client, auth, world, role="coach")
    auth.login(world.admin)
    client.post(f"/admin/users/{world.colleague.id}/edit", data={"role": "coach", "team_id": world.team_b.id})
    auth.logout()
    auth.login(world.teamlead)
    page = client.get("/start").text
    assert "Wijzigingen in de accounts van je team" in page
    assert "Fay Beheer heeft het account aangemaakt: Nina Nieuw (Gezinscoach, Team Noord)" in page
    assert ("Fay Beheer heeft de rol of het team gewijzigd: Bert Collega (Gezinscoach, Team Zuid; was Gezinscoach, "
            "Team Noord)") in page
    auth.logout()
    auth.login(world.coach)
    assert "Wijzigingen in de accounts" not in client.get("/start").text


def test_the_security_log_lists_who_did_what_when_a_page_at_a_time(app, client, auth, world):
    app.config["PAGE_SIZE"], size = 3, app.config["PAGE_SIZE"]
    try:
        invite(client, auth, world, role="coach")
        auth.login(world.admin)
        first = client.get("/admin/security-log").text
        assert "Fay Beheer" in first and "heeft het account aangemaakt" in first and "Nina Nieuw" in first
        assert "Pagina 1 van 3" in first  # six accounts of the World and the new one
        last = client.get("/admin/security-log?page=3").text
        assert "Fay Beheer" in last and "opdrachtregel" in last  # the World's accounts came from the command line
    finally:
        app.config["PAGE_SIZE"] = size
    auth.logout()
    for who in ("coach", "teamlead"):
        auth.login(world.by_role(who))
        assert client.get("/admin/security-log").status_code == 403
        auth.logout()


def test_the_command_line_still_sets_the_first_administrator_s_password(app, runner):
    result = runner.invoke(args=["users", "create", "--email", "eerste@example.nl", "--name", "Eerste Beheer",
                                 "--role", "admin", "--password-stdin"], input="een lange zin voor de eerste\n")
    assert result.exit_code == 0, result.output
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "eerste@example.nl"))
        assert user.check_password("een lange zin voor de eerste") and not user.awaits_activation


def test_an_expired_code_shows_in_the_account_list(app, client, auth, world):
    auth.login(world.admin)
    _page, code = invite(client, auth, world, logged_in=True)
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "nieuw@example.nl"))
        user.activation_expires_at = utcnow() - timedelta(minutes=1)
        db.session.commit()
    assert "activeringscode verlopen" in client.get("/admin/users").text
    auth.logout()
    expired = activate(client, code)
    assert expired.status_code == 400 and "Deze activeringscode is verlopen" in expired.text

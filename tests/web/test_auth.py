"""Logging in and out, throttling, timeouts, revoked sessions, CSRF and the language switch."""
import re
import time

import pytest
from sqlalchemy import select

from gezinsaanpak.audit import AuditEvent
from gezinsaanpak.auth.models import User
from gezinsaanpak.auth.operations import set_active
from gezinsaanpak.extensions import db


def test_pages_need_a_login(client):
    response = client.get("/my-households")
    assert response.status_code == 302 and response.location.startswith("/login?next=/my-households")


def test_a_coach_logs_in_and_finds_my_households(client, auth, world, household):
    response = auth.login(world.coach)
    assert response.status_code == 302 and response.location == "/"
    assert client.get("/").location == "/start"
    page = client.get("/my-households")
    assert "Mijn huishoudens" in page.text and "Familie Tulp" in page.text


def test_a_wrong_password_gets_a_clear_message_in_dutch(client, auth, world):
    response = auth.login(world.coach, "not the password at all")
    assert response.status_code == 401
    assert "Het e-mailadres of wachtwoord klopt niet." in response.text
    assert "coach@example.nl" in response.text  # the typed address is kept


def test_login_is_throttled_after_repeated_failures(app, client, auth, world):
    for _ in range(5):
        assert auth.login(world.coach, "wrong password, again").status_code == 401
    blocked = auth.login(world.coach)  # even the right password waits now
    assert blocked.status_code == 429
    assert "Te veel mislukte pogingen. Wacht 15 seconden" in blocked.text


def test_failed_logins_are_audited_without_the_password(app, auth, world):
    auth.login(world.coach, "a secret guess 123")
    with app.app_context():
        event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "login")).one()
    assert event.outcome == "denied" and event.actor_id == world.coach.id
    assert "secret guess" not in (event.detail or "")


@pytest.fixture
def hash_checks(monkeypatch):
    """The password hashes checked, in order: the work a login does, whoever it is for."""
    from gezinsaanpak.auth import models
    checked = []

    def spy(pwhash, password):
        checked.append(pwhash)
        return real(pwhash, password)
    real = models.check_password_hash
    monkeypatch.setattr(models, "check_password_hash", spy)
    return checked


def test_an_unknown_account_costs_the_same_hash_work_as_a_wrong_password(app, auth, world, hash_checks):
    """Otherwise the time a refusal takes would tell whether an email address has an account."""
    with app.app_context():
        set_active(None, db.session.merge(world.colleague), False)
        db.session.commit()
    assert auth.login(world.coach, "not the password at all").status_code == 401
    assert auth.login("nobody@example.nl", "not the password at all").status_code == 401
    assert auth.login(world.colleague).status_code == 401  # a disabled account, with its right password
    wrong, unknown, disabled = hash_checks
    assert unknown.split("$")[0] == wrong.split("$")[0] == app.config["PASSWORD_HASH_METHOD"]
    assert auth.login("someone.else@example.nl", "guess").status_code == 401
    assert hash_checks[-1] == unknown  # one stand-in hash, made once


def test_an_idle_session_ends(app, client, auth, world):
    auth.login(world.coach)
    with client.session_transaction() as session:
        session["seen"] = time.time() - app.config["IDLE_TIMEOUT_MINUTES"] * 60 - 5
    response = client.get("/my-households")
    assert response.status_code == 302 and response.location == "/login"
    assert client.get("/my-households").status_code == 302  # and stays ended
    assert "sessie is beëindigd" in client.get("/login").text


def test_an_active_session_continues(app, client, auth, world):
    auth.login(world.coach)
    with client.session_transaction() as session:
        session["seen"] = time.time() - app.config["IDLE_TIMEOUT_MINUTES"] * 60 + 60
    assert client.get("/my-households").status_code == 200


def test_a_page_view_soon_after_another_leaves_the_session_cookie_alone(app, client, auth, world):
    """Being active is noted at most once a minute: signing a new cookie at every page view costs time on every
    page (issue 18), and a minute is nothing against a 30-minute idle timeout."""
    auth.login(world.coach)
    client.get("/my-households")
    again = client.get("/my-households")
    assert again.status_code == 200 and "session=" not in again.headers.get("Set-Cookie", "")
    with client.session_transaction() as session:
        session["seen"] = time.time() - 90
    later = client.get("/my-households")
    assert "session=" in later.headers.get("Set-Cookie", "")
    with client.session_transaction() as session:
        assert time.time() - session["seen"] < 5


def test_the_idle_notice_counts_from_when_the_server_noted_the_user(app, client, auth, world):
    """The page tells its script how long ago the server last noted the user, so the notice before the idle
    timeout never promises more time than the server gives."""
    auth.login(world.coach)
    with client.session_transaction() as session:
        session["seen"] = time.time() - 40
    page = client.get("/my-households").text
    seen_ago = int(re.search(r'data-seen-ago="(\d+)"', page).group(1))
    assert 40 <= seen_ago <= 45


def test_staying_logged_in_notes_the_user_at_once(app, client, auth, world):
    auth.login(world.coach)
    with client.session_transaction() as session:
        session["seen"] = time.time() - 30
    assert client.post("/session/keep-alive").status_code == 204
    with client.session_transaction() as session:
        assert time.time() - session["seen"] < 5


def test_a_session_ends_after_its_absolute_lifetime(app, client, auth, world):
    auth.login(world.coach)
    with client.session_transaction() as session:
        session["login_at"] = time.time() - app.config["SESSION_LIFETIME_HOURS"] * 3600 - 5
    assert client.get("/my-households").status_code == 302


def test_a_replayed_cookie_after_logout_is_refused(app, client, auth, world):
    auth.login(world.coach)
    stolen = client.get_cookie("session").value
    auth.logout()
    client.set_cookie("session", stolen)
    response = client.get("/my-households")
    assert response.status_code == 302 and "/login" in response.location


def test_logging_in_starts_a_new_session(app, client, auth, world):
    """Session fixation: a cookie someone planted or copied before the login is worth nothing after it."""
    client.get("/login")
    with client.session_transaction() as session:
        session["planted"] = "by someone else"
    before = client.get_cookie("session").value
    auth.login(world.coach)
    after = client.get_cookie("session").value
    assert after != before
    with client.session_transaction() as session:
        assert "planted" not in session
    client.set_cookie("session", before)
    response = client.get("/my-households")
    assert response.status_code == 302 and "/login" in response.location


def test_the_session_cookie_is_kept_from_scripts_and_other_sites(app, client, auth, world, monkeypatch):
    cookie = auth.login(world.coach).headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    auth.logout()
    monkeypatch.setitem(app.config, "SESSION_COOKIE_SECURE", True)  # served over HTTPS
    assert "Secure" in auth.login(world.coach).headers["Set-Cookie"]


def test_disabling_an_account_ends_its_sessions(app, client, auth, world):
    auth.login(world.coach)
    with app.app_context():
        set_active(None, db.session.get(User, world.coach.id), False)
        db.session.commit()
    assert client.get("/my-households").status_code == 302
    assert auth.login(world.coach).status_code == 401


@pytest.fixture
def csrf_on(app):
    app.config["WTF_CSRF_ENABLED"] = True
    yield
    app.config["WTF_CSRF_ENABLED"] = False


def test_a_forged_post_is_rejected(app, client, auth, world, csrf_on):
    page = client.get("/login")
    token = page.text.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    assert client.post("/login", data={"email": world.coach.email, "password": "x" * 12}).status_code == 400
    ok = client.post("/login", data={"email": world.coach.email, "password": "correct horse battery staple",
                                     "csrf_token": token})
    assert ok.status_code == 302
    forged = client.post(f"/admin/users/{world.coach.id}/active")  # no token: as from another site
    assert forged.status_code == 400
    assert "niet vanuit deze applicatie" in forged.text


def test_dutch_by_default_and_english_after_switching(client, auth, world):
    auth.login(world.coach)
    assert "Mijn huishoudens" in client.get("/my-households").text
    client.post("/language", data={"lang": "en", "next": "/my-households"})
    page = client.get("/my-households").text
    assert "My households" in page and "Mijn huishoudens" not in page
    assert '<html lang="en" ' in page


def test_error_pages_speak_the_users_language(client, auth, world):
    auth.login(world.coach)
    assert "Pagina niet gevonden" in client.get("/households/999999").text
    client.post("/language", data={"lang": "en"})
    assert "Page not found" in client.get("/households/999999").text


def test_family_pages_are_not_cached_and_carry_security_headers(client, auth, world, household):
    auth.login(world.coach)
    response = client.get(f"/households/{household.id}")
    assert response.headers["Cache-Control"] == "no-store"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_the_language_switch_does_not_redirect_elsewhere(client):
    response = client.post("/language", data={"lang": "en", "next": "https://evil.example/"})
    assert response.location == "/"

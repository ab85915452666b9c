"""Two-step verification: optional for everyone, required for administrators; a code works once."""
import io
import re
import time

import pyotp
import segno
from sqlalchemy import select

from gezinsaanpak.auth.models import User
from gezinsaanpak.extensions import db
from tests.factories import PASSWORD


def enable_for(client, auth, user):
    auth.login(user)
    page = client.get("/account/two-step").text
    secret = page.split('<code class="secret">')[1].split("</code>")[0].replace(" ", "")
    response = client.post("/account/two-step", data={"code": pyotp.TOTP(secret).now()})
    assert response.status_code == 302
    return secret


def test_an_administrator_without_second_factor_must_set_it_up_first(app, client, auth, world):
    with app.app_context():
        admin = db.session.get(User, world.admin.id)
        admin.totp_secret = None
        db.session.commit()
    client.post("/login", data={"email": world.admin.email, "password": PASSWORD})
    response = client.get("/admin/users")
    assert response.status_code == 302 and response.location == "/account/two-step"
    page = client.get("/account/two-step").text
    secret = page.split('<code class="secret">')[1].split("</code>")[0].replace(" ", "")
    wrong = client.post("/account/two-step", data={"code": "000000"})
    assert wrong.status_code == 400 and "Deze code klopt niet" in wrong.text
    assert client.post("/account/two-step", data={"code": pyotp.TOTP(secret).now()}).status_code == 302
    assert client.get("/admin/users").status_code == 200


def test_a_coach_with_two_step_needs_the_code_after_the_password(app, client, auth, world):
    secret = enable_for(client, auth, world.coach)
    auth.logout()
    response = client.post("/login", data={"email": world.coach.email, "password": PASSWORD})
    assert response.location == "/login/code"
    assert client.get("/my-households").status_code == 302  # not logged in yet
    assert client.post("/login/code", data={"code": "123456"}).status_code == 400
    step = int(time.time()) // 30 + 1
    assert client.post("/login/code", data={"code": pyotp.TOTP(secret).at(step * 30)}).status_code == 302
    assert client.get("/my-households").status_code == 200


def test_a_code_cannot_be_used_twice(app, client, auth, world):
    secret = enable_for(client, auth, world.coach)  # used the current step
    auth.logout()
    client.post("/login", data={"email": world.coach.email, "password": PASSWORD})
    assert client.post("/login/code", data={"code": pyotp.TOTP(secret).now()}).status_code == 400
    with app.app_context():
        assert db.session.scalar(select(User.totp_secret).where(User.id == world.coach.id)) == secret


def test_the_code_page_without_a_password_step_sends_you_to_log_in(client):
    response = client.get("/login/code")
    assert response.status_code == 302 and response.location == "/login"


def test_the_secret_being_set_up_stays_on_the_server_and_shows_as_a_qr_code(app, client, auth, world):
    """The session cookie is signed, not encrypted: whoever holds it must not learn the secret from it. The page
    shows the key to type and a QR code of the same link, made on the server."""
    auth.login(world.coach)
    page = client.get("/account/two-step").text
    secret = page.split('<code class="secret">')[1].split("</code>")[0].replace(" ", "")
    cookie = client.get_cookie("session").value
    readable = app.session_interface.get_signing_serializer(app).loads(cookie)
    assert secret not in repr(readable) and secret not in cookie
    assert 'type="hidden" name="secret"' not in page and secret not in page.split("<form")[1]  # not in the form
    with app.app_context():
        user = db.session.get(User, world.coach.id)
        uri = pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name="Gezinsaanpak")
        assert user.totp_pending_secret == secret and user.totp_secret is None
    qr = page.split('<figure class="qr">')[1].split("</figure>")[0]
    expected = io.BytesIO()
    segno.make(uri, error="m").save(expected, kind="svg", scale=5, svgclass="qr-code", lineclass=None, nl=False)
    assert qr.startswith("<svg") and 'class="qr-code"' in qr
    modules = max(re.findall(r' d="([^"]+)"', expected.getvalue().decode()), key=len)
    assert modules == max(re.findall(r' d="([^"]+)"', qr), key=len)  # the same modules: the link with this secret
    assert secret in client.get("/account/two-step").text  # the same key on every visit until it is confirmed
    assert client.post("/account/two-step", data={"code": pyotp.TOTP(secret).now()}).status_code == 302
    with app.app_context():
        user = db.session.get(User, world.coach.id)
        assert user.totp_secret == secret and user.totp_pending_secret is None

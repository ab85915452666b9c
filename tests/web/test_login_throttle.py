"""Wrong passwords slow down the account they were typed for, in the database, with a wait that grows; never a lock
that keeps out the right password for long, never an answer that tells whether an account exists, and never the
whole office behind one address blocked by one coach's typos."""
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pyotp
from sqlalchemy import select

from gezinsaanpak import create_app
from gezinsaanpak.auth import throttle
from gezinsaanpak.auth.throttle import LoginThrottle
from gezinsaanpak.extensions import db
from gezinsaanpak.timeutil import utcnow
from tests.factories import PASSWORD

PROJECT = Path(__file__).resolve().parent.parent.parent
WRONG = "not the password at all"


class Clock:
    """Moves the throttle's notion of now forward, as if the user waited."""

    def __init__(self, monkeypatch):
        self.offset = timedelta()
        monkeypatch.setattr(throttle, "utcnow", lambda: utcnow() + self.offset)

    def wait(self, seconds):
        self.offset += timedelta(seconds=seconds)


def test_after_five_wrong_passwords_the_next_attempt_waits_15_seconds_then_the_right_one_works(
        client, auth, world, monkeypatch):
    clock = Clock(monkeypatch)
    for attempt in range(4):
        assert auth.login(world.coach, WRONG).status_code == 401, attempt
    fifth = auth.login(world.coach, WRONG)
    assert fifth.status_code == 401 and "Wacht 15 seconden" in fifth.text
    waiting = auth.login(world.coach)
    assert waiting.status_code == 429  # even the right password waits, but only 15 seconds
    assert "Te veel mislukte pogingen. Wacht 15 seconden en probeer het opnieuw." in waiting.text
    clock.wait(16)
    assert auth.login(world.coach).status_code == 302


def test_the_wait_doubles_with_every_further_failure_up_to_15_minutes(client, auth, world, monkeypatch):
    clock = Clock(monkeypatch)
    for _ in range(5):
        auth.login(world.coach, WRONG)
    seen = []
    for _ in range(8):
        clock.wait(901)
        response = auth.login(world.coach, WRONG)
        seen.append(next(word for word in ("30 seconden", "60 seconden", "2 minuten", "4 minuten", "8 minuten",
                                           "15 minuten") if f"Wacht {word}" in response.text))
    assert seen == ["30 seconden", "60 seconden", "2 minuten", "4 minuten", "8 minuten", "15 minuten", "15 minuten",
                    "15 minuten"]
    clock.wait(901)
    assert auth.login(world.coach).status_code == 302
    for _ in range(4):  # a success starts the count again
        assert "Wacht " not in auth.login(world.coach, WRONG).text


def test_failures_of_yesterday_are_forgotten(client, auth, world, monkeypatch):
    clock = Clock(monkeypatch)
    for _ in range(5):
        auth.login(world.coach, WRONG)
    clock.wait(25 * 60 * 60)
    assert "Wacht " not in auth.login(world.coach, WRONG).text


def test_an_address_without_an_account_gets_the_same_answers(app, client, auth, world, monkeypatch):
    """Otherwise an attacker could find out who has an account by typing wrong passwords."""
    Clock(monkeypatch)

    def answers(email):
        replies = [auth.login(email, WRONG) for _ in range(7)]
        return [(r.status_code, " ".join(line.strip() for line in r.text.splitlines() if "Wacht " in line
                                         or "klopt niet" in line)) for r in replies]
    assert answers(world.coach.email) == answers("nobody@example.nl")


def test_the_table_keeps_no_typed_email_address(app, client, auth, world):
    auth.login("Someone.Typed@Example.nl ", WRONG)
    auth.login(world.coach, WRONG)
    with app.app_context():
        rows = db.session.scalars(select(LoginThrottle)).all()
        assert len(rows) == 2 and all(row.failures == 1 for row in rows)
        assert not any("@" in row.key or "example" in row.key.lower() for row in rows)
        assert throttle.email_key("someone.typed@example.nl") in {row.key for row in rows}


def test_one_coach_typing_wrong_passwords_does_not_block_the_office(app, world):
    """Behind the municipality's proxy every coach of an office has the same address."""
    office = create_app({**{key: app.config[key] for key in ("TESTING", "SECRET_KEY", "SQLALCHEMY_DATABASE_URI",
                                                               "WTF_CSRF_ENABLED", "PASSWORD_HASH_METHOD")},
                         "TRUSTED_PROXIES": 1})
    client = office.test_client()
    behind_proxy = {"environ_base": {"REMOTE_ADDR": "127.0.0.1"}, "headers": {"X-Forwarded-For": "198.51.100.7"}}
    for _ in range(15):
        client.post("/login", data={"email": world.coach.email, "password": WRONG}, **behind_proxy)
    for colleague in (world.colleague, world.teamlead, world.other_coach):
        response = client.post("/login", data={"email": colleague.email, "password": PASSWORD},
                               **behind_proxy)
        assert response.status_code == 302, colleague.email
        client.post("/logout", **behind_proxy)
    assert client.post("/login", data={"email": world.coach.email, "password": PASSWORD},
                       **behind_proxy).status_code == 429  # only the mistyped account waits


def test_many_failures_from_one_address_are_still_limited(app, world):
    office = create_app({**{key: app.config[key] for key in ("TESTING", "SECRET_KEY", "SQLALCHEMY_DATABASE_URI",
                                                               "WTF_CSRF_ENABLED", "PASSWORD_HASH_METHOD")}})
    client = office.test_client()
    statuses = [client.post("/login", data={"email": f"guess{n}@example.nl", "password": WRONG}).status_code
                for n in range(31)]
    assert statuses[:30] == [401] * 30 and statuses[30] == 429


def test_wrong_two_step_codes_delay_the_next_code(app, client, world, monkeypatch):
    clock = Clock(monkeypatch)
    client.post("/login", data={"email": world.admin.email, "password": PASSWORD})
    for _ in range(5):
        response = client.post("/login/code", data={"code": "000000"})
        assert response.status_code == 400
    assert "Wacht 15 seconden" in response.text
    good = pyotp.TOTP(world.admin.totp_secret).now()
    assert client.post("/login/code", data={"code": good}).status_code == 429
    clock.wait(16)
    assert client.post("/login/code", data={"code": good}).location == "/"


def test_the_limiter_storage_setting_is_used(tmp_path):
    """It was overridden by a fixed "memory://", so every gunicorn worker counted on its own whatever was set."""
    script = ("from gezinsaanpak import create_app\nfrom gezinsaanpak.extensions import limiter\n"
              "create_app()\nprint(type(limiter.storage).__name__)")
    env = dict(os.environ, GEZINSAANPAK_DATABASE_URL=f"sqlite:///{tmp_path}/x.db", GEZINSAANPAK_SECRET_KEY="k" * 64,
               GEZINSAANPAK_RATELIMIT_STORAGE_URI="memcached://127.0.0.1:11211")
    result = subprocess.run([sys.executable, "-c", script], cwd=PROJECT, env=env, capture_output=True, text=True)
    # memcached's client library is not installed here: asking for it fails at start-up instead of counting in memory
    assert result.stdout.strip() == "MemcachedStorage" or "'pymemcache' prerequisite" in result.stderr, result.stdout

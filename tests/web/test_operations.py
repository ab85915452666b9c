"""What an operator relies on: a health check for monitoring, logs a collector can read, HTTPS kept to."""
import json
import logging

import pytest
from sqlalchemy import func, select, text

from gezinsaanpak import create_app
from gezinsaanpak.audit import AuditEvent
from gezinsaanpak.extensions import db


def other_app(app, **config):
    keep = ("TESTING", "SECRET_KEY", "SQLALCHEMY_DATABASE_URI", "WTF_CSRF_ENABLED", "PASSWORD_HASH_METHOD")
    return create_app({**{key: app.config[key] for key in keep}, **config})


def audit_events(app):
    with app.app_context():
        return db.session.scalar(select(func.count(AuditEvent.id)))


def test_health_answers_without_login_cookie_or_audit_event(app, client):
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": "ok", "migrations": "current"}
    assert "Set-Cookie" not in response.headers
    assert audit_events(app) == 0


def test_health_says_503_when_migrations_are_behind(app, client):
    with app.app_context():
        (current,) = db.session.execute(text("SELECT version_num FROM alembic_version")).one()
        db.session.execute(text("UPDATE alembic_version SET version_num = 'b9c0516a0009'"))
        db.session.commit()
    try:
        response = client.get("/health")
        assert response.status_code == 503
        assert response.json["migrations"] == "behind"
    finally:
        with app.app_context():
            db.session.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": current})
            db.session.commit()


def test_health_says_503_when_the_database_does_not_answer(app, tmp_path):
    broken = other_app(app, SQLALCHEMY_DATABASE_URI="sqlite:///" + str(tmp_path / "missing" / "nothing.db"))
    response = broken.test_client().get("/health")
    assert response.status_code == 503
    assert response.json == {"status": "error", "database": "unreachable"}


@pytest.fixture
def root_logger():
    """JSON logging configures the root logger; put it back afterwards."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield root
    root.handlers[:] = handlers
    root.setLevel(level)


def test_json_logs_have_one_line_per_request_with_ids_but_no_names(app, world, capsys, root_logger):
    logged = other_app(app, LOG_FORMAT="json")
    client = logged.test_client()
    client.post("/login", data={"email": world.coach.email, "password": "correct horse battery staple"})
    capsys.readouterr()
    response = client.get("/my-households?q=Tulp", headers={"X-Request-ID": "abc-123"})
    lines = [json.loads(line) for line in capsys.readouterr().err.splitlines()]
    requests = [line for line in lines if line["logger"] == "gezinsaanpak.request"]
    assert len(requests) == 1
    line = requests[0]
    assert line["request_id"] == "abc-123" == response.headers["X-Request-ID"]
    assert line["user_id"] == world.coach.id and line["status"] == 200 and line["method"] == "GET"
    assert line["endpoint"] == "cases.my_households" and line["route"] == "/my-households"
    assert isinstance(line["duration_ms"], float)
    assert "Tulp" not in json.dumps(lines) and world.coach.name not in json.dumps(lines)
    client.get("/health")
    health_lines = [json.loads(line) for line in capsys.readouterr().err.splitlines()]
    assert [line["logger"] for line in health_lines] == ["gezinsaanpak.request"]  # one line, nothing from Alembic


def test_a_made_up_request_id_is_replaced(client):
    response = client.get("/health", headers={"X-Request-ID": "no spaces {allowed}"})
    assert response.headers["X-Request-ID"] not in ("", "no spaces {allowed}")


def test_behind_https_the_browser_is_told_to_keep_to_it(app):
    assert "Strict-Transport-Security" not in app.test_client().get("/login").headers
    secure = other_app(app, SESSION_COOKIE_SECURE=True)
    assert secure.test_client().get("/login").headers["Strict-Transport-Security"] == "max-age=31536000"


def test_a_trusted_proxy_gives_the_client_address_to_the_login_limit(app, world):
    """Behind nginx every request comes from 127.0.0.1; without the proxy's header one family coach's typos would
    lock out the whole municipality."""
    proxied = other_app(app, TRUSTED_PROXIES=1, LOGIN_LIMIT="2 per minute")
    client = proxied.test_client()
    for address, user in (("203.0.113.1", world.coach), ("203.0.113.2", world.colleague),
                          ("203.0.113.3", world.teamlead)):
        for _ in range(2):
            response = client.post("/login", data={"email": user.email, "password": "not the password at all"},
                                   environ_base={"REMOTE_ADDR": "127.0.0.1"}, headers={"X-Forwarded-For": address})
            assert response.status_code == 401, address  # wrong password, not yet too many
    response = client.post("/login", data={"email": world.admin.email, "password": "not the password at all"},
                           environ_base={"REMOTE_ADDR": "127.0.0.1"}, headers={"X-Forwarded-For": "203.0.113.1"})
    assert response.status_code == 429


def test_a_request_refused_before_the_view_is_logged_with_its_id(app, capsys, root_logger):
    logged = other_app(app, LOG_FORMAT="json", WTF_CSRF_ENABLED=True)
    response = logged.test_client().post("/login", data={"email": "a@b.nl", "password": "x"},
                                         headers={"X-Request-ID": "refused-1"})
    assert response.status_code == 400
    (line,) = [json.loads(x) for x in capsys.readouterr().err.splitlines() if "gezinsaanpak.request" in x]
    assert line["request_id"] == "refused-1" and line["status"] == 400 and line["duration_ms"] >= 0

"""Every endpoint declares who may reach it; a route without a declaration is refused."""
import pytest
from flask import Blueprint

from gezinsaanpak import create_app
from gezinsaanpak.auth.endpoints import PERMISSIONS, UndeclaredEndpoint
from tests.factories import PASSWORD

LEVELS = {"public", "user", "worker", "teamlead", "admin", "household:view", "household:edit",
          "household:hand_over", "household:audit"}


def test_every_route_declares_its_permission(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    undeclared = sorted(endpoints - PERMISSIONS.keys())
    assert not undeclared, f"add these to gezinsaanpak/auth/endpoints.py: {undeclared}"
    assert not sorted(PERMISSIONS.keys() - endpoints), "endpoints.py names routes that no longer exist"
    assert set(PERMISSIONS.values()) <= LEVELS


def test_family_data_routes_go_through_their_household(app):
    for rule in app.url_map.iter_rules():
        if PERMISSIONS[rule.endpoint].startswith("household:"):
            assert "household_id" in rule.arguments, rule.rule


def test_a_route_without_a_declaration_is_refused(app, world):
    test_app = create_app({key: app.config[key] for key in ("TESTING", "SECRET_KEY", "SQLALCHEMY_DATABASE_URI",
                                                            "WTF_CSRF_ENABLED", "PASSWORD_HASH_METHOD")})
    extra = Blueprint("extra", __name__)
    extra.add_url_rule("/extra", "page", lambda: "secret")
    test_app.register_blueprint(extra)
    client = test_app.test_client()
    client.post("/login", data={"email": world.coach.email, "password": PASSWORD})
    with pytest.raises(UndeclaredEndpoint):
        client.get("/extra")

"""Every endpoint declares who may reach it; a route without a declaration is refused."""
import pytest
from flask import Blueprint

from gezinsaanpak import create_app
from gezinsaanpak.auth.endpoints import PERMISSIONS, DeclarationMismatch, UndeclaredEndpoint
from tests.factories import PASSWORD

LEVELS = {"public", "user", "worker", "teamlead", "admin", "policy", "household:view", "household:edit",
          "household:hand_over", "household:export", "household:audit", "household:view/edit", "household:erase",
          "household:view/hand_over", "household:lead"}


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


def test_a_view_that_loads_its_household_with_another_need_than_declared_fails(app, client, auth, world, household,
                                                                                 monkeypatch):
    """The table cannot drift from the views: the walks in test_access and test_fuzz request every route, and
    each household load is checked against the route's declared need. Here the contact form (edit) is declared
    as a page anyone who may view could use."""
    monkeypatch.setitem(PERMISSIONS, "cases.new_contact", "household:view")
    auth.login(world.coach)
    with pytest.raises(DeclarationMismatch):
        client.get(f"/households/{household.id}/contacts/new")
    monkeypatch.setitem(PERMISSIONS, "cases.new_contact", "household:edit")
    assert client.get(f"/households/{household.id}/contacts/new").status_code == 200


def test_a_page_shown_to_viewers_takes_its_form_only_from_editors(app, client, auth, world, household, monkeypatch):
    monkeypatch.setitem(PERMISSIONS, "cases.household", "household:view/edit")
    auth.login(world.coach)
    assert client.get(f"/households/{household.id}").status_code == 200

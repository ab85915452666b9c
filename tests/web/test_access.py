"""Walk every route that shows a household, as every kind of user: zero leaks, and every access audited.

Expected outcomes come from the table below, not from the code under test.
"""
import importlib
import re
from pathlib import Path

import pytest
from sqlalchemy import select

from gezinsaanpak import create_app
from gezinsaanpak.audit import AuditEvent
from gezinsaanpak.auth.endpoints import PERMISSIONS
from gezinsaanpak.auth.models import User
from gezinsaanpak.cases.models import Household
from gezinsaanpak.extensions import db
from tests.factories import make_household

# Who may open the household that world.coach coordinates.
MAY_SEE = {
    "anonymous": False,
    "coach": True,
    "colleague": False,
    "other_coach": False,
    "teamlead": True,
    "other_teamlead": False,
    "admin": False,
}
# Pages with a stricter rule than "whoever works on the household": endpoint -> who may open them.
STRICTER = {
    "cases.audit_trail": {"teamlead"},  # who opened the file: for the team lead to review
    "cases.erase": {"teamlead"},  # erasing at the family's request: the team lead decides
    "cases.decide_extension": {"teamlead"},  # support past the usual period: the team lead agrees or declines
}


def may_open(who, endpoint):
    if endpoint in STRICTER:
        return who in STRICTER[endpoint]
    return MAY_SEE[who]


# Routes with identifiers that are checked elsewhere (administration, not family data).
ADMIN_PREFIX = "/admin/"


def identifier_factories():
    """`household_id` plus whatever each area registers in tests/web/access_<area>.py as FACTORIES:
    {"goal_id": make(household, actor) -> id}, called in an app context with live objects."""
    factories = {}
    for path in sorted(Path(__file__).parent.glob("access_*.py")):
        factories.update(importlib.import_module(f"tests.web.{path.stem}").FACTORIES)
    return factories


def household_rules(app):
    """Every route that takes an identifier, except administration; each identifier must be known here."""
    known = {"household_id", *identifier_factories()}
    rules = []
    for rule in app.url_map.iter_rules():
        if not rule.arguments or rule.rule.startswith(ADMIN_PREFIX) or rule.endpoint == "static":
            continue
        unknown = rule.arguments - known
        assert not unknown, f"{rule.rule} takes {unknown}: register a factory in tests/web/access_<area>.py"
        assert "household_id" in rule.arguments, f"{rule.rule}: family data is reached through its household"
        rules.append(rule)
    assert rules, "no household routes found"
    return sorted(rules, key=lambda r: "GET" not in r.methods)


def make_identifiers(app, rule, household_id, actor_id):
    """Fresh objects for the rule's other identifiers, inside the given household."""
    factories = identifier_factories()
    values = {"household_id": household_id}
    with app.app_context():
        household = db.session.get(Household, household_id)
        actor = db.session.get(User, actor_id)
        for name in sorted(rule.arguments - {"household_id"}):
            values[name] = factories[name](household, actor)
        db.session.commit()
    return values


def request_rule(client, rule, values):
    url = rule.build(values, append_unknown=False)[1]
    method = "GET" if "GET" in rule.methods else "POST"
    return url, client.open(url, method=method)


def audit_events(app, household_id):
    with app.app_context():
        return db.session.scalars(select(AuditEvent).where(AuditEvent.household_id == household_id)).all()


@pytest.mark.parametrize("who", MAY_SEE)
def test_household_routes_show_only_what_each_user_may_see(app, client, auth, world, household, who):
    if who != "anonymous":
        assert auth.login(world.by_role(who)).status_code == 302
    for rule in household_rules(app):
        values = make_identifiers(app, rule, household.id, world.coach.id)
        before = {e.id for e in audit_events(app, household.id)}
        url, response = request_rule(client, rule, values)
        new = [e for e in audit_events(app, household.id) if e.id not in before]
        if who == "anonymous":
            assert response.status_code == 302 and "/login" in response.location, url
            assert b"Tulp" not in response.data
        elif may_open(who, rule.endpoint):
            assert response.status_code in (200, 302, 400), (url, response.status_code)
            assert new and all(e.outcome == "ok" for e in new), f"{url} answered without an audit event"
        else:
            assert response.status_code == 404, (url, who, response.status_code)
            assert b"Tulp" not in response.data
            assert [e.outcome for e in new] == ["denied"], f"{url}: the refused attempt was not audited"


def test_records_of_another_household_cannot_be_reached_through_ones_own(app, client, auth, world, household):
    """Swapping a record id into the URL of a household one may see must not open another family's record."""
    with app.app_context():
        other = make_household(db.session.merge(world.other_coach), pseudonym="Familie Iris, Bloemhof")
        other_id = other.id
    auth.login(world.coach)
    for rule in household_rules(app):
        if rule.arguments == {"household_id"} or not may_open("coach", rule.endpoint):
            continue
        foreign = make_identifiers(app, rule, other_id, world.other_coach.id)
        values = dict(foreign, household_id=household.id)
        url, response = request_rule(client, rule, values)
        assert response.status_code == 404, (url, response.status_code)
        assert b"Iris" not in response.data


def test_a_household_that_does_not_exist_looks_the_same_as_one_you_may_not_see(client, auth, world, household):
    auth.login(world.other_coach)
    missing = client.get(f"/households/{household.id + 1000}")
    forbidden = client.get(f"/households/{household.id}")
    assert missing.status_code == forbidden.status_code == 404
    assert missing.text.replace(f"/households/{household.id + 1000}", "URL") == \
        forbidden.text.replace(f"/households/{household.id}", "URL")


def test_my_households_lists_only_visible_households(client, auth, world, household):
    auth.login(world.coach)
    assert "Familie Tulp" in client.get("/my-households").text
    auth.logout()
    auth.login(world.other_coach)
    page = client.get("/my-households").text
    assert "Familie Tulp" not in page
    assert "nog geen huishoudens" in page or "no households yet" in page


def test_the_administrator_manages_accounts_but_sees_no_families(client, auth, world, household):
    auth.login(world.admin)
    assert client.get("/admin/users").status_code == 200
    assert client.get(f"/households/{household.id}").status_code == 404
    assert "Familie Tulp" not in client.get("/my-households").text


@pytest.mark.parametrize("who", ["coach", "teamlead"])
def test_only_administrators_open_administration(client, auth, world, who):
    auth.login(world.by_role(who))
    assert client.get("/admin/users").status_code == 403
    assert client.post(f"/admin/users/{world.admin.id}/active").status_code == 403


def test_a_household_view_that_forgets_the_audit_cannot_pass(app, client, auth, world, household, monkeypatch):
    """The guard behind the walk above: a page showing a household without an audit event fails loudly."""
    from flask import Blueprint

    from gezinsaanpak.cases.models import Household
    from gezinsaanpak.web import AuditMissing

    forgetful = Blueprint("forgetful", __name__)

    @forgetful.route("/forgetful/<int:household_id>")
    def show(household_id):
        return db.session.get(Household, household_id).pseudonym

    test_app = create_app({key: app.config[key] for key in ("TESTING", "SECRET_KEY", "SQLALCHEMY_DATABASE_URI",
                                                            "WTF_CSRF_ENABLED", "PASSWORD_HASH_METHOD")})
    test_app.register_blueprint(forgetful)
    monkeypatch.setitem(PERMISSIONS, "forgetful.show", "household:view")
    test_client = test_app.test_client()
    test_client.post("/login", data={"email": world.coach.email, "password": "correct horse battery staple"})
    with pytest.raises(AuditMissing):
        test_client.get(f"/forgetful/{household.id}")


def test_the_team_lead_sees_who_opened_a_file(client, auth, world, household):
    auth.login(world.coach)
    client.get(f"/households/{household.id}")
    auth.logout()
    auth.login(world.other_coach)
    client.get(f"/households/{household.id}")
    auth.logout()
    auth.login(world.teamlead)
    page = client.get(f"/households/{household.id}/audit").text
    assert "Anna Coach" in page and "Chris Anders" in page and "geweigerd" in page
    only_chris = client.get(f"/households/{household.id}/audit?user={world.other_coach.id}").text
    assert "Anna Coach</td>" not in only_chris and "Chris Anders</td>" in only_chris


def test_the_audit_trail_reads_as_plain_words_a_page_at_a_time(app, client, auth, world, household, monkeypatch):
    auth.login(world.coach)
    for _ in range(3):
        client.get(f"/households/{household.id}")
    client.get(f"/households/{household.id}/contacts/new")
    auth.logout()
    monkeypatch.setitem(app.config, "PAGE_SIZE", 2)
    auth.login(world.teamlead)
    first = client.get(f"/households/{household.id}/audit?user={world.coach.id}").text
    assert "Contactformulier geopend" in first and "Dossier geopend" in first  # newest first, in plain words
    assert "household.view" not in first and "contact.form" not in first
    total = int(re.search(r"(\d+) gebeurtenissen", first).group(1))
    pages = (total + 1) // 2
    assert total >= 4 and f"Pagina 1 van {pages}" in first
    assert f"user={world.coach.id}" in first.split('class="pager"')[1]  # the filter stays on the next page
    last = client.get(f"/households/{household.id}/audit?user={world.coach.id}&page={pages}").text
    assert f"Pagina {pages} van {pages}" in last and "Contactformulier geopend" not in last

"""An erased (anonymised) household takes nothing new and no change: every route that would change it refuses
with a message that says so, its pages offer no button or form that changes it, and nothing in the database
moves."""
import re

import pytest

from gezinsaanpak import privacy
from gezinsaanpak.auth.endpoints import declared_need
from gezinsaanpak.auth.models import User
from gezinsaanpak.backup import checksums
from gezinsaanpak.cases import operations as cases
from gezinsaanpak.cases.models import Household
from gezinsaanpak.extensions import db
from tests.helpers import TODAY
from tests.web.walk import STRICTER, household_rules, make_identifiers

CHANGING = {"edit", "hand_over"}
ERASED = "Het dossier van dit gezin is gewist."
# Form fields as the pages send them, plausible enough that a route without the guard would save something.
TYPED = {"note": "Weer opgepakt", "description": "Nieuw doel", "family_dream": "Rust", "own_words": "Zelf",
         "request": "Sportclub", "organisation": "Buurthuis", "subject": "Bellen", "due_on": TODAY.isoformat(),
         "changed_on": TODAY.isoformat(), "contacted_on": TODAY.isoformat(), "kind": "home_visit",
         "to_state": "resolved", "to_status": "applied", "status": "achieved", "reviewed_on": TODAY.isoformat(),
         "first_name": "Nieuw", "role": "child", "date_of_birth": "2015-01-01", "version": "0", "step": "status",
         "confirmation": "#", "participation": "taking_part", "checked_on": TODAY.isoformat(),
         "follow_up_on": TODAY.isoformat(), "obstacle": "Als", "plan": "Dan"}


@pytest.fixture
def erased(app, world, household):
    """The coach's household with a record behind every identifier the routes take, closed and then erased at
    the family's request; returns the identifiers for each route."""
    rules = household_rules(app)
    values = {rule.rule: make_identifiers(app, rule, household.id, world.coach.id) for rule in rules}
    with app.app_context():
        coach, teamlead = db.session.get(User, world.coach.id), db.session.get(User, world.teamlead.id)
        live = db.session.get(Household, household.id)
        cases.move_stage(coach, live, "closed", TODAY, "", "moved_away")
        privacy.erase_on_request(teamlead, live, live.pseudonym)
        db.session.commit()
    return rules, values


def without_audit(app):
    with app.app_context():
        return {table: sums for table, sums in checksums().items() if table not in ("audit_events", "users")}


@pytest.mark.parametrize("who", ["coach", "teamlead"])
def test_every_route_that_changes_an_erased_household_refuses_and_nothing_changes(app, client, auth, world, erased,
                                                                                  who):
    rules, values = erased
    auth.login(world.by_role(who))
    before = without_audit(app)
    changing = 0
    for rule in rules:
        url = rule.build(values[rule.rule], append_unknown=False)[1]
        for method in sorted(rule.methods & {"GET", "POST"}):
            need = declared_need(rule.endpoint, method)
            if need not in CHANGING:
                continue
            changing += 1
            response = client.open(url, method=method, data=TYPED if method == "POST" else None)
            assert response.status_code == 409, (method, url, response.status_code)
            assert ERASED in response.text, (method, url)
    assert changing > 30  # every form of every area, not a few
    assert without_audit(app) == before


def test_erasing_again_and_reopening_change_nothing(app, client, auth, world, erased):
    """The two ways back into a closed file: reopening (the coach's button) and another erasure."""
    rules, values = erased
    household_id = next(iter(values.values()))["household_id"]
    auth.login(world.coach)
    before = without_audit(app)
    reopen = client.post(f"/households/{household_id}/reopen", data={"note": "Het gezin meldt zich weer"})
    assert reopen.status_code == 409 and ERASED in reopen.text
    auth.logout()
    auth.login(world.teamlead)
    again = client.post(f"/households/{household_id}/erase", data={"confirmation": f"#{household_id}"})
    assert again.status_code == 400
    assert without_audit(app) == before
    with app.app_context():
        assert db.session.get(Household, household_id).stage == "closed"


def test_pages_of_an_erased_household_offer_nothing_that_changes_it(app, client, auth, world, erased):
    """Every link and form on the household's own pages leads somewhere that only reads."""
    rules, values = erased
    adapter = app.url_map.bind("localhost")
    for who in ("coach", "teamlead"):
        auth.login(world.by_role(who))
        for rule in rules:
            if "GET" not in rule.methods or declared_need(rule.endpoint, "GET") in CHANGING | {None}:
                continue
            url = rule.build(values[rule.rule], append_unknown=False)[1]
            page = client.get(url)
            if rule.endpoint in STRICTER and who not in STRICTER[rule.endpoint]:
                assert page.status_code == 404
                continue
            assert page.status_code == 200, (url, page.status_code)
            if page.mimetype != "text/html":  # the plan as PDF
                continue
            targets = [("GET", href) for href in re.findall(r'href="(/households/[^"#?]*)', page.text)]
            targets += [("POST", action) for action in re.findall(r'<form method="post"[^>]*action="([^"]*)"',
                                                                  page.text)]
            targets += [("POST", url) for _ in re.findall(r'<form method="post"(?![^>]*action=)', page.text)]
            for method, target in targets:
                endpoint, _args = adapter.match(target, method=method)
                assert declared_need(endpoint, method) not in CHANGING, (who, url, method, target)
        auth.logout()

"""A destructive button asks first, also without script: a POST without the confirmation shows a page with the
question, what will happen, a button that sends it again confirmed and a link back, and changes nothing; with the
confirmation (the page's button, or the dialog of static/confirm.js) it acts at once."""
import json
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from sqlalchemy import select

from gezinsaanpak.auth.models import User
from gezinsaanpak.cases import operations as cases
from gezinsaanpak.cases.models import Household, HouseholdWorker, Neighbourhood
from gezinsaanpak.drafts import IN_SESSION, Draft
from gezinsaanpak.extensions import db
from gezinsaanpak.plans.models import Action, Obstacle, Strength
from gezinsaanpak.referrals.models import Fund
from gezinsaanpak.signals.models import ChecklistItem
from tests.web.walk import ADMIN_FACTORIES, identifier_factories


@dataclass
class Destructive:
    """One destructive button: who presses it, what it is sent with, and how to tell that it acted."""
    who: str
    make: Callable  # (household, world) -> (url, form data, record id); in an app context
    question: str  # what the Dutch confirmation page asks, with the record's name
    back: str  # where "Nee, terug" leads (a format string with the household id)
    acted: Callable  # (record id) -> bool; in an app context


def _in_household(name):
    def make(household, world):
        record = identifier_factories()[name](household, db.session.get(User, world.coach.id))
        kind = name.removesuffix("_id")
        return f"/households/{household.id}/{kind}s/{record}/remove", {}, record
    return make


def _co_worker(household, world):
    cases.add_worker(db.session.get(User, world.coach.id), household, db.session.get(User, world.colleague.id))
    return f"/households/{household.id}/workers/remove", {"user_id": str(world.colleague.id)}, world.colleague.id


def _admin(name, path):
    def make(household, world):
        record = ADMIN_FACTORIES[name](db.session.get(User, world.admin.id))
        return path.format(record), {}, record
    return make


def _typed_neighbourhood(household, world):
    entry = Neighbourhood(name="Bij de Maas getypt", to_review=True)
    db.session.add(entry)
    db.session.flush()
    db.session.get(Household, household.id).neighbourhood_id = entry.id
    return f"/admin/neighbourhoods/{entry.id}/retire", {}, entry.id


def _kept_form(household, world):
    draft = Draft(user_id=world.coach.id, endpoint="signals.record", path=f"/households/{household.id}/signals/record",
                  fields=json.dumps([["observed_on", "2026-01-05"]]))
    db.session.add(draft)
    db.session.flush()
    return "/kept-forms/discard", {"path": draft.path}, draft.id


DESTRUCTIVE = {
    "action point": Destructive(
        "coach", _in_household("action_id"), "Weet je zeker dat je het actiepunt “Brieven samen openmaken” wilt",
        "/households/{}/goals/", lambda id: db.session.get(Action, id) is None),
    "if-then plan": Destructive(
        "coach", _in_household("obstacle_id"), "Weet je zeker dat je het als-dan-plan “Als er een aanmaning komt”",
        "/households/{}/goals/", lambda id: db.session.get(Obstacle, id) is None),
    "strength": Destructive(
        "coach", _in_household("strength_id"), "Weet je zeker dat je “Houdt het huishoudboekje al twee maanden bij”",
        "/households/{}/plan#strengths", lambda id: db.session.get(Strength, id) is None),
    "co-worker": Destructive(
        "coach", _co_worker, "Weet je zeker dat je Bert Collega als medewerker van dit huishouden wilt verwijderen?",
        "/households/{}/workers", lambda id: db.session.scalar(select(HouseholdWorker).filter_by(user_id=id)) is None),
    "account": Destructive(
        "admin", _admin("user_id", "/admin/users/{}/active"), "Weet je zeker dat je het account van Fuzz Coach wilt",
        "/admin/users", lambda id: not db.session.get(User, id).active),
    "fund": Destructive(
        "admin", _admin("fund_id", "/admin/funds/{}/retire"), "Weet je zeker dat je “Fuzzfonds",
        "/admin/funds", lambda id: db.session.get(Fund, id).retired_at is not None),
    "checklist item": Destructive(
        "admin", _admin("item_id", "/admin/checklist/{}/retire"), "Weet je zeker dat je “Fuzz-item",
        "/admin/checklist", lambda id: db.session.get(ChecklistItem, id).retired_at is not None),
    "neighbourhood": Destructive(
        "admin", _admin("neighbourhood_id", "/admin/neighbourhoods/{}/retire"), "Weet je zeker dat je “Fuzzwijk",
        "/admin/neighbourhoods", lambda id: db.session.get(Neighbourhood, id).retired_at is not None),
    "typed neighbourhood": Destructive(
        "admin", _typed_neighbourhood, "Weet je zeker dat je de getypte tekst “Bij de Maas getypt” wilt verwijderen?",
        "/admin/neighbourhoods", lambda id: db.session.get(Neighbourhood, id) is None),
    "kept form": Destructive(
        "coach", _kept_form, "Weet je zeker dat je wilt weggooien wat je had ingevuld?",
        "/households/{}/signals/record", lambda id: db.session.get(Draft, id) is None),
}


def snapshot(app):
    """Every row of every table but the audit trail (a look at the question is recorded, on purpose)."""
    with app.app_context():
        return {table.name: sorted(map(repr, db.session.execute(select(table)).all()))
                for table in db.metadata.sorted_tables if table.name != "audit_events"}


@pytest.fixture
def pressed(app, client, auth, world, household):
    """Log in as whoever has the button, make its record; returns a function (case) -> (url, data, record id)."""
    def press(case):
        with app.app_context():
            url, data, record = case.make(db.session.get(Household, household.id), world)
            db.session.commit()
        auth.login(world.by_role(case.who))
        if case.make is _kept_form:
            with client.session_transaction() as session:
                session[IN_SESSION] = {data["path"]: record}
        return url, data, record
    return press


@pytest.mark.parametrize("name", DESTRUCTIVE)
def test_without_confirmation_the_server_asks_and_changes_nothing(app, client, household, pressed, name):
    case = DESTRUCTIVE[name]
    url, data, record = pressed(case)
    before = snapshot(app)
    response = client.post(url, data=data)
    assert response.status_code == 200
    page = response.text
    assert case.question in page and "<h1>Weet je zeker" in page
    form = re.search(r'<form method="post" action="([^"]+)" class="confirm-page">(.*?)</form>', page, re.S)
    assert form and form.group(1) == url
    assert 'name="csrf_token"' in form.group(2) and 'name="confirmed" value="yes"' in form.group(2)
    for name_, value in data.items():  # what the button sent comes along again
        assert f'name="{name_}" value="{value}"' in form.group(2)
    assert re.search(r'<button type="submit" class="danger">Ja, [^<]+</button>', form.group(2))
    back = re.search(r'<a href="([^"]+)" class="utrecht-link cancel">Nee, terug</a>', form.group(2))
    assert back and back.group(1).startswith(case.back.format(household.id))
    assert client.get(back.group(1)).status_code == 200
    assert snapshot(app) == before
    with app.app_context():
        assert not case.acted(record)


@pytest.mark.parametrize("name", DESTRUCTIVE)
def test_with_confirmation_it_acts_at_once(app, client, pressed, name):
    case = DESTRUCTIVE[name]
    url, data, record = pressed(case)
    response = client.post(url, data={**data, "confirmed": "yes"})
    assert response.status_code == 302
    with app.app_context():
        assert case.acted(record)


def test_the_confirmation_page_in_english(app, client, pressed):
    url, data, _record = pressed(DESTRUCTIVE["action point"])
    client.post("/language", data={"lang": "en", "next": "/"})
    page = client.post(url, data=data).text
    assert "Are you sure you want to remove the action point “Brieven samen openmaken”?" in page
    assert "Yes, remove" in page and "No, go back" in page


@pytest.mark.parametrize("path, undo", [("/admin/users/{}/active", "user_id"), ("/admin/funds/{}/retire", "fund_id"),
                                        ("/admin/checklist/{}/retire", "item_id")])
def test_undoing_a_retirement_needs_no_question(app, client, auth, world, path, undo):
    """Enabling an account, or offering a fund or checklist item again, destroys nothing: one step."""
    with app.app_context():
        record = ADMIN_FACTORIES[undo](db.session.get(User, world.admin.id))
        db.session.commit()
    auth.login(world.admin)
    assert client.post(path.format(record), data={"confirmed": "yes"}).status_code == 302
    assert client.post(path.format(record)).status_code == 302  # back on at once

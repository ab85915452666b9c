"""The home-visit screen: the visit, the signals seen and the goal reviews saved at once, or nothing on a mistake."""
import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from gezinsaanpak.cases import operations as cases
from gezinsaanpak.cases.models import Contact, Household
from gezinsaanpak.catalogues import load_catalogue
from gezinsaanpak.extensions import db
from gezinsaanpak.plans import operations as plans
from gezinsaanpak.plans.models import Domain, Goal, GoalReview
from gezinsaanpak.signals.models import ChecklistItem, Signal
from tests.factories import make_household
from tests.helpers import TODAY

TODAY = TODAY


@pytest.fixture
def visit(app, world):
    """Familie Tulp (Samira, Kind0 and Kind1) with Samira's debts goal up for review today, catalogues loaded."""
    with app.app_context():
        load_catalogue("checklist")
        load_catalogue("domains")
        household = make_household(world.coach, registered_on=TODAY - timedelta(days=60))
        samira = next(m for m in household.members if m.role == "parent")
        debts = db.session.scalar(select(Domain).where(Domain.code == "bridge.debts"))
        goal = plans.set_goal(world.coach, household, samira, debts, "Elke maand de huur op tijd betaald.",
                              TODAY + timedelta(days=90))
        goal.next_review_on = TODAY
        db.session.commit()
        return {"hid": household.id, "goal": goal.id, "members": {m.first_name: m.id for m in household.members},
                "items": {i.code: i.id for i in db.session.scalars(select(ChecklistItem))}}


def counts(app, hid):
    with app.app_context():
        return {"contacts": db.session.scalar(select(func.count(Contact.id)).where(Contact.household_id == hid)),
                "signals": db.session.scalar(select(func.count(Signal.id)).where(Signal.household_id == hid)),
                "reviews": db.session.scalar(select(func.count(GoalReview.id)))}


def visit_form(visit, **changes):
    items, samira, kind0 = visit["items"], visit["members"]["Samira"], visit["members"]["Kind0"]
    goal = f"goal{visit['goal']}"
    form = {"contact_on": TODAY.isoformat(), "duration_minutes": "50", "note": "Keukentafelgesprek, rustig",
            "tick": [f"h.{items['home_visit.signal.03']}", f"m{samira}.{items['parents.signal.07']}",
                     f"m{kind0}.{items['children.signal.02']}"],
            f"note.h.{items['home_visit.signal.03']}": "Stapel ongeopende post",
            f"{goal}.status": "active", f"{goal}.note": "Huur van november betaald",
            f"{goal}.next_review_on": (TODAY + timedelta(days=14)).isoformat()}
    form.update(changes)
    return form


def test_a_coach_records_the_visit_its_signals_and_a_goal_review_in_one_save(app, client, auth, world, visit):
    auth.login(world.coach)
    page = client.get(f"/households/{visit['hid']}/home-visit").text
    assert re.search(r'<input[^>]*autofocus[^>]*id="contact_on"|<input[^>]*id="contact_on"[^>]*autofocus', page)
    assert "Elke maand de huur op tijd betaald." in page
    response = client.post(f"/households/{visit['hid']}/home-visit", data=visit_form(visit))
    assert response.status_code == 302 and response.location.endswith(f"/households/{visit['hid']}")
    assert counts(app, visit["hid"]) == {"contacts": 1, "signals": 3, "reviews": 1}
    with app.app_context():
        contact = db.session.scalar(select(Contact).where(Contact.household_id == visit["hid"]))
        assert (contact.kind, contact.duration_minutes) == ("home_visit", 50)
        assert contact.note == "Keukentafelgesprek, rustig"
        goal = db.session.get(Goal, visit["goal"])
        assert goal.next_review_on == TODAY + timedelta(days=14) and goal.reviews[0].note == "Huur van november betaald"
        assert {s.observed_on for s in db.session.scalars(select(Signal))} == {TODAY}
    assert "3" in client.get(f"/households/{visit['hid']}").text


@pytest.mark.parametrize("mistake, shown", [
    ({"duration_minutes": "5000"}, "1440"),  # a field of the visit
    ({"goal{goal}.next_review_on": (TODAY - timedelta(days=1)).isoformat()}, "na deze"),  # the operation refuses
])
def test_a_mistake_saves_nothing_and_brings_back_all_that_was_typed(app, client, auth, world, visit, mistake,
                                                                     shown):
    auth.login(world.coach)
    form = visit_form(visit, **{key.format(goal=visit["goal"]): value for key, value in mistake.items()})
    response = client.post(f"/households/{visit['hid']}/home-visit", data=form)
    assert response.status_code == 400 and shown in response.text
    assert counts(app, visit["hid"]) == {"contacts": 0, "signals": 0, "reviews": 0}
    page = response.text
    assert set(re.findall(r'name="tick" value="([^"]+)"[^>]*checked', page)) == set(form["tick"])
    assert 'value="Stapel ongeopende post"' in page and "Keukentafelgesprek, rustig" in page
    assert "Huur van november betaald" in page and 'value="active" selected' in page
    summary = re.search(r'<div class="flash flash-error"[^>]*>', page).group(0)
    assert "autofocus" in summary and "autofocus" not in re.search(r'<input[^>]*id="contact_on"[^>]*>', page).group(0)


def test_enter_in_a_field_cannot_submit_the_visit_by_surprise(client, auth, world, visit):
    auth.login(world.coach)
    page = client.get(f"/households/{visit['hid']}/home-visit").text
    form = page[page.index('<form method="post" novalidate class="home-visit">'):]
    first_button = re.search(r"<button[^>]*>", form).group(0)
    assert 'type="submit"' in first_button and "disabled" in first_button  # the default button does nothing


def test_a_young_child_is_not_offered_young_peoples_items(app, client, auth, world, visit):
    with app.app_context():
        household = db.session.get(Household, visit["hid"])
        seven = cases.add_member(world.coach, household, "Bo", "child", TODAY.replace(year=TODAY.year - 7))
        teen = cases.add_member(world.coach, household, "Yara", "child", TODAY.replace(year=TODAY.year - 15))
        db.session.commit()
        seven, teen = seven.id, teen.id
    auth.login(world.coach)
    page = client.get(f"/households/{visit['hid']}/home-visit").text
    alcohol = visit["items"]["children.signal.10"]
    assert f'value="m{teen}.{alcohol}"' in page and f'value="m{seven}.{alcohol}"' not in page


def test_a_closed_household_first_needs_reopening(app, client, auth, world, visit):
    with app.app_context():
        cases.move_stage(world.coach, db.session.get(Household, visit["hid"]), "closed", reason="moved_away")
        db.session.commit()
    auth.login(world.coach)
    response = client.post(f"/households/{visit['hid']}/home-visit", data=visit_form(visit))
    assert response.status_code == 302 and counts(app, visit["hid"])["contacts"] == 0


def test_in_the_contact_phase_the_visit_and_what_was_seen_are_for_the_household(app, client, auth, world, visit):
    with app.app_context():
        track = make_household(world.coach, registered=False, pseudonym="Familie Iris")
        track_id = track.id
    auth.login(world.coach)
    page = client.get(f"/households/{track_id}/home-visit").text
    assert "Doelen om te evalueren" not in page and 'value="m' not in page
    drugs = visit["items"]["children.signal.10"]
    offered_only = client.post(f"/households/{visit['hid']}/home-visit", data={
        "contact_on": TODAY.isoformat(), "tick": [f"m{visit['members']['Kind0']}.{drugs}"]})  # never offered to 11
    assert offered_only.status_code == 302 and counts(app, visit["hid"])["signals"] == 0
    response = client.post(f"/households/{track_id}/home-visit", data={
        "contact_on": TODAY.isoformat(), "note": "Kennismaking aan de deur",
        "tick": [f"h.{visit['items']['home_visit.signal.01']}"]})
    assert response.status_code == 302 and counts(app, track_id) == {"contacts": 1, "signals": 1, "reviews": 0}

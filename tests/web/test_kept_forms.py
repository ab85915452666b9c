"""A form saved after the session ended is not lost: it is kept for that user, and offered back after login."""
import re
import time
from datetime import timedelta

from sqlalchemy import func, select, update

from gezinsaanpak.auth.models import User
from gezinsaanpak.cases import operations as cases
from gezinsaanpak.cases.models import Household
from gezinsaanpak.drafts import Draft
from gezinsaanpak.extensions import db
from gezinsaanpak.plans.models import Goal
from gezinsaanpak.plans.operations import update_goal
from gezinsaanpak.signals.models import Signal
from gezinsaanpak.timeutil import utcnow
from tests.factories import PASSWORD
from tests.helpers import TODAY
from tests.web.edit_forms import goal_shared_with_colleague


def signals_of(app, household):
    with app.app_context():
        return db.session.scalar(select(func.count(Signal.id)).where(Signal.household_id == household.id))


def idle_too_long(client, minutes=31):
    with client.session_transaction() as session:
        session["seen"] = time.time() - minutes * 60


def save_after_the_session_ended(client, auth, coach, household, item):
    url = f"/households/{household.id}/signals/record"
    auth.login(coach)
    client.get(url)
    idle_too_long(client)
    return url, client.post(url, data={"observed_on": TODAY.isoformat(), "tick": [f"h.{item}"],
                                       f"note.h.{item}": "Stapel ongeopende post op tafel"})


def test_what_was_typed_when_the_session_ended_is_filled_in_after_login(app, client, auth, world, household, item):
    url, response = save_after_the_session_ended(client, auth, world.coach, household, item)
    assert response.status_code == 302 and response.location.startswith("/login")
    assert signals_of(app, household) == 0
    assert "wat je had ingevuld is bewaard" in client.get(response.location).text
    login = auth.login(world.coach)
    assert login.status_code == 302 and login.location == url
    page = client.get(url).text
    assert "Je sessie was afgelopen" in page
    assert 'value="Stapel ongeopende post op tafel"' in page
    assert f'name="tick" value="h.{item}" id="tick-h.{item}" checked' in page
    assert signals_of(app, household) == 0  # offered back, not saved behind the coach's back


def drafts_in(app):
    with app.app_context():
        return db.session.scalars(select(Draft)).all()


def test_saving_the_form_that_came_back_records_it_once(app, client, auth, world, household, item):
    url, _response = save_after_the_session_ended(client, auth, world.coach, household, item)
    auth.login(world.coach)
    again = client.post(url, data={"observed_on": TODAY.isoformat(), "tick": [f"h.{item}"],
                                   f"note.h.{item}": "Stapel ongeopende post op tafel"})
    assert again.status_code == 302 and signals_of(app, household) == 1
    assert drafts_in(app) == []
    assert "Je sessie was afgelopen" not in client.get(url).text


def test_another_user_on_the_same_browser_does_not_get_it(app, client, auth, world, household, item):
    url, _response = save_after_the_session_ended(client, auth, world.coach, household, item)
    colleague = auth.login(world.colleague)
    assert colleague.location == "/"
    with app.app_context():
        cases.add_worker(db.session.get(User, world.coach.id), db.session.get(Household, household.id),
                         db.session.get(User, world.colleague.id))
        db.session.commit()
    page = client.get(url).text
    assert "Stapel ongeopende post" not in page and "Je sessie was afgelopen" not in page
    auth.logout()
    assert auth.login(world.coach).location == url  # the coach who typed it still gets it back
    assert "Stapel ongeopende post" in client.get(url).text


def test_after_an_hour_it_is_gone(app, client, auth, world, household, item):
    save_after_the_session_ended(client, auth, world.coach, household, item)
    with app.app_context():
        db.session.execute(update(Draft).values(created_at=utcnow() - timedelta(minutes=61)))
        db.session.commit()
    assert auth.login(world.coach).location == "/"
    assert drafts_in(app) == []


def test_discarding_shows_the_form_as_saved_and_forgets_what_was_typed(app, client, auth, world, household, item):
    url, _response = save_after_the_session_ended(client, auth, world.coach, household, item)
    auth.login(world.coach)
    discarded = client.post("/kept-forms/discard", data={"path": url, "confirmed": "yes"})
    assert discarded.status_code == 302 and discarded.location == url
    page = client.get(url).text
    assert "Wat je eerder had ingevuld is weggegooid" in page
    assert "Stapel ongeopende post" not in page and "Je sessie was afgelopen" not in page
    assert drafts_in(app) == [] and signals_of(app, household) == 0


def test_one_user_cannot_discard_what_another_kept(app, client, auth, world, household, item):
    url, _response = save_after_the_session_ended(client, auth, world.coach, household, item)
    auth.login(world.colleague)
    client.post("/kept-forms/discard", data={"path": url})
    assert len(drafts_in(app)) == 1


def test_without_a_session_cookie_nothing_is_kept(app, client, auth, world, household, item):
    auth.login(world.coach)
    client.delete_cookie("session")
    response = client.post(f"/households/{household.id}/signals/record",
                           data={"observed_on": TODAY.isoformat(), "tick": [f"h.{item}"]})
    assert response.status_code == 302 and "/login" in response.location
    assert drafts_in(app) == []


def test_passwords_are_never_kept(app, client, auth, world):
    auth.login(world.coach)
    idle_too_long(client)
    client.post("/account/password", data={"current": PASSWORD, "new": "een nieuwe lange zin als wachtwoord"})
    assert drafts_in(app) == []


def test_an_edit_that_comes_back_still_knows_which_version_it_changes(app, client, auth, world, household):
    """Restored is not refreshed: when someone else saved meanwhile, saving the restored form shows both."""
    goal_id, domain_id = goal_shared_with_colleague(app, world, household)
    url = f"/households/{household.id}/goals/{goal_id}/edit"
    auth.login(world.coach)
    version = re.search(r'name="version" type="hidden" value="(\d+)"', client.get(url).text).group(1)
    idle_too_long(client)
    mine = {"domain_id": domain_id, "target_on": (TODAY + timedelta(days=60)).isoformat(),
            "description": "Anna: elke maand de huur op tijd betalen", "version": version}
    assert "/login" in client.post(url, data=mine).location
    with app.app_context():
        goal = db.session.get(Goal, goal_id)
        update_goal(db.session.get(User, world.colleague.id), goal.household, goal, goal.domain,
                    "Bert: een schuldhulpverlener vinden", goal.target_on)
        db.session.commit()
    auth.login(world.coach)
    restored = client.get(url).text
    assert "Anna: elke maand de huur op tijd betalen" in restored
    assert f'name="version" type="hidden" value="{version}"' in restored
    conflict = client.post(url, data=mine)
    assert conflict.status_code == 409 and "Bert: een schuldhulpverlener vinden" in conflict.text


def test_a_form_left_open_for_hours_is_kept_not_refused_as_forged(app, client, auth, world, household, item,
                                                                   monkeypatch):
    """The CSRF token lives as long as the session: an old page's token still proves where the form came from."""
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', client.get("/login").text).group(1)
        client.post("/login", data={"email": world.coach.email, "password": PASSWORD, "csrf_token": token})
        url = f"/households/{household.id}/signals/record"
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', client.get(url).text).group(1)
        later = time.time() + 2 * 3600
        monkeypatch.setattr(time, "time", lambda: later)
        response = client.post(url, data={"csrf_token": token, "observed_on": TODAY.isoformat(),
                                          "tick": [f"h.{item}"]})
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert response.status_code == 302 and "/login" in response.location
    assert len(drafts_in(app)) == 1


def test_stay_logged_in_refreshes_the_session(app, client, auth, world):
    auth.login(world.coach)
    idle_too_long(client, minutes=29)
    assert client.post("/session/keep-alive").status_code == 204
    with client.session_transaction() as session:
        assert time.time() - session["seen"] < 5
    idle_too_long(client, minutes=31)
    late = client.post("/session/keep-alive")
    assert late.status_code == 302 and "/login" in late.location


def test_after_two_step_verification_the_kept_form_comes_back_too(app, client, auth, world):
    auth.login(world.admin)
    url = f"/admin/users/{world.colleague.id}/edit"
    idle_too_long(client)
    assert "/login" in client.post(url, data={"role": "teamlead", "team_id": world.team_a.id}).location
    assert auth.login(world.admin).location == url
    assert '<option value="teamlead" selected>' in client.get(url).text

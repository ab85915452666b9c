"""Two coaches open the same record and both save: the second is told, sees both versions, the first change
survives."""
import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from gezinsaanpak.cases.models import Household
from gezinsaanpak.extensions import db
from gezinsaanpak.plans.models import Goal
from tests.factories import PASSWORD
from tests.helpers import TODAY
from tests.web.edit_forms import EDIT_FORMS, goal_shared_with_colleague, prepare, saved
from tests.web.form_pages import page_form


def logged_in(app, user):
    client = app.test_client()
    assert client.post("/login", data={"email": user.email, "password": PASSWORD}).status_code == 302
    return client


def form_values(page):
    """The values a browser would send back: hidden fields and the goal's current texts."""
    return dict(re.findall(r'<input[^>]*name="(version|domain_id)"[^>]*value="([^"]*)"', page))


def test_the_second_save_of_a_goal_is_told_and_the_first_survives(app, world, household):
    goal_id, domain_id = goal_shared_with_colleague(app, world, household)
    anna, bert = logged_in(app, world.coach), logged_in(app, world.colleague)
    url = f"/households/{household.id}/goals/{goal_id}/edit"
    anna_page, bert_page = anna.get(url).text, bert.get(url).text
    version = re.search(r'name="version" type="hidden" value="(\d+)"', anna_page).group(1)
    assert version == re.search(r'name="version" type="hidden" value="(\d+)"', bert_page).group(1)
    target = (TODAY + timedelta(days=60)).isoformat()
    common = {"domain_id": domain_id, "target_on": target, "version": version}
    first = anna.post(url, data=dict(common, description="Anna: elke maand de huur op tijd betalen"))
    assert first.status_code == 302
    second = bert.post(url, data=dict(common, description="Bert: een schuldhulpverlener vinden"))
    assert second.status_code == 409
    assert "Iemand anders heeft dit intussen gewijzigd" in second.text
    assert "Anna: elke maand de huur op tijd betalen" in second.text  # what is saved now
    assert "Bert: een schuldhulpverlener vinden" in second.text  # what Bert typed, kept in the form
    with app.app_context():
        assert db.session.get(Goal, goal_id).description == "Anna: elke maand de huur op tijd betalen"
    newer = re.search(r'name="version" type="hidden" value="(\d+)"', second.text).group(1)
    again = bert.post(url, data=dict(common, version=newer, description="Bert: een schuldhulpverlener vinden"))
    assert again.status_code == 302  # having seen Anna's version, Bert chooses to replace it


def test_a_stage_move_on_a_stale_page_is_refused(app, world, household):
    anna, lead = logged_in(app, world.coach), logged_in(app, world.teamlead)
    url = f"/households/{household.id}/stage"
    version = re.search(r'name="version" type="hidden" value="(\d+)"', anna.get(url + "?to=plan").text).group(1)
    lead.get(url)
    today = TODAY.isoformat()
    assert lead.post(url, data={"to_stage": "plan", "moved_on": today, "version": version}).status_code == 302
    stale = anna.post(url, data={"to_stage": "plan", "moved_on": today, "version": version})
    assert stale.status_code == 409 and "Iemand anders heeft dit intussen gewijzigd" in stale.text
    with app.app_context():
        assert db.session.scalar(select(Household.stage).where(Household.id == household.id)) == "plan"


def test_the_database_refuses_a_save_on_a_stale_copy(app, ctx, world, household):
    """The version column also catches two saves at the same moment, below the forms."""
    import pytest
    from sqlalchemy.orm.exc import StaleDataError

    from gezinsaanpak.cases.models import Household as H
    mine = db.session.get(H, household.id)
    db.session.execute(H.__table__.update().where(H.id == household.id).values(version=H.version + 1))
    mine.income_situation = "social_assistance"
    with pytest.raises(StaleDataError):
        db.session.flush()
    db.session.rollback()


def sent_by_page(client, url):
    """What the browser sends back for the page's form as shown, before the user changes anything."""
    return dict(page_form(client, url)["sent"])


@pytest.mark.parametrize("name", list(EDIT_FORMS))
def test_every_edit_form_tells_the_second_and_keeps_the_first(app, world, household, name):
    case = EDIT_FORMS[name]
    url, record_id = prepare(app, world, household, case)
    anna, bert = logged_in(app, world.coach), logged_in(app, world.colleague)
    anna_form, bert_form = sent_by_page(anna, url), sent_by_page(bert, url)
    assert anna_form["version"] == bert_form["version"]
    first = anna.post(url, data={**anna_form, **(case.extra or {}), case.field: case.edits[0]})
    assert first.status_code == 302
    second = bert.post(url, data={**bert_form, **(case.extra or {}), case.field: case.edits[1]})
    assert second.status_code == 409 and "Iemand anders heeft dit intussen gewijzigd" in second.text
    assert saved(app, household, case, record_id) == case.edits[0]


@pytest.mark.parametrize("name", list(EDIT_FORMS))
def test_a_save_that_does_not_say_which_version_it_changes_is_refused(app, world, household, name):
    case = EDIT_FORMS[name]
    url, record_id = prepare(app, world, household, case)
    anna = logged_in(app, world.coach)
    before = saved(app, household, case, record_id)
    form = {**sent_by_page(anna, url), **(case.extra or {}), case.field: case.edits[1]}
    del form["version"]
    refused = anna.post(url, data=form)
    assert refused.status_code == 409 and "Iemand anders heeft dit intussen gewijzigd" in refused.text
    assert saved(app, household, case, record_id) == before
    version = re.search(r'name="version" type="hidden" value="(\d+)"', refused.text).group(1)
    assert anna.post(url, data={**form, "version": version}).status_code == 302  # having seen it, she saves
    assert saved(app, household, case, record_id) == case.edits[1]

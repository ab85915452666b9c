"""Twenty coaches saving at the same moment: every write lands, none fails with "database is locked"; and coaches
saving the same record at the same moment: one save lands, the others are told."""
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from gezinsaanpak.cases import operations as cases
from gezinsaanpak.cases.models import Contact, CoordinatorAssignment, Household
from gezinsaanpak.extensions import db
from gezinsaanpak.plans.models import Goal
from gezinsaanpak.referrals.models import Referral
from tests.factories import PASSWORD
from tests.helpers import TODAY
from tests.web.access_plans import _goal
from tests.web.access_referrals import _referral
from tests.web.edit_forms import EDIT_FORMS, prepare
from tests.web.form_pages import page_form, shown_version

WRITERS = 20
WRITES_EACH = 5


def test_twenty_concurrent_writers_all_succeed(app, world, household):
    clients = []
    for _ in range(WRITERS):
        client = app.test_client()
        assert client.post("/login", data={"email": world.coach.email, "password": PASSWORD}).status_code == 302
        clients.append(client)
    barrier = threading.Barrier(WRITERS)
    statuses = []

    def write(client, number):
        barrier.wait()
        for i in range(WRITES_EACH):
            response = client.post(f"/households/{household.id}/contacts/new",
                                   data={"kind": "phone", "contact_on": TODAY.isoformat(),
                                         "note": f"writer {number} call {i}"})
            statuses.append(response.status_code)

    threads = [threading.Thread(target=write, args=(client, n)) for n, client in enumerate(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [302] * (WRITERS * WRITES_EACH)
    with app.app_context():
        assert db.session.scalar(select(func.count(Contact.id)).where(Contact.household_id == household.id)) == \
            WRITERS * WRITES_EACH


SAME_MOMENT = 4


@pytest.mark.parametrize("name", list(EDIT_FORMS))
def test_coaches_saving_the_same_record_at_the_same_moment_lose_nothing_silently(app, world, household, name):
    """Each edit form, opened by several coaches and saved at the same moment: one save lands, every other
    coach is told (409), none is overwritten without knowing."""
    case = EDIT_FORMS[name]
    url, record_id = prepare(app, world, household, case)
    clients = [app.test_client() for _ in range(SAME_MOMENT)]
    forms = []
    for number, client in enumerate(clients):
        coach = world.coach if number % 2 == 0 else world.colleague
        assert client.post("/login", data={"email": coach.email, "password": PASSWORD}).status_code == 302
        forms.append(dict(page_form(client, url)["sent"]))
    barrier = threading.Barrier(SAME_MOMENT)
    statuses = {}

    def save(number):
        barrier.wait()
        data = {**forms[number], **(case.extra or {}), case.field: case.value(number)}
        statuses[number] = clients[number].post(url, data=data).status_code

    threads = [threading.Thread(target=save, args=(n,)) for n in range(SAME_MOMENT)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses.values()) == [302] + [409] * (SAME_MOMENT - 1), statuses
    winner = next(number for number, status in statuses.items() if status == 302)
    with app.app_context():
        assert case.saved(household.id, record_id) == case.value(winner)


IN_A_WEEK, IN_A_MONTH = (TODAY + timedelta(days=7)).isoformat(), (TODAY + timedelta(days=30)).isoformat()
ON = TODAY.isoformat()
STALE = "Iemand anders heeft dit veranderd nadat je de pagina opende."


def _referral_page(household, actor):
    return f"/referrals/{_referral(household, actor)}"


def _review_page(household, actor):
    return f"/goals/{_goal(household, actor)}/review"


def _handover_page(household, actor):
    return "/handover"


@dataclass
class Step:
    """A step form two colleagues open on the same page; each takes a different step from it."""
    path: Callable  # (household, actor) -> the page below /households/<id>
    prefix: str  # the form's prefix on a page with several forms
    steps: tuple  # the fields Anna and Bert each send, besides the version
    state: Callable  # (household_id) -> what the record holds now
    who: tuple = ("coach", "colleague")


STEPS = {
    "referral status": Step(_referral_page, "", ({"step": "status", "to_status": "applied", "changed_on": ON},
                                                 {"step": "status", "to_status": "withdrawn", "changed_on": ON}),
                            lambda hid: db.session.scalar(select(Referral.status).where(Referral.household_id == hid))),
    "referral follow-up": Step(_referral_page, "again", ({"step": "follow_up", "again-follow_up_on": IN_A_WEEK},
                                                        {"step": "follow_up", "again-follow_up_on": IN_A_MONTH}),
                               lambda hid: db.session.scalar(select(Referral.follow_up_on)
                                                             .where(Referral.household_id == hid)).isoformat()),
    "goal review": Step(_review_page, "", ({"reviewed_on": ON, "status": "achieved", "note": "Gelukt"},
                                           {"reviewed_on": ON, "status": "stopped", "note": "Gestopt"}),
                        lambda hid: db.session.scalar(select(Goal.status).where(Goal.household_id == hid))),
    "handover": Step(_handover_page, "", ({"coach_id": "colleague", "note": "Anna met verlof"},
                                          {"coach_id": "colleague", "note": "Nogmaals"}),
                     lambda hid: db.session.scalar(select(func.count(CoordinatorAssignment.id))
                                                   .where(CoordinatorAssignment.household_id == hid)),
                     who=("teamlead", "teamlead")),
}


@pytest.mark.parametrize("name", list(STEPS))
def test_a_step_taken_from_a_page_someone_else_acted_on_is_refused(app, world, household, name):
    """Anna and Bert open the same page; Anna takes her step; Bert's step from his old page is refused with the
    conflict message, and what Anna did stands."""
    case = STEPS[name]
    with app.app_context():
        h = db.session.get(Household, household.id)
        cases.add_worker(db.session.merge(world.coach), h, db.session.merge(world.colleague))
        url = f"/households/{household.id}{case.path(h, db.session.merge(world.coach))}"
        db.session.commit()
    clients, versions = [], []
    for who in case.who:
        client = app.test_client()
        assert client.post("/login", data={"email": world.by_role(who).email, "password": PASSWORD}).status_code == 302
        clients.append(client)
        versions.append(shown_version(client, url, case.prefix))
    version_field = f"{case.prefix}-version" if case.prefix else "version"

    def sent(number):
        data = {key: str(world.colleague.id) if value == "colleague" else value
                for key, value in case.steps[number].items()}
        return {**data, version_field: versions[number]}

    first = clients[0].post(url, data=sent(0))
    assert first.status_code == 302, first.text
    with app.app_context():
        after_first = case.state(household.id)
    second = clients[1].post(url, data=sent(1))
    assert second.status_code == 409 and STALE in second.text
    with app.app_context():
        assert case.state(household.id) == after_first
    without = clients[1].post(url, data={key: value for key, value in sent(1).items() if key != version_field})
    assert without.status_code == 409  # a step that does not say which version it was taken on is refused too

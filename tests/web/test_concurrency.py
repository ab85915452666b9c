"""Twenty coaches saving at the same moment: every write lands, none fails with "database is locked"; and coaches
saving the same record at the same moment: one save lands, the others are told."""
import threading

import pytest
from sqlalchemy import func, select

from gezinsaanpak.cases.models import Contact
from gezinsaanpak.extensions import db
from tests.factories import PASSWORD
from tests.helpers import TODAY
from tests.web.edit_forms import EDIT_FORMS, prepare
from tests.web.form_pages import page_form

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

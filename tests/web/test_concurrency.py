"""Twenty coaches saving at the same moment: every write lands, none fails with "database is locked"."""
import threading
from datetime import date

from sqlalchemy import func, select

from gezinsaanpak.cases.models import Contact
from gezinsaanpak.extensions import db
from tests.factories import PASSWORD

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
                                   data={"kind": "phone", "contact_on": date.today().isoformat(),
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

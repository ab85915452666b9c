"""The household's timeline: the newest entries on the household page, everything a page at a time on its own
page, narrowed to one kind when a coach looks for, say, the last contacts only."""
import re
from datetime import timedelta

import pytest

from gezinsaanpak.cases import operations as cases
from gezinsaanpak.cases.models import Household
from gezinsaanpak.catalogues import load_catalogue
from gezinsaanpak.extensions import db
from gezinsaanpak.signals.models import ChecklistItem
from gezinsaanpak.signals.operations import Tick, record_signals
from tests.helpers import TODAY

CONTACTS = 24


def _entries(page: str) -> list[str]:
    """The timeline entries of a page as text, in the order shown."""
    block = page.split('<ol class="timeline">', 1)[1].split("</ol>", 1)[0]
    return [re.sub(r"<[^>]+>", "", item).strip() for item in re.findall(r"<li[^>]*>(.*?)</li>", block, re.S)]


@pytest.fixture
def busy(app, household, world):
    """A household with two dozen home visits, one a day, and a signal recorded a week ago."""
    with app.app_context():
        load_catalogue("checklist")
        h = db.session.get(Household, household.id)
        for days_ago in range(CONTACTS, 0, -1):
            cases.log_contact(world.coach, h, "home_visit", TODAY - timedelta(days=days_ago),
                              note=f"Bezoek {days_ago} dagen geleden")
        item = db.session.scalars(db.select(ChecklistItem).where(ChecklistItem.group_code == "home_visit")
                                   .order_by(ChecklistItem.id)).first()
        record_signals(world.coach, h, [Tick(item_id=item.id, member_id=None, note=None)],
                       observed_on=TODAY - timedelta(days=7))
        db.session.commit()
    return household


def test_household_page_shows_the_newest_entries_and_links_to_the_rest(client, auth, world, busy):
    auth.login(world.coach)
    page = client.get(f"/households/{busy.id}").text
    entries = _entries(page)
    assert len(entries) == 6
    visits = [int(re.search(r"Bezoek (\d+) dagen", e).group(1)) for e in entries if "Bezoek" in e]
    assert visits == list(range(1, len(visits) + 1)) and len(visits) >= 5, "the newest visits, newest first"
    total = CONTACTS + 1 + 2 + 1  # contacts, the signal, two stage moves, the first coordinator
    assert f"De hele tijdlijn ({total} items)" in page


def test_timeline_pages_through_everything_newest_first(app, client, auth, world, busy, monkeypatch):
    monkeypatch.setitem(app.config, "PAGE_SIZE", 10)
    auth.login(world.coach)
    seen = []
    for number in (1, 2, 3):
        page = client.get(f"/households/{busy.id}/timeline?page={number}").text
        assert f"Pagina {number} van 3" in page
        seen += _entries(page)
    assert len(seen) == CONTACTS + 4
    visits = [int(re.search(r"Bezoek (\d+) dagen", e).group(1)) for e in seen if "Bezoek" in e]
    assert visits == list(range(1, CONTACTS + 1)), "newest first, none twice, none missing"
    # An old link past the end shows the last page instead of an empty one.
    assert "Pagina 3 van 3" in client.get(f"/households/{busy.id}/timeline?page=99").text
    # A page number no database integer holds (a tampered link) too, instead of an error.
    huge = client.get(f"/households/{busy.id}/timeline?page=99999999999999999999")
    assert huge.status_code == 200 and "Pagina 3 van 3" in huge.text


def test_timeline_narrows_to_one_kind(client, auth, world, busy):
    auth.login(world.coach)
    signals = _entries(client.get(f"/households/{busy.id}/timeline?kind=signal").text)
    assert len(signals) == 1 and signals[0].startswith((TODAY - timedelta(days=7)).strftime("%-d"))
    assert "Signaal:" in signals[0]
    contacts = _entries(client.get(f"/households/{busy.id}/timeline?kind=contact").text)
    assert len(contacts) == CONTACTS and all("Huisbezoek" in e for e in contacts)
    # An unknown kind is ignored rather than an error.
    assert len(_entries(client.get(f"/households/{busy.id}/timeline?kind=nonsense").text)) == CONTACTS + 4


def test_timeline_is_in_the_readers_language(client, auth, world, busy):
    auth.login(world.coach)
    client.post("/language", data={"lang": "en"})
    page = client.get(f"/households/{busy.id}/timeline?kind=signal").text
    assert "Signal:" in page and "Signaal:" not in page


def test_a_colleague_without_access_gets_no_timeline(client, auth, world, busy):
    auth.login(world.colleague)
    assert client.get(f"/households/{busy.id}/timeline").status_code == 404


def test_the_timeline_is_in_true_order_with_assessments_and_reviews_and_plans_apart(app, client, auth, world,
                                                                                     household):
    from gezinsaanpak.plans import operations as plans
    from gezinsaanpak.plans.assessments import record_assessment
    from gezinsaanpak.plans.models import Domain
    today = TODAY
    with app.app_context():
        load_catalogue("domains")
        h = db.session.get(Household, household.id)
        samira = next(m for m in h.members if m.role == "parent")
        debts = db.session.scalar(db.select(Domain).where(Domain.code == "bridge.debts"))
        cases.log_contact(world.coach, h, "home_visit", today, note="Eerst het huisbezoek")
        cases.move_stage(world.coach, h, "plan")
        record_assessment(world.coach, h, samira, today, {debts.id: {"value": "2"}})
        goal = plans.set_goal(world.coach, h, samira, debts, "Huur op tijd", today + timedelta(days=60))
        plans.review_goal(world.coach, h, goal, today, "active", "Gaat goed")
        cases.log_contact(world.coach, h, "phone", today, note="Daarna nog gebeld")
        cases.plan_check_in(world.coach, h, today + timedelta(days=10), "hoe ging het bij de sportclub?")
        db.session.commit()
    auth.login(world.coach)
    entries = _entries(client.get(f"/households/{household.id}/timeline").text)
    todays = [e for e in entries if "Daarna" in e or "Eerst" in e or "Fase: Plan" in e or "Bridge" in e
              or "Brug" in e or "Doel" in e]
    assert "Daarna nog gebeld" in todays[0] and "Eerst het huisbezoek" in todays[-1], todays
    assert any("geëvalueerd" in e and "Gaat goed" in e for e in todays)
    assert any("meting van Samira" in e for e in todays)
    assert not any("sportclub" in e for e in entries), "a planned check-in is not history"
    page = client.get(f"/households/{household.id}/timeline").text
    assert "hoe ging het bij de sportclub?" in page.split('<ol class="timeline">')[0]
    assert "hoe ging het bij de sportclub?" in client.get(f"/households/{household.id}").text

"""In a real browser, keyboard only: from the household page a coach records a home visit (the contact, eight
signals found by typing, one goal review) in one save, and the keys and page loads it takes are counted."""
import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from gezinsaanpak.cases.models import Contact
from gezinsaanpak.catalogues import load_catalogue
from gezinsaanpak.extensions import db
from gezinsaanpak.plans import operations as plans
from gezinsaanpak.plans.models import Domain, Goal
from gezinsaanpak.signals.models import Signal
from tests.browser.helpers import log_in_with_keyboard
from tests.factories import make_household
from tests.helpers import TODAY

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
expect = sync_api.expect
TODAY = TODAY
MAX_KEYS, MAX_LOADS = 60, 2
ACTIVE = """() => { const e = document.activeElement;
  return {tag: e.tagName, id: e.id, text: (e.textContent || '').trim()}; }"""
# What the coach types into the filter to find each signal: words of it, and a first name for a member's.
SIGNALS = ["gordijnen", "koelkast", "achterstand met de huur", "samira nota", "samira deurwaarders",
           "samira sociaal netwerk", "kind0 ontbijt", "kind0 zwemdiploma"]


@pytest.fixture
def family(app, world):
    """Familie Tulp with Samira's goal up for review today."""
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
        return household.id, goal.id


class Keyboard:
    """Presses keys as a coach would, counting every key that is not typed text."""

    def __init__(self, page):
        self.page, self.keys = page, 0

    def press(self, key):
        self.page.keyboard.press(key)
        self.keys += 1

    def type(self, text):
        self.page.keyboard.type(text)

    def tab_to(self, match, limit=40):
        for _ in range(limit):
            self.press("Tab")
            if match(self.page.evaluate(ACTIVE)):
                return
        raise AssertionError("not reachable with Tab")


def test_a_home_visit_by_keyboard_in_few_keys_and_two_page_loads(app, page, world, family):
    household_id, goal_id = family
    page.goto("/login")
    log_in_with_keyboard(page, world.coach.email)
    expect(page).to_have_url(re.compile(r"/start$"))
    page.goto(f"/households/{household_id}")
    loads = []
    page.on("load", lambda: loads.append(page.url))
    keys = Keyboard(page)

    keys.tab_to(lambda a: a["tag"] == "A" and a["text"] == "Huisbezoek vastleggen")
    keys.press("Enter")
    expect(page.get_by_role("heading", name="Huisbezoek vastleggen")).to_be_visible()
    assert page.evaluate(ACTIVE)["id"] == "contact_on"  # the first field has the focus

    keys.tab_to(lambda a: a["id"] == "duration_minutes")
    keys.type("45")
    keys.press("Tab")
    keys.type("Keukentafelgesprek met Samira; de kinderen waren thuis.")
    keys.press("Enter")  # a new line in the note, not a save
    keys.type("Afspraak over de post gemaakt.")
    keys.tab_to(lambda a: a["id"] == f"goal{goal_id}-status")
    keys.press("ArrowDown")  # "Actief": the goal goes on
    keys.press("Tab")
    keys.type("Huur van november op tijd betaald.")
    keys.tab_to(lambda a: a["id"] == "signal-filter")
    for words in SIGNALS:
        keys.type(words)
        keys.press("Enter")  # ticks the first match, never saves
        expect(page.locator("#signal-filter-status")).to_contain_text("Aangevinkt")
    assert len(loads) == 1  # none of the Enters submitted the visit
    keys.tab_to(lambda a: a["tag"] == "BUTTON" and a["text"] == "Huisbezoek opslaan")
    keys.press("Enter")

    expect(page.get_by_role("status").first).to_contain_text("Huisbezoek opgeslagen: 8 signalen, 1 evaluaties")
    print(f"\nhome visit: {keys.keys} non-text keys, {len(loads)} page loads")
    assert keys.keys <= MAX_KEYS and len(loads) <= MAX_LOADS, (keys.keys, loads)
    with app.app_context():
        contact = db.session.scalar(select(Contact).where(Contact.household_id == household_id))
        assert contact.kind == "home_visit" and contact.duration_minutes == 45
        assert contact.note.splitlines() == ["Keukentafelgesprek met Samira; de kinderen waren thuis.",
                                             "Afspraak over de post gemaakt."]
        assert db.session.scalar(select(func.count(Signal.id)).where(Signal.household_id == household_id)) == 8
        goal = db.session.get(Goal, goal_id)
        assert [r.note for r in goal.reviews] == ["Huur van november op tijd betaald."] and goal.status == "active"

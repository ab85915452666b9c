"""In a real browser: a coach records eight signals with the keyboard alone, sees them grouped on the household
page, and sets one aside without losing it."""
import re
import time
from datetime import timedelta

import pytest
from sqlalchemy import select

from gezinsaanpak.cases import operations as cases
from gezinsaanpak.cases.models import Household
from gezinsaanpak.catalogues import load_catalogue
from gezinsaanpak.extensions import db
from gezinsaanpak.signals.models import ChecklistItem
from tests.browser.helpers import log_in_with_keyboard
from tests.helpers import TODAY

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
expect = sync_api.expect

ACTIVE = """() => { const e = document.activeElement;
  return {tag: e.tagName, id: e.id, section: (e.closest('fieldset.subject') || {}).id || '',
          text: e.textContent.trim()}; }"""


@pytest.fixture
def visit(app, world, household):
    """The checklist loaded, a home visit two weeks ago; returns the item ids and member ids."""
    with app.app_context():
        load_catalogue("checklist")
        load_catalogue("domains")
        family = db.session.get(Household, household.id)
        cases.log_contact(family.coordinator, family, "home_visit", TODAY - timedelta(days=14))
        db.session.commit()
        items = {i.code: i.id for i in db.session.scalars(select(ChecklistItem))}
        members = {m.first_name: m.id for m in family.members}
    return items, members


class Keyboard:
    """Moves through the page with Tab only, counting every key a coach would press."""

    def __init__(self, page):
        self.page, self.presses = page, 0

    def press(self, key):
        self.page.keyboard.press(key)
        self.presses += 1

    def tab_to(self, match, limit=60):
        for _ in range(limit):
            self.press("Tab")
            active = self.page.evaluate(ACTIVE)
            if match(active):
                return active
        raise AssertionError("not reachable with Tab")

    def open_heading(self, section, heading):
        self.tab_to(lambda a: a["tag"] == "SUMMARY" and a["section"] == section and a["text"].startswith(heading))
        self.press("Enter")

    def tick(self, key, note=None):
        self.tab_to(lambda a: a["id"] == f"tick-{key}")
        self.press("Space")
        if note:
            self.press("Tab")
            self.page.keyboard.type(note)
            self.presses += 1  # typing a note is one step, not a key per letter


def test_eight_signals_with_the_keyboard_then_one_set_aside(page, world, household, visit):
    items, members = visit
    samira, kind = f"m{members['Samira']}", f"m{members['Kind0']}"
    page.goto("/login")
    log_in_with_keyboard(page, world.coach.email)
    expect(page).to_have_url(re.compile(r"/start$"))
    page.goto(f"/households/{household.id}/signals/record")
    started = time.monotonic()
    keys = Keyboard(page)
    page.get_by_label("Datum van de waarneming").focus()

    keys.tick(f"h.{items['home_visit.signal.03']}", "Stapel ongeopende post op de mat")
    keys.tick(f"h.{items['home_visit.signal.06']}")
    keys.tick(f"h.{items['home_visit.signal.10']}")
    keys.open_heading(f"section-{samira}", "Financiële problemen")
    keys.tick(f"{samira}.{items['parents.signal.04']}")
    keys.tick(f"{samira}.{items['parents.signal.07']}", "Brief van de deurwaarder op tafel")
    keys.open_heading(f"section-{samira}", "Weinig participeren")
    keys.tick(f"{samira}.{items['parents.signal.14']}")
    keys.open_heading(f"section-{kind}", "Slechte (persoonlijke) verzorging")
    keys.tick(f"{kind}.{items['children.signal.03']}", "Volgens de juf vaak zonder ontbijt")
    keys.open_heading(f"section-{kind}", "Beperkt participeren")
    keys.tick(f"{kind}.{items['children.signal.14']}")
    keys.tab_to(lambda a: a["tag"] == "BUTTON" and a["text"] == "Signalen opslaan")
    keys.press("Enter")

    expect(page.get_by_role("status").first).to_contain_text("Signalen vastgelegd: 8")
    assert time.monotonic() - started < 60 and keys.presses < 160, keys.presses

    signals = page.locator("#signals")
    for text in ("Het huishouden als geheel", "Samira", "Kind0", "Financiële problemen", "Weinig participeren",
                 "Beperkt participeren", "lege koelkast/voorraadkast of eenzijdig gevuld",
                 "Brief van de deurwaarder op tafel", "Schulden"):
        expect(signals).to_contain_text(text)
    expect(signals.locator(".tag.new")).to_have_count(8)

    signals.get_by_role("link", name="Wijzigen: nota’s niet betalen (Samira)").click()
    page.get_by_label("Niet van toepassing").check()
    page.get_by_label("Notitie (niet verplicht)").fill("De nota's worden via bewindvoering betaald")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status").first).to_contain_text("opzijgezet")

    set_aside = page.locator("details.set-aside")
    set_aside.locator("summary").click()
    expect(set_aside).to_contain_text("Opzijgezet als niet van toepassing (1)")
    expect(set_aside).to_contain_text("nota’s niet betalen (Samira)")
    expect(signals.locator(".tag.new")).to_have_count(7)
    set_aside.get_by_role("link", name=re.compile("Geschiedenis")).click()
    history = page.locator("ol.timeline")
    expect(history).to_contain_text("Gesignaleerd → Niet van toepassing")
    expect(history).to_contain_text("De nota's worden via bewindvoering betaald")
    expect(history).to_contain_text("Vastgelegd: Gesignaleerd")


def test_typing_filters_the_checklist_per_member_keeps_ticks_and_escape_clears(page, world, household, visit):
    """The filter of the home-visit screen, on the signals page: words of a signal and a first name narrow the list
    to the members and headings that hold a match, a live region counts them, Enter ticks the first, and what is
    ticked stays ticked while it is filtered out of sight."""
    items, members = visit
    samira = f"m{members['Samira']}"
    bailiff = page.locator(f"[id='tick-{samira}.{items['parents.signal.07']}']")
    page.goto("/login")
    log_in_with_keyboard(page, world.coach.email)
    expect(page).to_have_url(re.compile(r"/start$"))
    page.goto(f"/households/{household.id}/signals/record")
    status = page.locator("#signal-filter-status")
    expect(status).to_have_attribute("role", "status")
    expect(status).to_have_attribute("aria-live", "polite")
    page.get_by_label("Datum van de waarneming").focus()
    Keyboard(page).tab_to(lambda a: a["tag"] in ("INPUT", "A") and a["id"] != "observed_on")
    expect(page.get_by_label("Signaal zoeken")).to_be_focused()  # the next stop after the date

    page.keyboard.type("deurwaarder")
    expect(status).to_have_text("2 treffers. Enter vinkt de eerste aan.")  # the household's letters, Samira's door
    page.keyboard.type(" samira")
    expect(status).to_have_text("Eén treffer. Enter vinkt hem aan.")
    expect(page.locator("#checklist-items li.item:visible")).to_have_count(1)
    expect(page.locator("#section-h")).to_be_hidden()
    expect(page.locator(f"#section-{samira}")).to_be_visible()
    expect(bailiff).to_be_visible()  # its heading opened
    page.keyboard.press("Enter")  # ticks it, does not save
    expect(status).to_have_text("Aangevinkt: incassobureaus en deurwaarders aan de deur (Samira)")
    expect(bailiff).to_be_checked()
    expect(page.get_by_label("Signaal zoeken")).to_have_value("")

    page.keyboard.type("koelkast")
    expect(bailiff).to_be_hidden()
    expect(bailiff).to_be_checked()  # out of sight, still ticked
    page.get_by_label("lege koelkast/voorraadkast of eenzijdig gevuld", exact=True).check()
    page.get_by_label("Signaal zoeken").focus()
    page.keyboard.type("xyzzy")
    expect(status).to_have_text("Geen signaal gevonden.")
    expect(page.locator("#checklist-items fieldset.subject:visible")).to_have_count(0)
    page.keyboard.press("Escape")
    expect(page.get_by_label("Signaal zoeken")).to_have_value("")
    expect(status).to_have_text("")
    expect(page.locator("#checklist-items fieldset.subject:visible")).to_have_count(4)  # the household, three members
    expect(page.locator(f"#section-{samira} details.heading", has=bailiff).locator("summary")).to_contain_text(
        "(1 aangevinkt)")
    page.get_by_role("button", name="Signalen opslaan").click()
    expect(page.get_by_role("status").first).to_contain_text("Signalen vastgelegd: 2")


def test_without_script_the_signals_page_works_as_it_is(browser, live_server, world, household, visit):
    items, _members = visit
    context = browser.new_context(base_url=live_server, locale="nl-NL", java_script_enabled=False)
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        page.goto("/login")
        log_in_with_keyboard(page, world.coach.email)
        expect(page).to_have_url(re.compile(r"/start$"))
        page.goto(f"/households/{household.id}/signals/record")
        expect(page.get_by_label("Signaal zoeken")).to_be_hidden()
        expect(page.locator("#section-h details.heading")).to_have_attribute("open", "")  # one heading: open
        page.get_by_label("lege koelkast/voorraadkast of eenzijdig gevuld", exact=True).check()
        page.get_by_role("button", name="Signalen opslaan").click()
        expect(page.get_by_role("status").first).to_contain_text("Signalen vastgelegd: 1")
    finally:
        context.close()

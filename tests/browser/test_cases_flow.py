"""In a real browser: from a pseudonymous contact track to a registered household on one timeline, and a
handover by the team lead."""
import re
from datetime import timedelta

import pytest

from tests.browser.helpers import log_in_with_keyboard
from tests.helpers import TODAY

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
expect = sync_api.expect


def field(page, name):
    return page.locator(f'[name="{name}"]')


def test_trust_building_to_registration_on_one_timeline(page, world):
    page.goto("/login")
    log_in_with_keyboard(page, world.coach.email)
    page.get_by_role("link", name="Nieuw contacttraject").first.click()
    expect(field(page, "first_name")).to_have_count(0)  # no personal data in this phase
    field(page, "pseudonym").fill("Familie Roos, Carnisse")
    field(page, "source").select_option("food_bank")
    field(page, "pseudonym").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Familie Roos, Carnisse")

    yesterday = (TODAY - timedelta(days=1)).isoformat()
    for note in ("Eerste kennismaking bij de voedselbank", "Koffie bij moeder thuis"):
        page.get_by_role("link", name="Contact vastleggen").click()
        field(page, "contact_on").fill(yesterday)
        field(page, "note").fill(note)
        page.get_by_role("button", name="Contact opslaan").click()
        expect(page.get_by_text(note)).to_be_visible()

    page.get_by_role("link", name=re.compile("Registreren")).click()
    field(page, "consent_scope").fill("Aanmelding en delen met Leergeld")
    field(page, "income_situation").select_option("social_assistance")
    for i, (name, role, born) in enumerate([("Fatima", "parent", "1985-02-01"), ("Yusuf", "child", "2014-09-10"),
                                            ("Lina", "child", "2019-04-22")]):
        field(page, f"members-{i}-first_name").fill(name)
        field(page, f"members-{i}-role").select_option(role)
        field(page, f"members-{i}-date_of_birth").fill(born)
    field(page, "members-2-first_name").press("Enter")  # Enter registers; it does not add rows
    expect(page.get_by_role("status").first).to_contain_text("geregistreerd")

    page.get_by_role("link", name="Naar fase: Plan").click()
    page.get_by_role("button", name="Fase wijzigen").click()
    timeline = page.locator("ol.timeline")
    for text in ("Fase: Plan", "Fase: Geregistreerd", "Eerste kennismaking bij de voedselbank",
                 "Koffie bij moeder thuis"):
        expect(timeline).to_contain_text(text)
    members = page.get_by_role("table").first
    for name in ("Fatima", "Yusuf", "Lina"):
        expect(members).to_contain_text(name)


def test_team_lead_hands_over_a_household(page, world, household):
    page.goto("/login")
    log_in_with_keyboard(page, world.teamlead.email)
    expect(page).to_have_url(re.compile(r"/start$"))
    page.goto(f"/households/{household.id}")
    page.get_by_role("link", name="Overdragen").click()
    field(page, "coach_id").select_option(label="Bert Collega")
    field(page, "note").fill("Anna gaat met verlof")
    page.get_by_role("button", name="Overdragen").click()
    expect(page.locator("dl.headline")).to_contain_text("Bert Collega")
    expect(page.locator("ol.timeline")).to_contain_text("Regisseur: Bert Collega")
    expect(page.locator("ol.timeline")).to_contain_text("Regisseur: Anna Coach")


def test_the_whole_timeline_a_page_at_a_time_and_one_kind_only(page, app, world, household):
    from gezinsaanpak.cases import operations as cases
    from gezinsaanpak.cases.models import Household
    from gezinsaanpak.extensions import db
    with app.app_context():
        h = db.session.get(Household, household.id)
        for days_ago in range(14, 0, -1):
            cases.log_contact(world.coach, h, "phone", TODAY - timedelta(days=days_ago),
                              note=f"Telefoontje {days_ago}")
        db.session.commit()
    page.goto("/login")
    log_in_with_keyboard(page, world.coach.email)
    expect(page).to_have_url(re.compile(r"/start$"))
    page.goto(f"/households/{household.id}")
    expect(page.locator("ol.timeline li")).to_have_count(6)
    page.locator("#timeline summary").click()  # the recent entries are a section that opens
    page.get_by_role("link", name=re.compile(r"De hele tijdlijn \(\d+ items\)")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Tijdlijn van {household.pseudonym}")
    page.get_by_label("Tonen").select_option(label="Contacten")
    page.get_by_role("button", name="Filteren").click()
    expect(page.locator("ol.timeline li")).to_have_count(14)
    expect(page.locator("ol.timeline li").first).to_contain_text("Telefoontje 1")
    expect(page.get_by_text("14 items")).to_be_visible()

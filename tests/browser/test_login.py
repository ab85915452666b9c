"""End to end in a real browser: a coach logs in, finds their household, switches language;
a coach of another team cannot see or open it."""
import re

import pytest

from tests.browser.helpers import log_in_with_keyboard

sync_api = pytest.importorskip("playwright.sync_api",
                               reason="Playwright for Python is not installed: browser tests skipped "
                                      "(pip install -e .[test])")
Page, expect = sync_api.Page, sync_api.expect

PSEUDONYM = "Familie Tulp, Tarwewijk"


def test_coach_logs_in_opens_household_and_switches_to_english(page: Page, world, household):
    page.goto("/")

    expect(page).to_have_url(re.compile(r"/login\b"))
    # Dutch is the default language.
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen")
    expect(page.locator("html")).to_have_attribute("lang", "nl")

    log_in_with_keyboard(page, world.coach.email)

    expect(page).to_have_url(re.compile(r"/start$"))  # the start page: what is due and overdue
    page.get_by_role("navigation").get_by_role("link", name="Mijn huishoudens", exact=True).click()
    expect(page).to_have_url(re.compile(r"/my-households$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn huishoudens")
    link = page.get_by_role("link", name=PSEUDONYM, exact=True)
    expect(link).to_be_visible()

    link.click()

    expect(page).to_have_url(re.compile(rf"/households/{household.id}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(PSEUDONYM)

    page.get_by_role("button", name="English", exact=True).click()

    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("button", name="English", exact=True)).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_role("navigation").get_by_role("link", name="My households", exact=True)).to_be_visible()
    # Back on the page the coach was reading.
    expect(page).to_have_url(re.compile(rf"/households/{household.id}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(PSEUDONYM)


def test_coach_of_another_team_neither_sees_nor_opens_the_household(page: Page, world, household):
    page.goto("/login")
    log_in_with_keyboard(page, world.other_coach.email)
    expect(page).to_have_url(re.compile(r"/start$"))
    page.goto("/my-households")
    expect(page.get_by_role("table")).to_have_count(0)
    expect(page.get_by_text("Familie Tulp")).to_have_count(0)

    response = page.goto(f"/households/{household.id}")

    assert response is not None and response.status == 404
    expect(page).to_have_title(re.compile(r"^404 · Gezinsaanpak$"))  # errors.html: the code, in any language
    expect(page.get_by_text("Familie Tulp")).to_have_count(0)
    expect(page.get_by_text("Samira")).to_have_count(0)

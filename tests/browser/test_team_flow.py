"""In a real browser: a team lead opens the caseload, clicks a number through to its list and reassigns a
household from there."""
import re

import pytest

from tests.browser.helpers import log_in_with_keyboard

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
expect = sync_api.expect


def test_team_lead_clicks_through_the_caseload_and_reassigns(page, world, household):
    page.goto("/login")
    log_in_with_keyboard(page, world.teamlead.email)
    expect(page).to_have_url(re.compile(r"/start$"))
    page.get_by_role("navigation").get_by_role("link", name="Team", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Caseload van Team Noord")
    row = page.get_by_role("row", name=re.compile("Anna Coach")).first
    row.get_by_role("link", name="1").last.click()  # the open households of Anna
    expect(page.get_by_role("heading", level=1)).to_contain_text("Anna Coach")
    expect(page.get_by_role("link", name="Familie Tulp, Tarwewijk")).to_be_visible()
    page.get_by_role("link", name="Overdragen").click()
    page.locator('[name="coach_id"]').select_option(label="Bert Collega")
    page.get_by_role("button", name="Overdragen").click()
    expect(page.locator("dl.headline")).to_contain_text("Bert Collega")

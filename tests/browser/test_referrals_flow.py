"""In a real browser: a birthday suggestion becomes a referral, which is followed up to delivery and checked."""
import re
from datetime import date, timedelta

import pytest

from gezinsaanpak.cases import operations as cases
from gezinsaanpak.catalogues import load_catalogue
from gezinsaanpak.extensions import db
from tests.browser.helpers import log_in_with_keyboard
from tests.helpers import TODAY

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
expect = sync_api.expect


def field(page, name):
    return page.locator(f'[name="{name}"]')


@pytest.fixture
def yusuf(app, world, household):
    """Yusuf is 8, and has his birthday in seven weeks."""
    with app.app_context():
        load_catalogue("funds")
        birthday = TODAY + timedelta(days=52)
        born = date(birthday.year - 9, birthday.month, min(birthday.day, 28))  # 7 weeks away, even after 29 Feb
        cases.add_member(db.session.merge(world.coach), db.session.merge(household), "Yusuf", "child", born)
        db.session.commit()


def test_from_a_birthday_suggestion_to_a_delivered_box_that_is_used(page, world, household, yusuf):
    page.goto("/login")
    log_in_with_keyboard(page, world.coach.email)
    expect(page).to_have_url(re.compile(r"/start$"))
    page.goto(f"/households/{household.id}")
    suggestion = page.locator("ul.suggestions li", has_text="Yusuf")
    expect(suggestion).to_contain_text("Jarig over 7 weken")
    expect(suggestion).to_contain_text("Stichting Jarige Job")
    suggestion.get_by_role("link", name=re.compile("Verwijzing starten")).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Nieuwe verwijzing")
    expect(field(page, "member_id").locator("option:checked")).to_have_text("Yusuf")
    expect(field(page, "fund_id").locator("option:checked")).to_have_text("Stichting Jarige Job")
    field(page, "request").fill("Verjaardagsbox voor de negende verjaardag")
    page.get_by_role("button", name="Verwijzing starten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verwijzing naar Stichting Jarige Job")

    for status, label in (("applied", "Aangevraagd"), ("granted", "Toegekend"), ("delivered", "Geleverd")):
        field(page, "to_status").select_option(status)
        page.get_by_role("button", name="Stap opslaan").click()
        expect(page.get_by_role("status").first).to_contain_text(f"Status gewijzigd in “{label}”")
    history = page.locator("ol.timeline")
    for label in ("Nog aanvragen", "Aangevraagd", "Toegekend", "Geleverd"):
        expect(history).to_contain_text(label)

    field(page, "participation-participation").select_option("takes_part")
    page.get_by_role("button", name="Deelname vastleggen").click()
    expect(page.get_by_role("status").first).to_contain_text("Deelname vastgelegd")

    page.get_by_role("link", name=re.compile(household.pseudonym)).click()
    row = page.locator("table.referrals tr", has_text="Stichting Jarige Job")
    expect(row).to_contain_text("Geleverd")
    expect(row).to_contain_text("Doet mee / gebruikt het")
    expect(page.locator("ul.suggestions", has_text="Yusuf")).to_have_count(0)  # the box is in hand

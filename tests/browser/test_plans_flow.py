"""In a real browser: a coach assesses a parent and a child (the child's benchmarks by keyboard, one key per colour),
sets a goal with the child's own words and an action, opens the family plan and downloads it as PDF."""
import re
from datetime import timedelta

import pytest
from pypdf import PdfReader

from gezinsaanpak.catalogues import load_catalogue
from gezinsaanpak.extensions import db
from tests.browser.helpers import log_in_with_keyboard
from tests.helpers import TODAY

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
expect = sync_api.expect


@pytest.fixture
def catalogue(app):
    with app.app_context():
        load_catalogue("domains")
        load_catalogue("benchmarks")
        db.session.commit()


def test_assess_set_a_goal_and_download_the_plan(page, world, household, catalogue, tmp_path):
    page.goto("/login")
    log_in_with_keyboard(page, world.coach.email)
    expect(page).to_have_url(re.compile(r"/start$"))
    page.goto(f"/households/{household.id}")

    plan = page.locator("#plan")
    plan.get_by_role("link", name="Meten Samira").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Brug-meting van Samira")
    for fieldset in page.locator("fieldset.domain").all():
        fieldset.get_by_label("3 · Stabiel").check()
    page.locator("fieldset.domain", has_text="Schulden").get_by_label("1 · In crisis").check()
    page.get_by_role("button", name="Meting opslaan").click()
    expect(page.get_by_role("status").first).to_contain_text("Meting opgeslagen")
    expect(page.locator("table.compare")).to_contain_text("1 · In crisis")

    page.get_by_role("link", name=re.compile("Familie Tulp")).click()
    page.locator("#plan").get_by_role("link", name="Meten Kind1").click()
    expect(page.get_by_text("Middenkindertijd (6-11 jaar)")).to_be_visible()
    first = page.locator("fieldset.benchmark", has_text="Is over het algemeen gezond.")
    expect(first.get_by_label("Niet besproken")).to_be_focused()  # the first benchmark, ready for a key
    page.wait_for_load_state("load")  # the keys are the page script's: on a busy machine it may come after focus
    for key in "ggo":  # the three benchmarks of health and wellbeing, each key moving on to the next
        page.keyboard.press(key)
    page.keyboard.press("r")  # the first benchmark of social-emotional development
    expect(first.get_by_label("Op koers (groen)")).to_be_checked()
    expect(page.locator("fieldset.benchmark", has_text="goed opschieten met volwassenen")
           .get_by_label("Hoge prioriteit (rood)")).to_be_checked()
    page.get_by_role("button", name="Meting opslaan").click()
    compare = page.locator("table.compare")
    expect(compare.locator("tr", has_text="Sociaal-emotionele ontwikkeling")).to_contain_text("Hoge prioriteit")
    expect(compare.locator("tr", has_text="Gezondheid en welbevinden")).to_contain_text("Enige zorg")
    expect(page.locator("table.benchmarks")).to_contain_text("Is over het algemeen gezond.")

    page.get_by_role("link", name="Sociaal-emotionele ontwikkeling").click()  # the suggested domain
    expect(page.get_by_label("Domein")).to_have_value(re.compile(r"\d+"))
    page.get_by_label("Het doel in eigen woorden").fill("Ik wil op voetbal met Daan")
    page.get_by_label("Het doel, SMART").fill("Voor de zomer gaat Kind1 elke week naar voetbal")
    page.get_by_label("Streefdatum").fill((TODAY + timedelta(days=120)).isoformat())  # the family picks it
    page.get_by_role("button", name="Doel opslaan").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Doel voor Kind1")

    page.get_by_role("link", name="Actiepunt toevoegen").click()
    page.get_by_label("Wat gaat er gebeuren?").fill("Aanvraag bij het Jeugdfonds Sport & Cultuur")
    page.get_by_label("Wie doet het?").select_option("coach")
    page.get_by_role("button", name="Actiepunt toevoegen").click()
    expect(page.get_by_role("table")).to_contain_text("Aanvraag bij het Jeugdfonds Sport & Cultuur")
    expect(page.get_by_role("table")).to_contain_text("gezinscoach")

    page.goto(f"/households/{household.id}/plan")
    expect(page.locator("main")).to_contain_text("Ik wil op voetbal met Daan")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Plan downloaden (pdf)").click()
    download = download_info.value
    assert download.suggested_filename.startswith("gezinsplan-")
    path = tmp_path / "plan.pdf"
    download.save_as(path)
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(path).pages).split())  # table cells wrap
    for expected in ("Ons gezinsplan", "Samira", "Kind1", "Ik wil op voetbal met Daan",
                     "Aanvraag bij het Jeugdfonds Sport & Cultuur"):
        assert expected in text, expected


def test_the_goal_form_follows_the_chosen_member_with_their_own_domains(page, world, household, catalogue):
    page.goto("/login")
    log_in_with_keyboard(page, world.coach.email)
    expect(page).to_have_url(re.compile(r"/start$"))
    page.goto(f"/households/{household.id}/goals/new")
    domain = page.get_by_label("Domein")
    expect(domain.locator("option")).to_contain_text(["Kies een domein", "Veiligheid"])
    page.get_by_label("Van wie is het doel?").select_option(label="Kind0")
    expect(domain.locator("option")).to_have_count(6)  # "choose" and the five Child Bridge domains
    expect(domain.locator("option", has_text="Schulden")).to_have_count(0)
    page.get_by_label("Van wie is het doel?").select_option(label="Samira")
    expect(domain.locator("option", has_text="Schulden")).to_have_count(1)
    expect(domain.locator("option", has_text="Zelfregulatie")).to_have_count(0)

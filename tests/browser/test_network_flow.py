"""In a real browser: a coach adds the debt-help volunteer to the family's network, records the family's consent to
share, starts a warm handover and a debt-help route and moves each a step; the team lead finds the route in the
team's debt-help overview; the administrator reads the security log. Every page in Dutch and in English, each
checked by axe-core."""
import re

import pytest

from tests.browser.helpers import log_in, visit_in_both_languages

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
expect = sync_api.expect


def _id(page, pattern):
    return int(re.search(pattern, page.url).group(1))


def test_a_coach_builds_the_network_and_the_team_lead_sees_the_debt_help(page, world, household):
    hid = household.id
    log_in(page, world.coach)
    page.goto(f"/households/{hid}/network")
    expect(page.get_by_text("Nog niemand in het netwerk vastgelegd.")).to_be_visible()

    page.get_by_role("link", name="Iemand toevoegen").click()
    page.get_by_label("Wie is dit").select_option(label="Schuldhulp")
    page.get_by_label("Naam", exact=True).fill("Mieke de Vries")
    page.get_by_label("Organisatie (optioneel)").fill("SchuldHulpMaatje Rotterdam")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status").first).to_contain_text("Mieke de Vries is toegevoegd aan het netwerk.")
    expect(page.get_by_text("Geen geldende toestemming")).to_be_visible()
    partner_id = _id(page, r"/network/(\d+)$")

    page.get_by_label("Wat gedeeld mag worden").fill("Dat we samen de post en de achterstand bij de huur ordenen")
    page.get_by_label("Wie van het gezin gaf toestemming").fill("Samira")
    page.get_by_role("button", name="Toestemming vastleggen").click()
    expect(page.get_by_role("status").first).to_contain_text("Toestemming vastgelegd")
    expect(page.locator("main")).to_contain_text("Dat we samen de post en de achterstand bij de huur ordenen")

    page.goto(f"/households/{hid}/network")
    page.get_by_role("link", name="Warme overdracht starten").click()
    expect(page.get_by_label("Aan wie")).to_have_value(str(partner_id))  # the only one the family consented to
    page.get_by_label("Wat zij overnemen").fill("Samen met Samira de post ordenen en een betalingsregeling treffen")
    page.get_by_label("Wat je doorgeeft").fill("De achterstand bij de huur, twee maanden")
    page.get_by_role("button", name="Warme overdracht starten").click()
    expect(page.get_by_role("status").first).to_contain_text("Warme overdracht gestart.")
    handover_id = _id(page, r"/handovers/(\d+)$")
    page.get_by_role("combobox", name="Volgende stap").select_option(label="Gezamenlijk gesprek gehouden")
    page.get_by_role("button", name="Stap opslaan").click()
    expect(page.get_by_role("status").first).to_contain_text("Stap vastgelegd.")
    expect(page.locator("ol.history")).to_contain_text("Gezamenlijk gesprek gehouden")

    page.goto(f"/households/{hid}/network")
    page.get_by_role("link", name="Schuldhulptraject starten").click()
    page.get_by_label("Soort schuldhulp").select_option("local_volunteer")
    page.get_by_label("Met wie (optioneel)").select_option(value=str(partner_id))
    page.get_by_role("button", name="Schuldhulptraject starten").click()
    expect(page.get_by_role("status").first).to_contain_text("Schuldhulptraject gestart.")
    debt_id = _id(page, r"/debt-help/(\d+)$")
    page.get_by_role("combobox", name="Volgende stap").select_option(label="Intake")
    page.get_by_role("button", name="Stap opslaan").click()
    expect(page.get_by_role("status").first).to_contain_text("Stap vastgelegd.")

    visit_in_both_languages(page, [
        f"/households/{hid}/network", f"/households/{hid}/network/new", f"/households/{hid}/network/{partner_id}",
        f"/households/{hid}/network/handovers/new", f"/households/{hid}/network/handovers/{handover_id}",
        f"/households/{hid}/debt-help/new", f"/households/{hid}/debt-help/{debt_id}", f"/households/{hid}"])

    page.get_by_role("button", name="Log out").click()
    log_in(page, world.teamlead)
    visit_in_both_languages(page, ["/team/debt-help"])
    overview = page.get_by_role("table")
    expect(overview).to_contain_text("Familie Tulp")
    expect(overview).to_contain_text("Trained local volunteer")
    expect(overview.locator("tfoot")).to_contain_text("2")  # Kind0 and Kind1
    overview.get_by_role("link", name=re.compile("Familie Tulp")).click()
    expect(page).to_have_url(re.compile(rf"/households/{hid}/debt-help/{debt_id}$"))


def test_the_administrator_reads_the_security_log(page, world, household):
    log_in(page, world.admin)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Logboek").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Beveiligingslogboek")
    expect(page.locator("main")).to_contain_text("Anna Coach")  # the accounts the world made
    visit_in_both_languages(page, ["/admin/security-log"])
    expect(page.get_by_role("heading", level=1)).to_have_text("Security log")

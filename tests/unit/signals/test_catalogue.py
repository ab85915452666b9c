"""The checklist of the practice guide (Signaleringslijst kinderarmoede) is all there, in Dutch and English."""
import csv

from sqlalchemy import func, select

from gezinsaanpak.catalogues import load_catalogue
from gezinsaanpak.extensions import db
from gezinsaanpak.signals import operations
from gezinsaanpak.signals.areas import CHECKLIST_FILE, area_of
from gezinsaanpak.signals.models import ChecklistItem

# Exact texts from seed 003, lines 2440-2570.
FROM_THE_SEED = {
    "children.risk.04": "achttiende verjaardag (financiële verantwoordelijkheid)",
    "children.signal.03": "zonder ontbijt, fruit en/of lunch of met ongezonde snacks naar school komen",
    "children.signal.19": "geen andere volwassenen dan de ouders hebben",
    "youth_18plus.signal.04": "achterstand collegegeld en/of hoge lening bij DUO",
    "parents.risk.02": "scheiding, overlijden, langdurige ziekte, detentie",
    "parents.signal.04": "nota’s niet betalen",
    "parents.signal.21": "taken doorschuiven naar hun kind (contact met school, administratieve en opvoedingstaken)",
    "home_visit.signal.01": "altijd de gordijnen dicht",
    "home_visit.signal.07": "ontbrekend, versleten of ontoereikend meubilair (bijvoorbeeld een matras op de grond)",
    "home_visit.signal.12": "kapotte fiets of andere spullen die niet gerepareerd worden",
}
HEADINGS_FROM_THE_SEED = {"Slechte (persoonlijke) verzorging", "Gedrags- en ontwikkelingsproblemen",
                          "Beperkt participeren", "Signalen 18+ers", "Onvoldoende werk of opleiding",
                          "Financiële problemen", "Fysieke of psychische problemen", "Weinig participeren",
                          "Weinig steunende opvoedsituatie", "Signalen bij huisbezoek", "Risicomomenten en situaties"}


def test_every_item_of_the_seed_checklist_is_loaded_in_dutch_and_english(checklist):
    counts = dict(db.session.execute(select(ChecklistItem.group_code, func.count())
                                     .group_by(ChecklistItem.group_code)).all())
    assert counts == {"children": 25, "youth_18plus": 5, "parents": 25, "home_visit": 12}
    for item in checklist.values():
        assert item.text_nl.strip() and item.text_en.strip() and item.text_nl != item.text_en, item.code
        assert item.heading_nl.strip() and item.heading_en.strip(), item.code
    for code, text in FROM_THE_SEED.items():
        assert checklist[code].text_nl == text
    assert {i.heading_nl for i in checklist.values()} == HEADINGS_FROM_THE_SEED
    assert checklist["home_visit.signal.01"].text_en == "curtains always closed"
    assert {i.kind for i in checklist.values() if i.heading_nl == "Risicomomenten en situaties"} == {"risk"}


def test_loading_again_keeps_local_items_and_retirements(checklist, world):
    operations.set_retired(world.admin, checklist["children.signal.10"], True)
    local = operations.add_local_item(world.admin, "home_visit", "signal", "Signalen bij huisbezoek", "",
                                      "geen internet in huis", "no internet at home")
    assert load_catalogue("checklist") == (0, 0)
    assert checklist["children.signal.10"].retired_at is not None
    assert db.session.get(ChecklistItem, local.id).heading_en == "Signals during a home visit"


def test_every_item_points_to_a_life_area_the_plans_catalogue_knows(checklist):
    domains_file = CHECKLIST_FILE.parent.parent.parent / "plans" / "data" / "domains.csv"
    with open(domains_file, newline="", encoding="utf-8") as handle:
        domains = {row["code"] for row in csv.DictReader(handle)}
    assert all(area_of(item) in domains for item in checklist.values())
    assert area_of(checklist["parents.signal.07"]) == "bridge.debts"  # bailiffs at the door


def test_a_local_item_takes_the_life_area_of_its_heading(checklist, world):
    item = operations.add_local_item(world.admin, "parents", "signal", "Financiële problemen", "",
                                     "betalingsregeling bij de energieleverancier",
                                     "payment arrangement with the energy supplier")
    assert item.is_local and item.code.startswith("local.parents.")
    assert area_of(item) == "bridge.debts"

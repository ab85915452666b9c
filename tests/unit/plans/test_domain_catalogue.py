"""The Bridge pillars in the practice guide's own words (seed 003: "familiestabiliteit, welzijn, financiën,
opleiding en werk"), also in a database that loaded an earlier wording."""
from sqlalchemy import select

from gezinsaanpak.catalogues import load_catalogue
from gezinsaanpak.extensions import db
from gezinsaanpak.plans.models import Domain

GUIDE = {  # pillar code: (Dutch as the guide writes it, English)
    "family_stability": ("Familiestabiliteit", "Family stability"),
    "well_being": ("Welzijn", "Well-being"),
    "financial_management": ("Financiën", "Finances"),
    "education_training": ("Opleiding", "Education"),
    "employment_career": ("Werk", "Employment"),
}


def pillars():
    return {(d.pillar_code, d.pillar_nl, d.pillar_en)
            for d in db.session.scalars(select(Domain).where(Domain.scale == "bridge"))}


def test_the_bridge_pillars_are_worded_as_in_the_guide(domains):
    assert pillars() == {(code, nl, en) for code, (nl, en) in GUIDE.items()}


def test_loading_the_catalogue_again_rewords_the_pillars_of_an_existing_database(domains):
    for domain in domains.values():
        if domain.pillar_code == "financial_management":
            domain.pillar_nl, domain.pillar_en = "Financieel beheer", "Financial management"
    db.session.flush()
    added, updated = load_catalogue("domains")
    assert added == 0 and updated == 2  # debts and savings
    assert ("financial_management", "Financiën", "Finances") in pillars()

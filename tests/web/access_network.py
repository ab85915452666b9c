"""Identifiers of the network area, for the access walk in test_access.py."""
from gezinsaanpak.network import operations


def _partner(household, actor):
    return operations.add_partner(actor, household, "school", "Basisschool De Regenboog", relation="Mentor").id


def _handover(household, actor):
    partner = operations.add_partner(actor, household, "debt_counselling", "Schuldhulp Zuid")
    operations.give_consent(actor, household, partner, "De huurachterstand", "Beide ouders")
    return operations.start_handover(actor, household, partner, "Schuldhulp", "Overzicht schulden").id


def _debt_help(household, actor):
    return operations.start_debt_help(actor, household, "local_volunteer").id


FACTORIES = {"partner_id": _partner, "handover_id": _handover, "debt_help_id": _debt_help}

"""A coach, a registered household (Samira, parent; Kind0 and Kind1, children) and the loaded domain catalogue."""
import pytest
from sqlalchemy import select

from gezinsaanpak.catalogues import load_catalogue
from gezinsaanpak.extensions import db
from gezinsaanpak.plans.models import Domain


@pytest.fixture
def domains(ctx):
    load_catalogue("domains")
    return {d.code: d for d in db.session.scalars(select(Domain))}


@pytest.fixture
def people(household):
    return {m.first_name: m for m in household.members}


def steps(domains, **by_code):
    """{domain id: {"value": step}} from keyword arguments such as debts=2 (bridge.debts)."""
    return {domains[f"bridge.{code}"].id: {"value": str(step)} for code, step in by_code.items()}


def colours(domains, **by_code):
    return {domains[f"child.{code}"].id: {"value": colour} for code, colour in by_code.items()}

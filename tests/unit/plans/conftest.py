"""A coach, a registered household (Samira, parent; Kind0 and Kind1, children) and the loaded domain and benchmark
catalogues."""
import pytest
from sqlalchemy import select

from gezinsaanpak.catalogues import load_catalogue
from gezinsaanpak.extensions import db
from gezinsaanpak.plans.models import Domain


@pytest.fixture
def domains(ctx):
    load_catalogue("domains")
    load_catalogue("benchmarks")
    return {d.code: d for d in db.session.scalars(select(Domain))}


@pytest.fixture
def people(household):
    return {m.first_name: m for m in household.members}

"""A coach, a registered household (Samira, parent; Kind0 and Kind1, children) and the loaded checklist."""
import pytest
from sqlalchemy import select

from gezinsaanpak.catalogues import load_catalogue
from gezinsaanpak.extensions import db
from gezinsaanpak.signals.models import ChecklistItem


@pytest.fixture
def checklist(ctx):
    load_catalogue("checklist")
    return {item.code: item for item in db.session.scalars(select(ChecklistItem))}


@pytest.fixture
def people(household):
    return {m.first_name: m for m in household.members}

"""Identifiers of the signals area, for the access walk in test_access.py."""
from sqlalchemy import select

from gezinsaanpak.catalogues import load_catalogue
from gezinsaanpak.extensions import db
from gezinsaanpak.signals import operations
from gezinsaanpak.signals.models import ChecklistItem
from gezinsaanpak.signals.queries import open_signals


def make_signal(household, actor):
    """A household-level home-visit signal, recorded the way a coach does."""
    taken = {item_id for item_id, member_id in open_signals(household) if member_id is None}
    free = (select(ChecklistItem).where(ChecklistItem.group_code == "home_visit", ChecklistItem.retired_at.is_(None),
                                        ChecklistItem.id.not_in(taken)).order_by(ChecklistItem.position))
    item = db.session.scalars(free).first()
    if item is None:  # the catalogue is not loaded yet (or only local items exist, all taken or retired)
        load_catalogue("checklist")
        item = db.session.scalars(free).first()
    signal, = operations.record_signals(actor, household, [operations.Tick(item.id)])
    db.session.flush()
    return signal.id


FACTORIES = {"signal_id": make_signal}

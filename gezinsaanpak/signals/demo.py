"""Demo signals for the demo municipality."""
from sqlalchemy import select

from ..extensions import db
from .models import ChecklistItem, Signal


def add_demo_signals(rng, coach, household, registered):
    items = db.session.scalars(select(ChecklistItem).order_by(ChecklistItem.id)).all()
    for item in rng.sample(items, min(len(items), rng.randint(2, 6))):
        db.session.add(Signal(household_id=household.id, item_id=item.id, observed_on=registered,
                              state=rng.choice(["observed", "discussed", "confirmed"]), recorded_by_id=coach.id))
    db.session.flush()

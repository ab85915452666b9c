"""Demo signals: what a coach ticked at the first home visits, and how it was followed up since."""
from datetime import timedelta

from ..timeutil import today
from .models import GROUPS
from .operations import Tick, change_state, record_signals
from .queries import offered_items
from .rules import fitting_groups, item_fits

NOTES = {
    "home_visit": ["Stapel ongeopende post in de gang", "Koelkast bijna leeg", "Matras in de woonkamer"],
    "parents": ["Vertelde zelf over achterstanden", "Maakt zich veel zorgen", "Weinig mensen om op terug te vallen"],
    "children": ["Juf vertelde dit bij het eerste gesprek", "Wil graag op voetbal", "Zit vaak alleen op het plein"],
    "youth_18plus": ["Werkt naast de opleiding", "Twijfelt of hij de studie afmaakt"],
}


def add_demo_signals(rng, coach, household, registered):
    """Signals at the first visit after registration, some discussed or confirmed later, a few set aside."""
    observed = min(registered + timedelta(days=rng.randint(0, 10)), today())
    items = offered_items()
    ticks = []
    subjects = [None] + [m for m in household.members if m.left_on is None]
    for member in subjects:
        groups = set(fitting_groups(member, household, observed, GROUPS))
        fitting = [item for item in items if item.group_code in groups and item.kind == "signal"
                   and (member is None or item_fits(item, member, observed))]
        for item in rng.sample(fitting, min(len(fitting), rng.randint(0 if member else 1, 3 if member else 2))):
            note = rng.choice(NOTES[item.group_code]) if rng.random() < 0.3 else None
            ticks.append(Tick(item.id, member.id if member else None, note))
    if not ticks:
        return
    signals = record_signals(coach, household, ticks, observed)
    for signal in signals:
        days_since = (today() - observed).days
        if days_since < 7:
            continue
        roll = rng.random()
        later = observed + timedelta(days=rng.randint(7, min(days_since, 60)))
        if roll < 0.5:
            change_state(coach, household, signal, "discussed", later)
            if rng.random() < 0.5:
                change_state(coach, household, signal, "confirmed", min(later + timedelta(days=14), today()))
        elif roll < 0.6:
            change_state(coach, household, signal, "not_applicable", later,
                         note="Na het gesprek: dit heeft een andere oorzaak.")

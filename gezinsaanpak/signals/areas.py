"""Life areas of the checklist items, so the plans area can see where goals may be needed, and the age from
which a children's item applies.

An area is a domain code of the plans catalogue (gezinsaanpak/plans/data/domains.csv): a Bridge
sub-domain for adults (bridge.debts), a Child Bridge domain for children (child.social_emotional) or a
family theme (family.basic_needs). Shipped items carry their area in the `area` column of the checklist
file; an administrator's local item takes the most common area of its heading, else its group's.

The checklist's first group is "children and young people" (kinderen en jongeren): some of its items are
about young people only (alcohol or drugs, the eighteenth birthday, moving out, leaving school early), others
about school-age children. The `min_age` column holds the age from which an item is offered, after the age
groups the seeds use: 0-4, primary school from 4, secondary school from 12, young people "almost 18" from 16.
Empty means every age; an administrator's local item fits every age of its group.
"""
import csv
from collections import Counter
from functools import lru_cache
from pathlib import Path

CHECKLIST_FILE = Path(__file__).resolve().parent / "data" / "checklist.csv"
GROUP_AREAS = {
    "children": "child.developmental_health",
    "youth_18plus": "bridge.education",
    "parents": "bridge.health",
    "home_visit": "family.basic_needs",
}


@lru_cache(maxsize=1)
def _shipped():
    """(area by item code, most common area by (group, English heading)), read once from the data file."""
    with open(CHECKLIST_FILE, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    by_code = {row["code"]: row["area"] for row in rows}
    per_heading: dict[tuple, Counter] = {}
    for row in rows:
        per_heading.setdefault((row["group"], row["heading_en"].strip().lower()), Counter())[row["area"]] += 1
    by_heading = {key: counts.most_common(1)[0][0] for key, counts in per_heading.items()}
    return by_code, by_heading, {row["code"]: int(row["min_age"]) for row in rows if row.get("min_age")}


def area_of(item) -> str:
    """The life area (a plans domain code) an item points to."""
    by_code, by_heading, _ages = _shipped()
    if item.code in by_code:
        return by_code[item.code]
    heading = by_heading.get((item.group_code, (item.heading_en or "").strip().lower()))
    return heading or GROUP_AREAS[item.group_code]


def min_age_of(item) -> int:
    """The age from which an item is offered for a member (0: every age)."""
    return _shipped()[2].get(item.code, 0)

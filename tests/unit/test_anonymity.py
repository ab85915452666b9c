"""Generalise, then suppress: every published row stands for at least k households, and every record is counted
once at most, so nothing rare can be found by subtracting one row from another."""
from hypothesis import given, settings
from hypothesis import strategies as st

from gezinsaanpak.reports.anonymity import ANY, Record, anonymise, hidden, steps

LEVELS = steps({"team": lambda f: f["team"], "month": lambda f: f["month"]},
               {"month": lambda f: f["month"][:4]}, {"team": hidden}, {"month": hidden})

records = st.lists(st.builds(lambda household, team, month: Record(household, {"team": team, "month": month},
                                                                     {"things": 1}),
                             st.integers(0, 40), st.sampled_from("ABC"),
                             st.sampled_from(["2025-Q1", "2025-Q3", "2026-Q2", "2026-Q4"])), max_size=120)


@settings(max_examples=200, deadline=None)
@given(records)
def test_every_row_holds_five_households_and_nothing_is_counted_twice(found):
    published = anonymise(found, LEVELS, 5, ("things",))
    assert all(row["households"] >= 5 for row in published.rows)
    assert sum(row["things"] for row in published.rows) + published.suppressed_records == len(found)
    keys = [(row["team"], row["month"]) for row in published.rows]
    assert len(keys) == len(set(keys))


def test_a_group_is_shown_at_the_finest_level_that_holds_five_households():
    found = [Record(n, {"team": "A", "month": "2026-Q1"}) for n in range(5)]
    found += [Record(n, {"team": "A", "month": "2026-Q2"}) for n in range(10, 13)]
    found += [Record(n, {"team": "B", "month": "2026-Q3"}) for n in range(20, 22)]
    published = anonymise(found, LEVELS, 5)
    assert published.rows == [{"team": ANY, "month": "2026", "households": 5},
                              {"team": "A", "month": "2026-Q1", "households": 5}]
    assert published.k == 5 and published.suppressed_records == 0


def test_what_stays_rare_is_left_out_and_counted():
    published = anonymise([Record(1, {"team": "A", "month": "2026-Q1"}),
                           Record(1, {"team": "A", "month": "2026-Q2"})], LEVELS, 5)
    assert published.rows == [] and published.k is None
    assert (published.suppressed_records, published.suppressed_households) == (2, 1)

"""Erasure works for every shape a household can have: whatever a coach recorded, with whatever text, after
erasing it none of that text is left in any column of any table.

Households are built through the operations, in random shapes: contact tracks and registered families, with or
without contacts, signals, assessments, goals with action points and if-then plans, referrals to funds and to
local organisations, panic budget spending, the network (partners, consent and its withdrawal, warm
handovers, debt help), wishes, strengths, a family plan, check-ins, co-workers, hand-overs, support extensions and
the change history of goals and referrals. Every typed value starts with a tag of its own; the check reads every
row of every table with plain SQL and looks for the tags. (A neighbourhood of the administrator's list stays, as a
category for the reach report; one that a coach typed before the list existed goes.)
"""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import inspect, select, text

from gezinsaanpak import privacy
from gezinsaanpak.catalogues import load_all
from gezinsaanpak.extensions import db
from gezinsaanpak.plans.models import Domain
from tests.factories import EVERY_KIND_OF_RECORD, build_household_of_shape

SHAPES = settings(max_examples=40, deadline=None, database=None,
                  suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

words = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12)
few = st.integers(min_value=0, max_value=2)
shapes = st.fixed_dictionaries({
    "registered": st.booleans(), "hash_pseudonym": st.booleans(), "contacts": few, "check_ins": few,
    "signals": few, "assessment": st.booleans(), "goals": st.lists(st.tuples(few, few, st.booleans()), max_size=2),
    "referrals": st.lists(st.sampled_from(["fund", "organisation"]), max_size=3),
    "edit_referrals": st.booleans(), "panic": st.booleans(), "wish": st.booleans(), "family_plan": st.booleans(),
    "worker": st.booleans(), "hand_over": st.booleans(), "stages": st.booleans(), "network": st.booleans(),
    "words": words, "typed_neighbourhood": st.booleans(), "extension": st.booleans(), "strength": st.booleans(),
    "closing_request": st.booleans(),
})


def tables_holding(tags: list[str]) -> dict[str, set[str]]:
    """Every tag found anywhere in the database, with the tables it was found in: every row of every table."""
    found = {}
    for table in inspect(db.engine).get_table_names():
        for row in db.session.execute(text(f'SELECT * FROM "{table}"')):
            for value in row:
                if isinstance(value, bytes):
                    value = value.decode("utf-8", "replace")
                if isinstance(value, str):
                    for tag in tags:
                        if tag in value:
                            found.setdefault(tag, set()).add(table)
    return found


def test_the_shapes_reach_every_household_table(ctx, world):
    """The random shapes together cover every table that holds a household's data (so the property below
    speaks for all of them); a table added later fails here until the builder fills it."""
    load_all()
    household, _ = build_household_of_shape(world, EVERY_KIND_OF_RECORD)
    empty = [name for name, rows in privacy._rows_by_table(household.id).items() if not rows]
    assert not empty


@SHAPES
@given(shape=shapes)
def test_erasure_leaves_no_typed_text_anywhere(ctx, world, shape):
    if db.session.scalar(select(Domain.id).limit(1)) is None:
        load_all()
    household, tags = build_household_of_shape(world, shape)
    assert set(tables_holding(tags)) == set(tags)  # the check finds what was typed before erasing

    privacy.erase_on_request(world.teamlead, household, household.pseudonym)
    db.session.commit()

    assert tables_holding(tags) == {}
    assert household.is_anonymised and household.stage == "closed"

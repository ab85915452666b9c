"""The panic budget's rules in the operation itself: from the first contact, never for a closed household."""
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from gezinsaanpak.cases import operations as cases
from gezinsaanpak.errors import InvalidInput
from gezinsaanpak.extensions import db
from gezinsaanpak.referrals import panic
from gezinsaanpak.referrals.panic import PanicSpending
from tests.factories import make_household
from tests.helpers import TODAY


def spent_in(household):
    return db.session.scalar(select(func.count(PanicSpending.id)).where(PanicSpending.household_id == household.id))


@pytest.fixture
def budget(ctx, world):
    return panic.set_limit(None, TODAY.year, world.team_a.id, 10000)


def test_a_family_in_trust_building_can_be_helped_from_the_panic_budget(world, budget):
    household = make_household(world.coach, registered=False)
    panic.record_spending(world.coach, household, TODAY, 2500, "Boodschappen voor het weekend")
    assert spent_in(household) == 1 and panic.remaining(world.team_a.id, world.coach.id, TODAY.year)[
        "team_left"] == 7500


def test_the_operation_refuses_a_closed_household(world, household, budget):
    cases.move_stage(world.coach, household, "closed", reason="moved_away")
    with pytest.raises(InvalidInput, match="afgesloten"):
        panic.record_spending(world.coach, household, TODAY, 2000, "Boodschappen")
    assert spent_in(household) == 0


def test_spending_cannot_be_dated_before_the_first_contact(world, household, budget):
    with pytest.raises(InvalidInput, match="eerste contact") as error:
        panic.record_spending(world.coach, household, household.opened_on - timedelta(days=1), 2000, "Boodschappen")
    assert error.value.field == "spent_on"
    assert spent_in(household) == 0

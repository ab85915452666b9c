"""The access policy, role by role, without HTTP."""
import pytest

from gezinsaanpak.auth.permissions import can_hand_over, can_view_household
from gezinsaanpak.cases import operations as cases
from gezinsaanpak.extensions import db

# role in the World -> may they see the household that world.coach coordinates?
EXPECTED_VIEW = {
    "coach": True,
    "colleague": False,
    "other_coach": False,
    "teamlead": True,
    "other_teamlead": False,
    "admin": False,
}


@pytest.mark.parametrize("role, allowed", EXPECTED_VIEW.items())
def test_who_sees_a_household(world, household, role, allowed):
    assert can_view_household(world.by_role(role), household) is allowed


def test_a_co_worker_sees_the_household(world, household):
    cases.add_worker(world.coach, household, world.colleague)
    db.session.flush()
    assert can_view_household(world.colleague, household)
    assert not can_hand_over(world.colleague, household)


def test_a_disabled_account_sees_nothing(world, household):
    world.coach.active = False
    assert not can_view_household(world.coach, household)


def test_the_administrator_cannot_see_family_data(world, household):
    assert not can_view_household(world.admin, household)
    assert not can_hand_over(world.admin, household)

"""Who works on a family's file is for its coordinator or the team lead to decide, not for a co-worker."""
import pytest

from gezinsaanpak.auth.operations import create_user
from gezinsaanpak.auth.permissions import can_manage_workers
from gezinsaanpak.cases import operations as cases
from gezinsaanpak.errors import PermissionDenied
from tests.factories import PASSWORD


@pytest.fixture
def third_coach(world):
    return create_user(None, "derde@example.nl", "Gert Derde", "coach", PASSWORD, world.team_a)


def test_a_co_worker_cannot_add_or_remove_colleagues(world, household, third_coach):
    cases.add_worker(world.coach, household, world.colleague)
    with pytest.raises(PermissionDenied):
        cases.add_worker(world.colleague, household, third_coach)
    cases.add_worker(world.coach, household, third_coach)
    with pytest.raises(PermissionDenied):
        cases.remove_worker(world.colleague, household, third_coach.id)
    assert sorted(w.user_id for w in household.workers) == sorted([world.colleague.id, third_coach.id])


def test_the_coordinator_and_the_team_lead_add_and_remove_co_workers(world, household, third_coach):
    cases.add_worker(world.coach, household, world.colleague)
    cases.add_worker(world.teamlead, household, third_coach)
    cases.remove_worker(world.teamlead, household, world.colleague.id)
    cases.remove_worker(world.coach, household, third_coach.id)
    assert household.workers == []


def test_the_policy_names_who_manages_co_workers(world, household):
    cases.add_worker(world.coach, household, world.colleague)
    allowed = {who: can_manage_workers(world.by_role(who), household)
               for who in ("coach", "colleague", "teamlead", "other_teamlead", "other_coach", "admin")}
    assert allowed == {"coach": True, "colleague": False, "teamlead": True, "other_teamlead": False,
                       "other_coach": False, "admin": False}

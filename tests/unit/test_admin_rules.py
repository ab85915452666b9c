"""Rules an administrator meets, held by the operations themselves (not only by the forms)."""
import pytest

from gezinsaanpak.errors import InvalidInput, PermissionDenied
from gezinsaanpak.referrals import panic
from gezinsaanpak.reports.models import ReachTarget
from gezinsaanpak.reports.operations import save_reach_target


def test_a_coach_limit_belongs_to_the_coach_s_own_team(world):
    with pytest.raises(InvalidInput) as refused:
        panic.set_limit(world.admin, 2026, world.team_b.id, 10000, coach_id=world.coach.id)
    assert refused.value.field == "coach_id"
    budget = panic.set_limit(world.admin, 2026, world.team_a.id, 10000, coach_id=world.coach.id)
    assert (budget.team_id, budget.coach_id, budget.limit_cents) == (world.team_a.id, world.coach.id, 10000)


def test_only_an_administrator_sets_limits_and_target_groups(world):
    with pytest.raises(PermissionDenied):
        panic.set_limit(world.teamlead, 2026, world.team_a.id, 10000)
    with pytest.raises(PermissionDenied):
        save_reach_target(world.teamlead, 2026, "working", "", 40)


def test_saving_a_target_group_again_updates_it(world):
    save_reach_target(world.admin, 2026, "social_assistance", " Charlois ", 120)
    target = save_reach_target(world.admin, 2026, "social_assistance", "Charlois", 130)
    assert (target.neighbourhood, target.children) == ("Charlois", 130)
    assert ReachTarget.query.filter_by(year=2026).count() == 1

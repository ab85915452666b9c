"""Rules an administrator meets, held by the operations themselves (not only by the forms)."""
import pytest

from gezinsaanpak.errors import InvalidInput, PermissionDenied
from gezinsaanpak.referrals import panic
from gezinsaanpak.reports.models import TargetGroup
from gezinsaanpak.reports.operations import save_target_group
from gezinsaanpak.reports.reach import Scope
from tests.factories import neighbourhood


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
        save_target_group(world.teamlead, 2026, "working", Scope(), 40)


def test_saving_a_target_group_again_updates_it(world):
    carnisse = Scope(neighbourhood_id=neighbourhood("Carnisse", district="Charlois").id)
    save_target_group(world.admin, 2026, "social_assistance", carnisse, 120)
    target = save_target_group(world.admin, 2026, "social_assistance", carnisse, 130)
    save_target_group(world.admin, 2026, "social_assistance", Scope(district="Charlois"), 300)
    save_target_group(world.admin, 2026, "social_assistance", Scope(), 900)
    assert (target.neighbourhood.name, target.children) == ("Carnisse", 130)
    assert sorted(t.children for t in TargetGroup.query.filter_by(year=2026)) == [130, 300, 900]

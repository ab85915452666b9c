"""Strengths and protective factors in the plan: of a member or of the family, never of another family."""
import pytest

from gezinsaanpak.cases import operations as cases
from gezinsaanpak.errors import InvalidInput
from gezinsaanpak.plans import operations as plans
from gezinsaanpak.plans.queries import plan_view
from tests.factories import make_household


def test_strengths_of_a_member_and_protective_factors_of_the_family_are_in_the_plan(world, household, people):
    plans.add_strength(world.coach, household, people["Samira"], "strength", "Houdt het huishoudboekje bij")
    plans.add_strength(world.coach, household, None, "protective_factor", "Oma past twee middagen per week op")
    plan = plan_view(household)
    samira = next(row for row in plan.members if row.member.first_name == "Samira")
    assert [(s.kind, s.text) for s in samira.strengths] == [("strength", "Houdt het huishoudboekje bij")]
    assert [(s.kind, s.text) for s in plan.family_strengths] == [
        ("protective_factor", "Oma past twee middagen per week op")]


def test_an_empty_text_a_wrong_kind_or_another_familys_member_is_refused(world, household, people):
    with pytest.raises(InvalidInput, match="Schrijf op waar het gezin op kan bouwen") as empty:
        plans.add_strength(world.coach, household, None, "strength", "   ")
    assert empty.value.field == "text"
    with pytest.raises(InvalidInput, match="Kies een kracht of een beschermende factor"):
        plans.add_strength(world.coach, household, None, "risk", "Schulden")
    other = make_household(world.coach, pseudonym="Familie Iris")
    with pytest.raises(InvalidInput, match="hoort niet bij dit huishouden"):
        plans.add_strength(world.coach, household, other.members[0], "strength", "Sportief")
    assert plan_view(household).family_strengths == []


def test_a_closed_household_takes_no_new_strengths_and_a_mistake_can_be_removed(world, household, people):
    mistake = plans.add_strength(world.coach, household, people["Kind0"], "strength", "Verkeerde naam")
    plans.remove_strength(world.coach, household, mistake)
    assert plan_view(household).members[1].strengths == []
    cases.move_stage(world.coach, household, "closed", reason="moved_away")
    with pytest.raises(InvalidInput, match="afgesloten"):
        plans.add_strength(world.coach, household, None, "strength", "Veerkrachtig")

"""An action point names who carries it: a member, the coach, someone else by name, or someone from the household's
network, who the plan then shows as such (a volunteer, an experience expert)."""
from datetime import timedelta

import pytest

from gezinsaanpak.errors import InvalidInput
from gezinsaanpak.network import operations as network
from gezinsaanpak.plans import operations as plans
from gezinsaanpak.plans.labels import carried_by
from tests.factories import make_household
from tests.helpers import TODAY

SOON = TODAY + timedelta(days=60)


@pytest.fixture
def goal(world, household, people, domains):
    return plans.set_goal(world.coach, household, people["Samira"], domains["bridge.debts"],
                          "Binnen drie maanden alle post geopend en gesorteerd.", SOON)


def partner(world, household, kind, name, **extra):
    return network.add_partner(world.coach, household, kind, name, on=TODAY - timedelta(days=10), **extra)


def test_an_experience_expert_from_the_network_carries_an_action_point(world, household, goal):
    fatima = partner(world, household, "experience_expert", "Fatima")
    action = plans.add_action(world.coach, household, goal, "Samen de post openen", None, partner=fatima)
    assert action.partner == fatima and action.who == "Fatima"
    assert carried_by(action) == "Fatima (ervaringswerker)"
    piet = partner(world, household, "volunteer", "Piet")
    assert carried_by(plans.add_action(world.coach, household, goal, "Formulieren invullen", None,
                                       partner=piet)) == "Piet (vrijwilliger)"
    school = partner(world, household, "school", "Mevrouw Jansen", organisation="De Klimop")
    assert carried_by(plans.add_action(world.coach, household, goal, "Gesprek op school", None,
                                       partner=school)) == "Mevrouw Jansen (De Klimop)"


def test_a_name_stays_the_fallback_for_someone_else(world, household, goal):
    action = plans.add_action(world.coach, household, goal, "Boodschappen", "buurvrouw Els")
    assert action.partner is None and carried_by(action) == "buurvrouw Els"
    with pytest.raises(InvalidInput) as error:
        plans.add_action(world.coach, household, goal, "Boodschappen", "  ")
    assert error.value.field == "who"


def test_a_partner_of_another_household_is_refused_beside_the_field(world, household, goal):
    other = make_household(world.coach, pseudonym="Familie Roos")
    stranger = partner(world, other, "volunteer", "Kees")
    with pytest.raises(InvalidInput, match="niet in het netwerk") as error:
        plans.add_action(world.coach, household, goal, "Samen de post openen", None, partner=stranger)
    assert error.value.field == "carrier" and not goal.actions


def test_a_partner_no_longer_involved_stays_on_their_action_points_but_takes_no_new_one(world, household, goal):
    fatima = partner(world, household, "experience_expert", "Fatima")
    action = plans.add_action(world.coach, household, goal, "Samen de post openen", None, partner=fatima)
    network.end_partner(world.coach, household, fatima)
    assert carried_by(action) == "Fatima (ervaringswerker)"
    with pytest.raises(InvalidInput, match="niet meer betrokken") as error:
        plans.add_action(world.coach, household, goal, "Nog een keer", None, partner=fatima)
    assert error.value.field == "carrier"

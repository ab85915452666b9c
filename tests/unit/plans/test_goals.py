"""Goals within the support period, for a member or the family, with actions, if-then plans and reviews."""
from datetime import date, timedelta

import pytest

from gezinsaanpak.cases import operations as cases
from gezinsaanpak.cases.support import support_ends_on
from gezinsaanpak.errors import EditConflict, InvalidInput, PermissionDenied
from gezinsaanpak.plans import operations as plans
from gezinsaanpak.plans.models import if_clause, then_clause
from gezinsaanpak.timeutil import add_months
from tests.factories import make_household
from tests.helpers import TODAY

SOON = TODAY + timedelta(days=60)


def test_the_support_period_ends_18_months_after_the_first_contact(world):
    household = make_household(world.coach, registered_on=date(2025, 9, 30))  # first met on 31 August
    assert support_ends_on(household) == date(2027, 2, 28)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)


def test_a_parent_sets_a_goal_on_a_bridge_domain(world, household, people, domains):
    goal = plans.set_goal(world.coach, household, people["Samira"], domains["bridge.debts"],
                          "Binnen drie maanden een betalingsregeling met de energieleverancier.", SOON,
                          dream="Weer rustig slapen")
    assert goal.status == "active" and goal.member_id == people["Samira"].id and goal.dream == "Weer rustig slapen"


def test_a_target_beyond_the_support_period_is_refused_with_its_end_date(world, household, people, domains):
    ends = support_ends_on(household)
    with pytest.raises(InvalidInput, match="ondersteuningsperiode eindigt") as error:
        plans.set_goal(world.coach, household, people["Samira"], domains["bridge.debts"], "Schuldenvrij",
                       ends + timedelta(days=1))
    assert error.value.field == "target_on"
    assert plans.set_goal(world.coach, household, people["Samira"], domains["bridge.debts"], "Schuldenvrij", ends)


def test_a_target_in_the_past_is_refused_for_a_new_goal_but_kept_when_editing(world, household, people, domains):
    with pytest.raises(InvalidInput, match="verleden"):
        plans.set_goal(world.coach, household, people["Samira"], domains["bridge.debts"], "Schuldenvrij",
                       TODAY - timedelta(days=1))
    goal = plans.set_goal(world.coach, household, people["Samira"], domains["bridge.debts"], "Schuldenvrij", SOON)
    goal.target_on = TODAY - timedelta(days=3)  # the target passed while working on it
    plans.update_goal(world.coach, household, goal, domains["bridge.debts"], "Schulden in beeld", goal.target_on)
    assert goal.description == "Schulden in beeld"


def test_a_childs_goal_holds_the_childs_own_words(world, household, people, domains):
    with pytest.raises(InvalidInput, match="Schrijf op wat Kind1 wil") as error:
        plans.set_goal(world.coach, household, people["Kind1"], domains["child.social_emotional"],
                       "Voor de zomer elke week naar voetbal", SOON)
    assert error.value.field == "own_words"
    goal = plans.set_goal(world.coach, household, people["Kind1"], domains["child.social_emotional"],
                          "Voor de zomer elke week naar voetbal", SOON, own_words="Ik wil op voetbal met Daan")
    assert goal.own_words == "Ik wil op voetbal met Daan"


def test_a_child_not_asked_to_protect_them_gets_a_goal_with_that_reason(world, household, people, domains):
    """The guide leaves asking the child to the situation and the age: not asking is recorded, not refused."""
    with pytest.raises(InvalidInput, match="of kies waarom niet"):
        plans.set_goal(world.coach, household, people["Kind1"], domains["child.social_emotional"],
                       "Een veilige plek om huiswerk te maken", SOON)
    goal = plans.set_goal(world.coach, household, people["Kind1"], domains["child.social_emotional"],
                          "Een veilige plek om huiswerk te maken", SOON, own_words_skipped="protect_child")
    assert (goal.own_words, goal.own_words_skipped) == (None, "protect_child")
    plans.update_goal(world.coach, household, goal, domains["child.social_emotional"], goal.description, SOON,
                      own_words="Ik wil een eigen bureau")  # asked later after all: the child's words replace it
    assert (goal.own_words, goal.own_words_skipped) == ("Ik wil een eigen bureau", None)
    with pytest.raises(InvalidInput, match="Kies waarom") as unknown:
        plans.set_goal(world.coach, household, people["Kind1"], domains["child.social_emotional"], "Zwemles", SOON,
                       own_words_skipped="busy")
    assert unknown.value.field == "own_words_skipped"
    adult = plans.set_goal(world.coach, household, people["Samira"], domains["bridge.debts"], "Schulden in beeld",
                           SOON, own_words_skipped="too_young")  # left in the form from a child: not kept
    assert adult.own_words_skipped is None


def test_a_toddler_needs_no_own_words(world, household, domains):
    toddler = cases.add_member(world.coach, household, "Mila", "child", TODAY - timedelta(days=400))
    assert plans.set_goal(world.coach, household, toddler, domains["child.developmental_health"],
                          "Voor het eind van de maand bij het consultatiebureau geweest", SOON)


@pytest.mark.parametrize("who, code", [("Samira", "child.social_emotional"), ("Kind0", "bridge.debts"),
                                       (None, "bridge.housing"), ("Samira", "family.safety")])
def test_the_domain_must_fit_whose_goal_it_is(world, household, people, domains, who, code):
    with pytest.raises(InvalidInput, match="domein past niet"):
        plans.set_goal(world.coach, household, people.get(who), domains[code], "Een doel", SOON, own_words="Ja")


def test_a_family_goal_sits_on_a_family_theme(world, household, domains):
    goal = plans.set_goal(world.coach, household, None, domains["family.routine_structure"],
                          "Vijf avonden per week samen eten", SOON, dream="Rust en gezelligheid")
    assert goal.member_id is None


def test_actions_and_if_then_plans(world, household, people, domains):
    goal = plans.set_goal(world.coach, household, people["Samira"], domains["bridge.debts"], "Schulden in beeld", SOON)
    with pytest.raises(InvalidInput, match="wie het doet"):
        plans.add_action(world.coach, household, goal, "Post sorteren", "  ")
    action = plans.add_action(world.coach, household, goal, "Post sorteren", "Samira en coach",
                              TODAY + timedelta(days=7), "Samen aan tafel")
    plans.set_action_done(world.coach, household, action, True)
    assert action.done_on == TODAY
    plans.set_action_done(world.coach, household, action, False)
    assert action.done_on is None
    with pytest.raises(InvalidInput, match="als-dan-plan"):
        plans.add_obstacle(world.coach, household, goal, "Als er een aanmaning komt", "")
    plans.add_obstacle(world.coach, household, goal, "Als er een aanmaning komt", "dan bel ik de coach")
    plans.remove_action(world.coach, household, action)
    assert [o.if_then_plan for o in goal.obstacles] == ["bel ik de coach"] and goal.actions == []


def test_a_review_sets_the_status_and_the_next_review(world, household, people, domains):
    goal = plans.set_goal(world.coach, household, people["Samira"], domains["bridge.debts"], "Schulden in beeld", SOON)
    plans.review_goal(world.coach, household, goal, TODAY, "adjusted", "Eerst de huur", SOON)
    assert goal.status == "adjusted" and goal.next_review_on == SOON
    with pytest.raises(InvalidInput, match="geen volgende evaluatie"):
        plans.review_goal(world.coach, household, goal, TODAY, "achieved", None, SOON)
    plans.review_goal(world.coach, household, goal, TODAY, "achieved")
    assert goal.status == "achieved" and goal.next_review_on is None
    assert [r.status for r in goal.reviews] == ["adjusted", "achieved"]


@pytest.mark.parametrize("on, status, next_on, message", [
    (TODAY + timedelta(days=1), "active", None, "niet in de toekomst"),
    (TODAY - timedelta(days=5), "active", None, "vóór het stellen van het doel"),
    (TODAY, "finished", None, "status"),
    (TODAY, "active", TODAY, "volgende evaluatie komt na deze"),
])
def test_a_wrong_review_is_refused(world, household, people, domains, on, status, next_on, message):
    goal = plans.set_goal(world.coach, household, people["Samira"], domains["bridge.debts"], "Schulden in beeld", SOON)
    with pytest.raises(InvalidInput, match=message):
        plans.review_goal(world.coach, household, goal, on, status, None, next_on)
    assert goal.status == "active" and goal.reviews == []


def test_nothing_is_added_to_the_plan_of_a_closed_household(world, household, people, domains):
    cases.move_stage(world.coach, household, "closed", reason="moved_away")
    with pytest.raises(InvalidInput, match="afgesloten"):
        plans.set_goal(world.coach, household, people["Samira"], domains["bridge.debts"], "Schulden", SOON)


def test_a_coach_of_another_team_cannot_set_goals(world, household, people, domains):
    with pytest.raises(PermissionDenied):
        plans.set_goal(world.other_coach, household, people["Samira"], domains["bridge.debts"], "Schulden", SOON)


def test_wishes_and_the_family_dream(world, household, people):
    plans.set_wish(world.coach, household, people["Kind0"], "Ik wil op zwemles", version=0)
    plans.set_wish(world.coach, household, people["Kind0"], "Ik wil op zwemles en op gitaarles", version=1)
    assert plans.wish_of(people["Kind0"]).words == "Ik wil op zwemles en op gitaarles"
    with pytest.raises(EditConflict):  # written on a copy from before the last save
        plans.set_wish(world.coach, household, people["Kind0"], "Ik wil op zwemles", version=1)
    assert plans.set_wish(world.coach, household, people["Kind0"], " ", version=2) is None
    assert plans.wish_of(people["Kind0"]) is None
    plan = plans.update_family_plan(world.coach, household, "Samen een dagje naar zee", SOON, "10:00, thuis",
                                    version=0)
    assert plans.family_plan_of(household) is plan and plan.next_meeting_note == "10:00, thuis"


@pytest.mark.parametrize("typed, clause", [
    ("Als de brief van de Belastingdienst komt", "de brief van de Belastingdienst komt"),
    ("als de brief komt, dan", "de brief komt"),
    ("If the letter comes …", "the letter comes"),
    ("Wanneer de verhuurder niet terugbelt ...", "de verhuurder niet terugbelt"),
    ("Alsjeblieft geen post meer", "Alsjeblieft geen post meer"),
    ("de buurvrouw van Sudan", "de buurvrouw van Sudan"),
])
def test_the_if_of_an_if_then_plan_is_printed_once(typed, clause):
    assert if_clause(typed) == clause


@pytest.mark.parametrize("typed, clause", [
    ("dan bel ik de gezinscoach", "bel ik de gezinscoach"),
    ("… dan, bel ik", "bel ik"),
    ("…then I call", "I call"),
    ("dansen we even", "dansen we even"),
])
def test_the_then_of_an_if_then_plan_is_printed_once(typed, clause):
    assert then_clause(typed) == clause


def test_an_if_then_plan_is_saved_without_the_words_the_page_prints(world, household, people, domains):
    goal = plans.set_goal(world.coach, household, people["Samira"], domains["bridge.debts"], "Schulden in beeld", SOON)
    item = plans.add_obstacle(world.coach, household, goal, "Als er een aanmaning komt, dan", "dan bel ik de coach")
    assert (item.obstacle, item.if_then_plan) == ("er een aanmaning komt", "bel ik de coach")
    with pytest.raises(InvalidInput, match="Beschrijf wat in de weg kan zitten"):
        plans.add_obstacle(world.coach, household, goal, "Als", "dan bel ik")

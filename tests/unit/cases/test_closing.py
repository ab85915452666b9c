"""Closing as the guide describes (003 lines 922-931): "goals reached" only when the goals are, and not before it
is written down who the family can turn to and how the line stays open."""
from datetime import timedelta

import pytest
from sqlalchemy import select

from gezinsaanpak.cases import operations as cases
from gezinsaanpak.catalogues import load_catalogue
from gezinsaanpak.errors import InvalidInput
from gezinsaanpak.extensions import db
from gezinsaanpak.plans import operations as plans
from gezinsaanpak.plans.models import Domain
from tests.helpers import TODAY

TURN_TO = "Buurvrouw Ans en de inloop in het buurthuis"
AFTERCARE = "Over drie maanden bel ik om te horen hoe het gaat"


@pytest.fixture
def goal(world, household):
    load_catalogue("domains")
    theme = db.session.scalar(select(Domain).where(Domain.code == "family.basic_needs"))
    return plans.set_goal(world.coach, household, None, theme, "Iedereen een eigen bed",
                          TODAY + timedelta(days=30))


def close(world, household, reason="goals_reached", **agreed):
    return cases.move_stage(world.coach, household, "closed", reason=reason, **agreed)


def test_goals_reached_is_refused_while_a_goal_is_open(world, household, goal):
    with pytest.raises(InvalidInput, match="1 doel staat nog open") as refused:
        close(world, household, turn_to=TURN_TO, aftercare=AFTERCARE)
    assert refused.value.field == "reason" and not household.is_closed


def test_goals_reached_needs_a_goal_that_was_reached(world, household):
    with pytest.raises(InvalidInput, match="Geen enkel doel van het plan is bereikt"):
        close(world, household, turn_to=TURN_TO, aftercare=AFTERCARE)


def test_closing_with_the_goals_reached_records_who_to_turn_to_and_the_aftercare(world, household, goal):
    plans.review_goal(world.coach, household, goal, TODAY, "achieved")
    with pytest.raises(InvalidInput, match="bij wie het gezin voortaan terecht kan") as no_network:
        close(world, household, aftercare=AFTERCARE)
    assert no_network.value.field == "turn_to"
    with pytest.raises(InvalidInput, match="hoe het lijntje open blijft") as no_aftercare:
        close(world, household, turn_to=TURN_TO, aftercare="  ")
    assert no_aftercare.value.field == "aftercare" and not household.is_closed
    transition = close(world, household, turn_to=TURN_TO, aftercare=AFTERCARE)
    assert household.is_closed and (transition.turn_to, transition.aftercare) == (TURN_TO, AFTERCARE)


def test_a_family_that_moved_away_closes_without_them(world, household, goal):
    transition = close(world, household, reason="moved_away")
    assert household.close_reason == "moved_away" and transition.turn_to is None

"""One household, one coordinator: the invariant holds in the operations and in the database."""
import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from gezinsaanpak.cases import operations as cases
from gezinsaanpak.cases.models import CoordinatorAssignment
from gezinsaanpak.errors import InvalidInput, PermissionDenied
from gezinsaanpak.extensions import db
from tests.factories import make_household


def open_assignments(household):
    return db.session.scalars(select(CoordinatorAssignment).where(
        CoordinatorAssignment.household_id == household.id, CoordinatorAssignment.ended_at.is_(None))).all()


def test_the_registering_coach_coordinates(world, household):
    assert household.coordinator_id == world.coach.id
    assert [a.coach_id for a in open_assignments(household)] == [world.coach.id]


def test_handover_moves_coordination_and_keeps_history(world, household):
    cases.hand_over(world.teamlead, household, world.colleague, note="Anna gaat met verlof")
    db.session.commit()
    assert household.coordinator_id == world.colleague.id
    history = household.coordinator_history
    assert [a.coach_id for a in history] == [world.coach.id, world.colleague.id]
    assert history[0].ended_at is not None and history[1].ended_at is None
    assert history[1].note == "Anna gaat met verlof"
    assert len(open_assignments(household)) == 1


def test_handover_only_to_an_active_coach_of_the_same_team(world, household):
    with pytest.raises(InvalidInput):
        cases.hand_over(world.coach, household, world.other_coach)
    with pytest.raises(InvalidInput):
        cases.hand_over(world.coach, household, world.teamlead)
    assert household.coordinator_id == world.coach.id


def test_a_colleague_without_access_cannot_take_a_household(world, household):
    with pytest.raises(PermissionDenied):
        cases.hand_over(world.colleague, household, world.colleague)


def test_the_database_refuses_a_household_without_coordinator(world, household):
    with pytest.raises(IntegrityError):
        household.coordinator_id = None
        db.session.flush()
    db.session.rollback()


def test_the_database_refuses_two_open_coordinator_assignments(world, household):
    db.session.add(CoordinatorAssignment(household_id=household.id, coach_id=world.colleague.id,
                                         by_id=world.teamlead.id))
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_co_workers_get_access_but_do_not_coordinate(world, household):
    cases.add_worker(world.coach, household, world.colleague)
    db.session.commit()
    assert household.coordinator_id == world.coach.id
    with pytest.raises(InvalidInput):
        cases.add_worker(world.coach, household, world.colleague)
    with pytest.raises(InvalidInput):
        cases.add_worker(world.coach, household, world.other_coach)


def test_every_registered_household_has_exactly_one_open_assignment(world):
    households = [make_household(world.coach, pseudonym=f"Familie {i}") for i in range(3)]
    cases.hand_over(world.coach, households[0], world.colleague)
    cases.hand_over(world.teamlead, households[0], world.coach)
    db.session.commit()
    for household in households:
        assigned = open_assignments(household)
        assert len(assigned) == 1 and assigned[0].coach_id == household.coordinator_id

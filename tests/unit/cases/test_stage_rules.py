"""Every stage rule, from a table written from the way of working (not from the code)."""
from datetime import timedelta

import pytest

from gezinsaanpak.cases import operations as cases
from gezinsaanpak.cases.models import STAGES
from gezinsaanpak.errors import InvalidInput
from gezinsaanpak.extensions import db
from tests.factories import make_household
from tests.helpers import TODAY

ALLOWED = {
    ("registered", "plan"), ("registered", "closed"),
    ("plan", "carrying_out"), ("plan", "closed"),
    ("carrying_out", "plan"), ("carrying_out", "follow_up"), ("carrying_out", "closed"),
    ("follow_up", "carrying_out"), ("follow_up", "aftercare"), ("follow_up", "closed"),
    ("aftercare", "carrying_out"), ("aftercare", "closed"),
}
PATH = {"registered": [], "plan": ["plan"], "carrying_out": ["plan", "carrying_out"],
        "follow_up": ["plan", "carrying_out", "follow_up"],
        "aftercare": ["plan", "carrying_out", "follow_up", "aftercare"]}


def household_in(world, stage):
    household = make_household(world.coach)
    for step in PATH[stage]:
        cases.move_stage(world.coach, household, step)
    return household


@pytest.mark.parametrize("from_stage", list(PATH))
@pytest.mark.parametrize("to_stage", [s for s in STAGES if s != "trust_building"])
def test_registered_households_move_only_along_allowed_paths(world, from_stage, to_stage):
    household = household_in(world, from_stage)
    reason = "moved_away" if to_stage == "closed" else None
    if (from_stage, to_stage) in ALLOWED:
        transition = cases.move_stage(world.coach, household, to_stage, reason=reason, note="ok")
        assert household.stage == to_stage and transition.from_stage == from_stage
        assert transition.by_id == world.coach.id and transition.moved_on == TODAY
    else:
        with pytest.raises(InvalidInput):
            cases.move_stage(world.coach, household, to_stage, reason=reason)
        assert household.stage == from_stage


@pytest.mark.parametrize("to_stage", STAGES)
def test_a_contact_track_only_closes_or_registers(world, to_stage):
    track = make_household(world.coach, registered=False)
    if to_stage == "closed":
        cases.move_stage(world.coach, track, "closed", reason="consent_refused")
        assert track.is_closed
    else:
        with pytest.raises(InvalidInput):
            cases.move_stage(world.coach, track, to_stage)


@pytest.mark.parametrize("to_stage", STAGES)
def test_a_closed_household_only_reopens(world, to_stage):
    household = household_in(world, "plan")
    cases.move_stage(world.coach, household, "closed", reason="other")
    with pytest.raises(InvalidInput):
        cases.move_stage(world.coach, household, to_stage, reason="other")
    cases.reopen(world.coach, household)
    assert household.stage == "registered"


def test_consent_refused_is_only_a_reason_before_registration(world, household):
    with pytest.raises(InvalidInput):
        cases.move_stage(world.coach, household, "closed", reason="consent_refused")


def test_an_unknown_reason_is_refused(world, household):
    with pytest.raises(InvalidInput):
        cases.move_stage(world.coach, household, "closed", reason="bored")
    db.session.rollback()


@pytest.mark.parametrize("reason", ["goals_reached", "family_stopped", "moved_away", "specialised_care", "other"])
def test_a_contact_track_closes_only_because_there_was_no_consent(world, reason):
    """The form offers only "no consent" for a contact track; the operation holds the same rule."""
    track = make_household(world.coach, registered=False)
    with pytest.raises(InvalidInput):
        cases.move_stage(world.coach, track, "closed", reason=reason)
    assert not track.is_closed


def test_a_move_cannot_be_dated_before_the_previous_one(world):
    household = household_in(world, "plan")
    before = household.stage_since - timedelta(days=1)
    with pytest.raises(InvalidInput):
        cases.move_stage(world.coach, household, "carrying_out", on=before)
    assert household.stage == "plan"


@pytest.mark.parametrize("from_stage, back_to", [("carrying_out", "plan"), ("follow_up", "carrying_out"),
                                                 ("aftercare", "carrying_out")])
def test_going_back_a_stage_needs_a_reason_that_stays_in_the_history(world, from_stage, back_to):
    household = household_in(world, from_stage)
    assert cases.is_backward(household, back_to)
    with pytest.raises(InvalidInput) as error:
        cases.move_stage(world.coach, household, back_to, note="  ")
    assert error.value.field == "note" and household.stage == from_stage
    cases.move_stage(world.coach, household, back_to, note="De schuldhulp viel weg; het plan moet opnieuw.")
    assert household.transitions[-1].note == "De schuldhulp viel weg; het plan moet opnieuw."


def test_forward_moves_and_closing_need_no_reason(world):
    household = household_in(world, "plan")
    assert not cases.is_backward(household, "carrying_out") and not cases.is_backward(household, "closed")
    cases.move_stage(world.coach, household, "carrying_out")
    assert household.stage == "carrying_out"

"""Where the municipality switches it on (CLOSING_NEEDS_TEAM_LEAD), a coach's closing is a request the team lead of
the household's team signs off, closing it with the team lead in the stage history, or sends back with why; nobody
signs off their own. Switched off, closing works as before."""
from datetime import timedelta

import pytest

from gezinsaanpak.cases import closing
from gezinsaanpak.cases import operations as cases
from gezinsaanpak.cases.models import ClosingRequest
from gezinsaanpak.cases.queries import due_items
from gezinsaanpak.errors import InvalidInput, PermissionDenied
from tests.factories import make_household
from tests.helpers import TODAY

TURN_TO = "Buurvrouw Ans en de inloop in het buurthuis"
AFTERCARE = "Over drie maanden bel ik"


@pytest.fixture
def sign_off(app, monkeypatch):
    monkeypatch.setitem(app.config, "CLOSING_NEEDS_TEAM_LEAD", True)


def ask(actor, household, on=None):
    return cases.move_stage(actor, household, "closed", on, "Het gezin redt het zelf", "moved_away",
                            TURN_TO, AFTERCARE)


def test_switched_off_a_coach_closes_at_once(world, household):
    transition = ask(world.coach, household)
    assert household.is_closed and transition.by_id == world.coach.id and not household.closing_requests


def test_a_coachs_closing_waits_for_the_team_lead_and_closes_with_them_in_the_history(sign_off, world, household):
    stage = household.stage
    request = ask(world.coach, household, TODAY - timedelta(days=1))
    assert isinstance(request, ClosingRequest) and request.is_pending
    assert household.stage == stage and not household.is_closed
    assert [item.kind for item in due_items(world.teamlead)[0] + due_items(world.teamlead)[1]] == ["closing_request"]
    with pytest.raises(InvalidInput, match="wacht al een verzoek"):
        ask(world.coach, household)
    with pytest.raises(PermissionDenied):
        closing.approve_closing(world.coach, household)
    with pytest.raises(PermissionDenied):
        closing.approve_closing(world.other_teamlead, household)

    closing.approve_closing(world.teamlead, household)
    assert household.is_closed and household.closed_on == TODAY - timedelta(days=1)
    assert household.close_reason == "moved_away"
    last = household.transitions[-1]
    assert last.to_stage == "closed" and last.by_id == world.teamlead.id
    assert (last.turn_to, last.aftercare, last.note) == (TURN_TO, AFTERCARE, "Het gezin redt het zelf")
    assert request.approved and request.decided_by_id == world.teamlead.id and request.decided_on == TODAY
    assert closing.waiting_requests(world.teamlead) == []


def test_sent_back_with_why_the_household_stays_where_it_was(sign_off, world, household):
    stage = household.stage
    request = ask(world.coach, household)
    with pytest.raises(InvalidInput) as error:
        closing.send_back(world.teamlead, household, "  ")
    assert error.value.field == "why" and request.is_pending
    closing.send_back(world.teamlead, household, "Eerst de schuldhulp afronden")
    assert household.stage == stage and request.approved is False
    assert household.closing_request == request and request.returned_note == "Eerst de schuldhulp afronden"
    again = ask(world.coach, household)  # the coach may ask again once it is sorted out
    assert household.closing_request == again and again.is_pending


def test_a_team_lead_who_coordinates_asks_too_and_cannot_sign_off_their_own(sign_off, world):
    household = make_household(world.teamlead, pseudonym="Familie Roos")
    request = ask(world.teamlead, household)
    assert isinstance(request, ClosingRequest) and not household.is_closed
    with pytest.raises(InvalidInput, match="vroeg zelf"):
        closing.approve_closing(world.teamlead, household)
    with pytest.raises(InvalidInput, match="vroeg zelf"):
        closing.send_back(world.teamlead, household, "Toch niet")


def test_a_team_lead_who_does_not_coordinate_closes_at_once(sign_off, world, household):
    transition = ask(world.teamlead, household)
    assert household.is_closed and transition.by_id == world.teamlead.id


def test_the_closing_rules_are_checked_when_asking(sign_off, world, household):
    with pytest.raises(InvalidInput) as error:
        cases.move_stage(world.coach, household, "closed", reason="nonsense")
    assert error.value.field == "reason" and not household.closing_requests
    with pytest.raises(InvalidInput):
        ask(world.coach, household, TODAY + timedelta(days=1))
    assert not household.closing_requests


def test_a_contact_track_closes_without_a_sign_off(sign_off, world):
    track = cases.open_contact_track(world.coach, "Familie Linde", "school")
    cases.move_stage(world.coach, track, "closed", reason="consent_refused")
    assert track.is_closed

"""A household's track: trust building, registration with consent, stages, closing and reopening."""
from datetime import date, timedelta

import pytest
from sqlalchemy.exc import IntegrityError

from gezinsaanpak.cases import operations as cases
from gezinsaanpak.errors import InvalidInput
from gezinsaanpak.extensions import db
from tests.factories import make_household
from tests.helpers import TODAY


def test_a_contact_track_holds_no_personal_data(world):
    track = make_household(world.coach, registered=False)
    assert track.phase == "contact" and track.stage == "trust_building"
    assert track.members == [] and track.income_situation is None and track.consents == []
    with pytest.raises(InvalidInput):
        cases.add_member(world.coach, track, "Samira", "parent", date(1988, 3, 14))


def test_registration_records_consent_and_keeps_the_contact_history(world):
    track = make_household(world.coach, registered=False)
    cases.log_contact(world.coach, track, "home_visit", TODAY - timedelta(days=10), "Kennismaking")
    cases.register_household(world.coach, track, TODAY, "Registratie", [
        {"first_name": "Samira", "role": "parent", "date_of_birth": date(1988, 3, 14)},
        {"first_name": "Noah", "role": "child", "date_of_birth": date(2016, 1, 2)}], "social_assistance")
    db.session.commit()
    assert track.phase == "registered" and track.stage == "registered"
    assert [c.note for c in track.contacts] == ["Kennismaking"]
    assert track.consents[0].recorded_by_id == world.coach.id and track.consents[0].scope == "Registratie"
    assert [m.first_name for m in track.members] == ["Samira", "Noah"]
    assert [(t.from_stage, t.to_stage) for t in track.transitions] == [(None, "trust_building"),
                                                                       ("trust_building", "registered")]


def test_registration_needs_consent_and_members(world):
    track = make_household(world.coach, registered=False)
    with pytest.raises(InvalidInput):
        cases.register_household(world.coach, track, TODAY, "  ", [{"first_name": "A", "role": "parent",
                                                                            "date_of_birth": date(1990, 1, 1)}],
                                 "working")
    with pytest.raises(InvalidInput):
        cases.register_household(world.coach, track, TODAY, "Registratie", [], "working")
    assert track.phase == "contact"


def test_stages_follow_the_way_of_working(world, household):
    with pytest.raises(InvalidInput):
        cases.move_stage(world.coach, household, "aftercare")
    for stage in ("plan", "carrying_out", "follow_up", "aftercare"):
        cases.move_stage(world.coach, household, stage, note=f"naar {stage}")
    db.session.commit()
    assert household.stage == "aftercare"
    assert [t.to_stage for t in household.transitions][-4:] == ["plan", "carrying_out", "follow_up", "aftercare"]
    assert all(t.by_id == world.coach.id for t in household.transitions)


def test_closing_needs_a_reason_and_reopening_is_recorded(world, household):
    with pytest.raises(InvalidInput):
        cases.move_stage(world.coach, household, "closed")
    cases.move_stage(world.coach, household, "closed", reason="moved_away")
    db.session.commit()
    assert household.is_closed and household.close_reason == "moved_away" and household.closed_on == TODAY
    cases.reopen(world.coach, household, note="Terug in de wijk")
    db.session.commit()
    assert household.stage == "registered" and household.closed_on is None
    assert household.transitions[-1].from_stage == "closed" and household.transitions[-1].note == "Terug in de wijk"


def test_a_family_that_refuses_consent_closes_without_personal_data(world):
    track = make_household(world.coach, registered=False)
    cases.move_stage(world.coach, track, "closed", reason="consent_refused")
    db.session.commit()
    assert track.is_closed and track.members == []
    cases.reopen(world.coach, track)
    assert track.stage == "trust_building"


def test_the_database_refuses_a_closed_household_without_reason(world, household):
    household.stage = "closed"
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_the_database_refuses_a_registered_household_in_trust_building(world, household):
    household.stage = "trust_building"
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_contacts_cannot_be_dated_in_the_future(world, household):
    with pytest.raises(InvalidInput):
        cases.log_contact(world.coach, household, "phone", TODAY + timedelta(days=1))

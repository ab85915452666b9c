"""A referral moves step by step, with dates; finished referrals stay finished."""
from datetime import timedelta

import pytest

from gezinsaanpak.errors import InvalidInput, PermissionDenied
from gezinsaanpak.referrals import operations
from gezinsaanpak.referrals.models import Referral
from gezinsaanpak.timeutil import today

from .helpers import funds


@pytest.fixture
def referral(world, household):
    catalogue = funds()
    child = household.members[1]
    return operations.create_referral(world.coach, household, "Contributie voetbalclub",
                                      fund_id=catalogue["jeugdfonds_sport_cultuur"].id, member_id=child.id,
                                      amount_cents=22500, on=today() - timedelta(days=30),
                                      follow_up_on=today() - timedelta(days=16))


def test_from_to_apply_to_delivered_with_dated_steps(world, household, referral):
    start = today() - timedelta(days=30)
    for status, days in (("applied", 25), ("granted", 10), ("delivered", 2)):
        operations.change_status(world.coach, household, referral, status, on=today() - timedelta(days=days))
    assert referral.status == "delivered" and referral.status_on == today() - timedelta(days=2)
    assert [(c.from_status, c.to_status, c.changed_on) for c in referral.changes] == [
        (None, "to_apply", start), ("to_apply", "applied", today() - timedelta(days=25)),
        ("applied", "granted", today() - timedelta(days=10)), ("granted", "delivered", today() - timedelta(days=2))]


@pytest.mark.parametrize("path, refused", [
    ([], "granted"), ([], "delivered"), ([], "rejected"), (["applied"], "delivered"),
    (["applied", "rejected"], "applied"), (["withdrawn"], "applied"),
    (["applied", "granted", "delivered"], "withdrawn"), (["applied", "granted"], "rejected"),
])
def test_steps_out_of_order_are_refused(world, household, referral, path, refused):
    for status in path:
        operations.change_status(world.coach, household, referral, status)
    with pytest.raises(InvalidInput) as error:
        operations.change_status(world.coach, household, referral, refused)
    assert error.value.field == "to_status"


@pytest.mark.parametrize("path", [[], ["applied"], ["applied", "granted"]])
def test_any_open_referral_can_be_withdrawn(world, household, referral, path):
    for status in path:
        operations.change_status(world.coach, household, referral, status)
    operations.change_status(world.coach, household, referral, "withdrawn", note="Gezin wil het toch niet")
    assert referral.status == "withdrawn" and referral.follow_up_on is None
    assert referral.changes[-1].note == "Gezin wil het toch niet"


def test_a_step_cannot_be_dated_in_the_future_or_before_the_previous_one(world, household, referral):
    with pytest.raises(InvalidInput):
        operations.change_status(world.coach, household, referral, "applied", on=today() + timedelta(days=1))
    with pytest.raises(InvalidInput):
        operations.change_status(world.coach, household, referral, "applied", on=today() - timedelta(days=31))
    assert referral.status == "to_apply"


def test_a_step_replaces_the_follow_up_and_sets_the_expected_decision(world, household, referral):
    next_week = today() + timedelta(days=7)
    operations.change_status(world.coach, household, referral, "applied", follow_up_on=next_week,
                             decision_expected_on=today() + timedelta(days=42))
    assert referral.follow_up_on == next_week
    assert referral.decision_expected_on == today() + timedelta(days=42)


def test_asking_again_moves_the_follow_up_to_a_later_day(world, household, referral):
    with pytest.raises(InvalidInput):
        operations.follow_up_again(world.coach, household, referral, today())
    operations.follow_up_again(world.coach, household, referral, today() + timedelta(days=10))
    assert referral.follow_up_on == today() + timedelta(days=10)


def test_participation_is_recorded_after_the_grant_only(world, household, referral):
    with pytest.raises(InvalidInput):
        operations.record_participation(world.coach, household, referral, "takes_part")
    operations.change_status(world.coach, household, referral, "applied")
    operations.change_status(world.coach, household, referral, "granted")
    operations.record_participation(world.coach, household, referral, "not_taking_part")
    assert referral.participation == "not_taking_part" and referral.participation_checked_on == today()


def test_a_referral_needs_a_request_and_a_fund_or_organisation(world, household):
    with pytest.raises(InvalidInput) as error:
        operations.create_referral(world.coach, household, "  ", organisation="Buurthuis")
    assert error.value.field == "request"
    with pytest.raises(InvalidInput) as error:
        operations.create_referral(world.coach, household, "Huiswerkbegeleiding")
    assert error.value.field == "organisation"
    local = operations.create_referral(world.coach, household, "Huiswerkbegeleiding",
                                       organisation="Buurthuis De Klimop")
    assert local.target == "Buurthuis De Klimop" and local.member is None


def test_a_member_of_another_household_cannot_be_referred(world, household):
    from tests.factories import make_household
    other = make_household(world.other_coach, pseudonym="Familie Iris")
    with pytest.raises(InvalidInput) as error:
        operations.create_referral(world.coach, household, "Fiets", organisation="Fietsenbank",
                                   member_id=other.members[1].id)
    assert error.value.field == "member_id"


def test_a_coach_without_access_cannot_refer(world, household):
    with pytest.raises(PermissionDenied):
        operations.create_referral(world.other_coach, household, "Fiets", organisation="Fietsenbank")


def test_every_step_is_audited_without_the_note(world, household, referral):
    from sqlalchemy import select

    from gezinsaanpak.audit import AuditEvent
    from gezinsaanpak.extensions import db
    operations.change_status(world.coach, household, referral, "applied", note="Moeder belt zelf")
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.object_type == Referral.__name__)).all()
    assert [e.action for e in events] == ["referral.create", "referral.status"]
    assert all("Moeder" not in (e.detail or "") for e in events)

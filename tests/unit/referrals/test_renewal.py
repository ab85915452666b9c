"""A yearly grant is not renewed by itself: its delivery sets a renewal date, and one click starts the next one.

The guide names no yearly renewals: the administrator switches renewal on for the funds the municipality renews."""
from datetime import timedelta

import pytest

from gezinsaanpak.errors import InvalidInput
from gezinsaanpak.extensions import db
from gezinsaanpak.referrals import operations
from gezinsaanpak.referrals.models import Fund
from gezinsaanpak.referrals.queries import household_overview, referral_due_items
from gezinsaanpak.timeutil import add_months, today

from .helpers import funds, set_yearly


def delivered(coach, household, code, days_ago=20, admin=None):
    """A grant delivered `days_ago`; with `admin`, the fund is first switched to yearly renewal."""
    shipped = funds()
    if admin:
        set_yearly(admin, shipped[code])
    referral = operations.create_referral(coach, household, "Contributie zwemvereniging", fund_id=shipped[code].id,
                                          member_id=household.members[1].id, amount_cents=19500,
                                          on=today() - timedelta(days=days_ago + 30))
    for status, days in (("applied", 20), ("granted", 10), ("delivered", 0)):
        operations.change_status(coach, household, referral, status, on=today() - timedelta(days=days_ago + days))
    return referral


def test_no_fund_is_renewed_yearly_until_the_administrator_says_so(world, household):
    referral = delivered(world.coach, household, "jeugdfonds_sport_cultuur", days_ago=0)
    assert referral.renewal_due_on is None


def test_delivery_of_a_yearly_grant_sets_the_renewal_eleven_months_on(world, household):
    referral = delivered(world.coach, household, "jeugdfonds_sport_cultuur", days_ago=0, admin=world.admin)
    assert referral.renewal_due_on == add_months(today(), 11)
    assert referral.fund.edited_at is None  # a setting of the municipality: the catalogue still updates the fund


def test_switching_yearly_renewal_off_removes_the_reminder(world, household):
    referral = delivered(world.coach, household, "jeugdfonds_sport_cultuur", days_ago=340, admin=world.admin)
    operations.record_participation(world.coach, household, referral, "takes_part")
    assert [item.kind for item in referral_due_items(world.coach, today())] == ["referral_renewal"]
    set_yearly(world.admin, db.session.get(Fund, referral.fund_id), False)
    assert referral_due_items(world.coach, today()) == []
    assert not household_overview(household).may_renew(referral)
    with pytest.raises(InvalidInput):
        operations.renew_referral(world.coach, household, referral)


def test_a_one_off_grant_has_no_renewal(world, household):
    referral = delivered(world.coach, household, "kinderhulp")
    assert referral.renewal_due_on is None
    with pytest.raises(InvalidInput):
        operations.renew_referral(world.coach, household, referral)


def test_one_click_starts_the_renewal_with_what_was_asked_last_year(world, household):
    old = delivered(world.coach, household, "jeugdfonds_sport_cultuur", admin=world.admin)
    renewal = operations.renew_referral(world.coach, household, old)
    assert renewal.renewal_of_id == old.id and renewal.status == "to_apply"
    assert (renewal.fund_id, renewal.member_id, renewal.request, renewal.amount_cents, renewal.applied_by) == \
        (old.fund_id, old.member_id, old.request, old.amount_cents, old.applied_by)
    assert renewal.follow_up_on == today() + timedelta(days=14)
    with pytest.raises(InvalidInput):
        operations.renew_referral(world.coach, household, old)  # not twice


def test_a_retired_fund_cannot_be_renewed(world, household):
    from gezinsaanpak.referrals.funds import set_retired
    old = delivered(world.coach, household, "jeugdfonds_sport_cultuur", admin=world.admin)
    set_retired(world.admin, db.session.get(Fund, old.fund_id), True)
    with pytest.raises(InvalidInput):
        operations.renew_referral(world.coach, household, old)


def test_no_renewal_needed_removes_the_reminder(world, household):
    old = delivered(world.coach, household, "jeugdfonds_sport_cultuur", admin=world.admin)
    operations.skip_renewal(world.coach, household, old)
    assert old.renewal_due_on is None
    with pytest.raises(InvalidInput):
        operations.skip_renewal(world.coach, household, old)

"""A yearly grant is not renewed by itself: its delivery sets a renewal date, and one click starts the next one."""
from datetime import timedelta

import pytest

from gezinsaanpak.errors import InvalidInput
from gezinsaanpak.referrals import operations
from gezinsaanpak.timeutil import add_months, today

from .helpers import funds


def delivered(coach, household, code, days_ago=20):
    catalogue = funds()
    referral = operations.create_referral(coach, household, "Contributie zwemvereniging", fund_id=catalogue[code].id,
                                          member_id=household.members[1].id, amount_cents=19500,
                                          on=today() - timedelta(days=days_ago + 30))
    for status, days in (("applied", 20), ("granted", 10), ("delivered", 0)):
        operations.change_status(coach, household, referral, status, on=today() - timedelta(days=days_ago + days))
    return referral


def test_delivery_of_a_yearly_grant_sets_the_renewal_eleven_months_on(world, household):
    referral = delivered(world.coach, household, "jeugdfonds_sport_cultuur", days_ago=0)
    assert referral.renewal_due_on == add_months(today(), 11)


def test_a_one_off_grant_has_no_renewal(world, household):
    referral = delivered(world.coach, household, "kinderhulp")
    assert referral.renewal_due_on is None
    with pytest.raises(InvalidInput):
        operations.renew_referral(world.coach, household, referral)


def test_one_click_starts_the_renewal_with_what_was_asked_last_year(world, household):
    old = delivered(world.coach, household, "jeugdfonds_sport_cultuur")
    renewal = operations.renew_referral(world.coach, household, old)
    assert renewal.renewal_of_id == old.id and renewal.status == "to_apply"
    assert (renewal.fund_id, renewal.member_id, renewal.request, renewal.amount_cents, renewal.applied_by) == \
        (old.fund_id, old.member_id, old.request, old.amount_cents, old.applied_by)
    assert renewal.follow_up_on == today() + timedelta(days=14)
    with pytest.raises(InvalidInput):
        operations.renew_referral(world.coach, household, old)  # not twice


def test_a_retired_fund_cannot_be_renewed(world, household):
    from gezinsaanpak.referrals.funds import set_retired
    old = delivered(world.coach, household, "jeugdfonds_sport_cultuur")
    set_retired(world.admin, old.fund, True)
    with pytest.raises(InvalidInput):
        operations.renew_referral(world.coach, household, old)


def test_no_renewal_needed_removes_the_reminder(world, household):
    old = delivered(world.coach, household, "jeugdfonds_sport_cultuur")
    operations.skip_renewal(world.coach, household, old)
    assert old.renewal_due_on is None
    with pytest.raises(InvalidInput):
        operations.skip_renewal(world.coach, household, old)

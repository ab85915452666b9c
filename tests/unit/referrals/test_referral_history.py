"""A referral's change history: corrections to what is asked, the amount, who applies and the dates, a new
follow-up date, participation and a skipped renewal each show what it was and what it became."""
from datetime import timedelta

from gezinsaanpak.history import changes_of
from gezinsaanpak.referrals import operations
from gezinsaanpak.timeutil import today

from .helpers import funds, set_yearly


def history(referral):
    """{field: (old, new)} of the changes, newest last, as stored."""
    return {c.field: (c.old_value, c.new_value) for c, _name in reversed(changes_of("referral", referral.id))}


def started(coach, household, code="jeugdfonds_sport_cultuur", **extra):
    return operations.create_referral(coach, household, "Contributie voetbalclub", fund_id=funds()[code].id,
                                      member_id=household.members[1].id, amount_cents=22500,
                                      on=today() - timedelta(days=30), **extra)


def test_correcting_the_amount_and_who_applies_records_old_and_new(world, household):
    referral = started(world.coach, household)
    decision = today() + timedelta(days=20)
    operations.update_referral(world.coach, household, referral, "Contributie voetbalclub", 19550, "family", None,
                               decision)
    assert history(referral) == {"amount_cents": ("22500", "19550"), "applied_by": ("coach", "family"),
                                 "decision_expected_on": (None, decision.isoformat())}
    assert [name for _change, name in changes_of("referral", referral.id)] == ["Anna Coach"] * 3


def test_saving_a_referral_unchanged_records_nothing(world, household):
    referral = started(world.coach, household)
    operations.update_referral(world.coach, household, referral, " Contributie voetbalclub ", 22500, "coach", None,
                               None)
    assert history(referral) == {}


def test_a_new_follow_up_date_and_participation_are_recorded(world, household):
    first, again = today() + timedelta(days=3), today() + timedelta(days=14)
    referral = started(world.coach, household, follow_up_on=first)
    operations.follow_up_again(world.coach, household, referral, again)
    for status in ("applied", "granted"):
        operations.change_status(world.coach, household, referral, status, on=today())
    operations.record_participation(world.coach, household, referral, "takes_part")
    assert history(referral) == {"follow_up_on": (first.isoformat(), again.isoformat()),
                                 "participation": ("unknown", "takes_part"),
                                 "participation_checked_on": (None, today().isoformat())}


def test_no_renewal_needed_records_the_renewal_date_it_removed(world, household):
    set_yearly(world.admin, funds()["jeugdfonds_sport_cultuur"])
    referral = started(world.coach, household)
    for status in ("applied", "granted", "delivered"):
        operations.change_status(world.coach, household, referral, status, on=today())
    due = referral.renewal_due_on
    operations.skip_renewal(world.coach, household, referral)
    assert history(referral) == {"renewal_due_on": (due.isoformat(), None)}

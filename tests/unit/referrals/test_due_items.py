"""The coach's due list: "how did it go with ...?", no decision yet, does the child take part, renew in time."""
from datetime import timedelta

from gezinsaanpak.cases import operations as cases
from gezinsaanpak.referrals import operations
from gezinsaanpak.referrals.queries import household_overview, referral_due_items
from gezinsaanpak.timeutil import today

from .helpers import funds, set_yearly

DAY = timedelta(days=1)


def refer(coach, household, code, days_ago, **dates):
    fund = funds()[code]
    return operations.create_referral(coach, household, f"Aanvraag {fund.name}", fund_id=fund.id,
                                      member_id=household.members[1].id, on=today() - days_ago * DAY, **dates)


def kinds(user, until=None):
    return sorted((item.kind, item.subject) for item in referral_due_items(user, until or today()))


def test_a_follow_up_that_has_come_is_on_the_list(world, household):
    refer(world.coach, household, "leergeld", 20, follow_up_on=today() - 2 * DAY)
    refer(world.coach, household, "kinderhulp", 20, follow_up_on=today() + 10 * DAY)
    assert kinds(world.coach) == [("referral", "Stichting Leergeld voor Kind0")]
    assert len(kinds(world.coach, today() + 10 * DAY)) == 2


def test_no_decision_by_the_expected_date_replaces_the_plain_follow_up(world, household):
    referral = refer(world.coach, household, "kinderhulp", 60)
    operations.change_status(world.coach, household, referral, "applied", on=today() - 50 * DAY,
                             follow_up_on=today() - 5 * DAY, decision_expected_on=today() - 3 * DAY)
    items = referral_due_items(world.coach, today())
    assert [(i.kind, i.due_on) for i in items] == [("referral_decision", today() - 3 * DAY)]
    assert "Nog geen besluit van Nationaal Fonds Kinderhulp voor Kind0" in items[0].subject


def test_participation_is_asked_six_weeks_after_delivery_until_recorded(world, household):
    referral = refer(world.coach, household, "kinderhulp", 90)
    for status, days in (("applied", 80), ("granted", 60), ("delivered", 45)):
        operations.change_status(world.coach, household, referral, status, on=today() - days * DAY)
    assert kinds(world.coach) == [("referral_participation",
                                   "Doet Kind0 mee? Vraag na of de bijdrage van Nationaal Fonds Kinderhulp gebruikt "
                                   "wordt.")]
    operations.record_participation(world.coach, household, referral, "takes_part")
    assert kinds(world.coach) == []


def test_a_yearly_grant_about_to_lapse_is_on_the_list_until_renewed(world, household):
    set_yearly(world.admin, funds()["jeugdfonds_sport_cultuur"])
    referral = refer(world.coach, household, "jeugdfonds_sport_cultuur", 400)
    for status, days in (("applied", 390), ("granted", 370), ("delivered", 340)):
        operations.change_status(world.coach, household, referral, status, on=today() - days * DAY)
    operations.record_participation(world.coach, household, referral, "takes_part", on=today() - 300 * DAY)
    assert [kind for kind, _subject in kinds(world.coach)] == ["referral_renewal"]
    overview = household_overview(household)
    assert overview.may_renew(referral)
    operations.renew_referral(world.coach, household, referral)
    assert [kind for kind, _subject in kinds(world.coach)] == []  # the renewal follows up in two weeks
    assert not household_overview(household).may_renew(referral)


def test_an_unused_grant_is_not_pressed_for_renewal(world, household):
    set_yearly(world.admin, funds()["jeugdfonds_sport_cultuur"])
    referral = refer(world.coach, household, "jeugdfonds_sport_cultuur", 400)
    for status, days in (("applied", 390), ("granted", 370), ("delivered", 340)):
        operations.change_status(world.coach, household, referral, status, on=today() - days * DAY)
    operations.record_participation(world.coach, household, referral, "not_taking_part", on=today() - 300 * DAY)
    assert kinds(world.coach) == []


def test_finished_referrals_closed_households_and_other_coaches_see_nothing(world, household):
    done = refer(world.coach, household, "leergeld", 20, follow_up_on=today() - 2 * DAY)
    operations.change_status(world.coach, household, done, "withdrawn")
    refer(world.coach, household, "kinderhulp", 20, follow_up_on=today() - 2 * DAY)
    assert len(kinds(world.coach)) == 1
    assert kinds(world.other_coach) == [] and len(kinds(world.teamlead)) == 1
    cases.move_stage(world.coach, household, "closed", reason="moved_away")
    assert kinds(world.coach) == []


def test_the_household_overview_lists_open_referrals_first_with_what_needs_attention(world, household):
    done = refer(world.coach, household, "leergeld", 30)
    operations.change_status(world.coach, household, done, "withdrawn")
    waiting = refer(world.coach, household, "kinderhulp", 20, follow_up_on=today() - 2 * DAY)
    overview = household_overview(household)
    assert [r.id for r in overview.referrals] == [waiting.id, done.id]
    assert overview.attention(waiting) == ["Tijd om na te vragen: hoe ging het?"]
    assert overview.attention(done) == []


def test_every_step_appears_on_the_household_timeline(world, household):
    from gezinsaanpak.cases.timeline import timeline
    referral = refer(world.coach, household, "kinderhulp", 10)
    operations.change_status(world.coach, household, referral, "applied", on=today() - 5 * DAY, note="Via de school")
    entries = sorted(timeline(household, kind="referral"), key=lambda e: e.on)
    assert [(e.on, e.title, e.detail) for e in entries] == [
        (today() - 10 * DAY, "Verwijzing naar Nationaal Fonds Kinderhulp: Nog aanvragen (Kind0)",
         "Aanvraag Nationaal Fonds Kinderhulp"),
        (today() - 5 * DAY, "Verwijzing naar Nationaal Fonds Kinderhulp: Aangevraagd (Kind0)", "Via de school")]
    assert {e.kind for e in entries} == {"referral"} and entries[0].by == "Anna Coach"

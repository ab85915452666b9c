"""The support period: from the first contact, seen coming from month 15, longer only with a reason and the team
lead's agreement, and new after a reopening."""
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from gezinsaanpak.cases import operations as cases
from gezinsaanpak.cases import support
from gezinsaanpak.cases.queries import due_items
from gezinsaanpak.catalogues import load_catalogue
from gezinsaanpak.errors import InvalidInput, PermissionDenied
from gezinsaanpak.extensions import db
from gezinsaanpak.plans import operations as plans
from gezinsaanpak.plans.models import Domain
from gezinsaanpak.timeutil import add_months
from tests.factories import make_household
from tests.helpers import TODAY

TODAY = TODAY


def started(world, months_ago, registered=True):
    """A family first met `months_ago` months ago, registered a month later (if at all)."""
    first_contact = add_months(TODAY, -months_ago)
    household = make_household(world.coach, registered=registered, registered_on=first_contact + timedelta(days=30))
    household.opened_on = first_contact  # make_household meets the family 30 days before registering
    for transition in household.transitions:
        transition.moved_on = max(transition.moved_on, first_contact)
    db.session.flush()
    return household


@pytest.fixture
def family_theme():
    load_catalogue("domains")
    return db.session.scalar(select(Domain).where(Domain.code == "family.basic_needs"))


def test_the_clock_starts_at_the_first_contact_also_before_registration(world):
    track = make_household(world.coach, registered=False)
    period = support.support_period(track)
    assert period.starts_on == track.opened_on
    assert period.ends_on == add_months(track.opened_on, 18)
    registered = make_household(world.coach, pseudonym="Familie Iris", registered_on=date(2025, 8, 31))
    assert support.support_ends_on(registered) == add_months(date(2025, 8, 1), 18) == date(2027, 2, 1)


def test_from_month_15_the_end_is_seen_coming(world):
    household = started(world, 15)
    period = support.support_period(household)
    assert period.months == 15 and period.ending()
    assert not period.ending(TODAY - timedelta(days=1))
    assert not support.support_period(started(world, 14)).ending()


def test_going_past_the_period_needs_a_reason_and_the_team_leads_agreement(world, family_theme):
    household = started(world, 16)
    usual_end = support.support_ends_on(household)
    later = add_months(usual_end, 4)
    with pytest.raises(InvalidInput, match="ondersteuningsperiode eindigt") as refused:
        plans.set_goal(world.coach, household, None, family_theme, "Een eigen bed voor iedereen", later)
    assert refused.value.field == "target_on"
    with pytest.raises(InvalidInput, match="Schrijf op waarom") as no_reason:
        support.request_extension(world.coach, household, later, "  ")
    assert no_reason.value.field == "reason"

    request = support.request_extension(world.coach, household, later, "De schuldhulp start pas in maart")
    assert request.is_pending and support.support_ends_on(household) == usual_end  # not yet agreed
    with pytest.raises(PermissionDenied):
        support.decide_extension(world.coach, household, agree=True)
    with pytest.raises(PermissionDenied):
        support.decide_extension(world.other_teamlead, household, agree=True)

    support.decide_extension(world.teamlead, household, agree=True)
    assert (request.agreed, request.decided_by_id) == (True, world.teamlead.id)
    assert support.support_ends_on(household) == later
    goal = plans.set_goal(world.coach, household, None, family_theme, "Een eigen bed voor iedereen", later)
    assert goal.target_on == later


def test_a_declined_request_leaves_the_end_where_it_was(world):
    household = started(world, 16)
    usual_end = support.support_ends_on(household)
    support.request_extension(world.coach, household, add_months(usual_end, 3), "Verhuizing in het voorjaar")
    support.decide_extension(world.teamlead, household, agree=False)
    period = support.support_period(household)
    assert period.ends_on == usual_end and period.pending is None and period.extensions[0].agreed is False


def test_the_team_lead_extends_at_once(world):
    household = started(world, 17)
    until = add_months(support.support_ends_on(household), 6)
    extension = support.request_extension(world.teamlead, household, until, "Broer komt uit detentie")
    assert extension.agreed and extension.decided_by_id == world.teamlead.id
    assert support.support_ends_on(household) == until


def test_one_request_at_a_time_after_the_current_end_and_not_too_far(world):
    household = started(world, 16)
    end = support.support_ends_on(household)
    with pytest.raises(InvalidInput, match="na het huidige einde"):
        support.request_extension(world.coach, household, end, "Reden")
    with pytest.raises(InvalidInput, match="hoogstens 12 maanden"):
        support.request_extension(world.coach, household, add_months(end, 13), "Reden")
    support.request_extension(world.coach, household, add_months(end, 2), "Reden")
    with pytest.raises(InvalidInput, match="wacht al"):
        support.request_extension(world.coach, household, add_months(end, 3), "Nog een reden")


def test_a_household_reopened_after_20_months_starts_a_new_period_and_can_set_goals(world, family_theme):
    household = started(world, 20)
    support.request_extension(world.teamlead, household, add_months(support.support_ends_on(household), 1), "Nazorg")
    cases.move_stage(world.coach, household, "closed", on=TODAY - timedelta(days=10), reason="family_stopped")
    cases.reopen(world.coach, household)
    period = support.support_period(household)
    assert period.starts_on == TODAY and period.months == 0 and period.extensions == []
    assert period.ends_on == add_months(TODAY, 18)
    goal = plans.set_goal(world.coach, household, None, family_theme, "Weer rust in huis", add_months(TODAY, 3))
    assert goal.status == "active"


def test_the_start_page_shows_an_ending_period_and_the_team_lead_a_waiting_request(world):
    ending = started(world, 18)
    support.request_extension(world.coach, started(world, 16), add_months(TODAY, 6), "Schuldhulp loopt nog")
    coach_items = [item for items in due_items(world.coach) for item in items]
    assert [(i.household.id, i.kind) for i in coach_items if i.kind.startswith("support")] == [(ending.id, "support")]
    lead_items = [item for items in due_items(world.teamlead) for item in items]
    assert sorted(i.kind for i in lead_items if i.kind.startswith("support")) == ["support", "support_request"]
    assert not any(i.kind.startswith("support") for items in due_items(world.other_teamlead) for i in items)

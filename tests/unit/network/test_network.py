"""The family's network: nothing is shared without a consent in force, withdrawing it stops what runs through it,
and the debt-help route keeps the children of indebted families in the team lead's view."""
from datetime import date, timedelta

import pytest

from gezinsaanpak.cases import operations as cases
from gezinsaanpak.errors import InvalidInput, PermissionDenied
from gezinsaanpak.network import operations as network
from gezinsaanpak.network.queries import household_network, network_due_items, team_debt_help
from tests.factories import make_household
from tests.helpers import TODAY


@pytest.fixture
def family(ctx, world):
    return make_household(world.coach)


def school(world, household):
    return network.add_partner(world.coach, household, "school", "Basisschool De Regenboog",
                               relation="Mentor van Kind0", on=TODAY - timedelta(days=20))


def test_a_handover_needs_the_familys_consent_to_share(world, family):
    partner = school(world, family)
    with pytest.raises(InvalidInput, match="toestemming"):
        network.start_handover(world.coach, family, partner, "Begeleiding op school", "Het gezinsplan")
    consent = network.give_consent(world.coach, family, partner, "Dat we werken aan de schoolspullen", "Beide ouders",
                                   on=TODAY - timedelta(days=10))
    handover = network.start_handover(world.coach, family, partner, "Begeleiding op school", "Het gezinsplan")
    assert handover.consent == consent and handover.status == "planned"
    assert consent.asked_by == world.coach


def test_withdrawing_consent_stops_the_open_handovers_and_sharing(world, family):
    partner = school(world, family)
    consent = network.give_consent(world.coach, family, partner, "Schoolzaken", "Moeder", on=TODAY - timedelta(days=10))
    handover = network.start_handover(world.coach, family, partner, "Begeleiding", "Het plan",
                                      on=TODAY - timedelta(days=9))
    network.handover_step(world.coach, family, handover, "meeting_held", TODAY - timedelta(days=5))
    network.withdraw_consent(world.coach, family, consent, TODAY - timedelta(days=2))
    assert handover.status == "stopped" and handover.status_on == TODAY - timedelta(days=2)
    assert partner.consent is None
    with pytest.raises(InvalidInput, match="ingetrokken"):
        network.handover_step(world.coach, family, handover, "taken_over")  # stopped anyway, and no consent
    with pytest.raises(InvalidInput, match="toestemming"):
        network.start_handover(world.coach, family, partner, "Opnieuw", "Het plan")


def test_a_new_consent_replaces_the_one_in_force(world, family):
    partner = school(world, family)
    first = network.give_consent(world.coach, family, partner, "Alleen schoolzaken", "Moeder",
                                 on=TODAY - timedelta(days=10))
    second = network.give_consent(world.coach, family, partner, "Schoolzaken en de schulden", "Beide ouders")
    assert first.withdrawn_on == TODAY and partner.consent == second


def test_consent_is_not_recorded_before_registration_nor_dated_in_the_future(world, ctx):
    track = make_household(world.coach, registered=False)
    partner = network.add_partner(world.coach, track, "family_friends", "Tante Ria")
    with pytest.raises(InvalidInput, match="registratie"):
        network.give_consent(world.coach, track, partner, "Alles", "Moeder")
    family = make_household(world.coach, pseudonym="Familie Eik")
    partner = school(world, family)
    with pytest.raises(InvalidInput) as refused:
        network.give_consent(world.coach, family, partner, "Alles", "Moeder", on=TODAY + timedelta(days=1))
    assert refused.value.field == "given_on"
    with pytest.raises(InvalidInput) as refused:
        network.give_consent(world.coach, family, partner, "  ", "Moeder")
    assert refused.value.field == "scope"


def test_someone_no_longer_involved_keeps_their_history_and_loses_the_consent(world, family):
    partner = school(world, family)
    consent = network.give_consent(world.coach, family, partner, "Schoolzaken", "Moeder")
    network.end_partner(world.coach, family, partner)
    assert consent.withdrawn_on == TODAY and not partner.is_active
    overview = household_network(family)
    assert overview.partners == [partner]
    with pytest.raises(InvalidInput):
        network.give_consent(world.coach, family, partner, "Schoolzaken", "Moeder")


def test_only_who_works_on_the_household_changes_its_network(world, family):
    with pytest.raises(PermissionDenied):
        network.add_partner(world.other_coach, family, "gp", "Huisarts Jansen")
    cases.move_stage(world.coach, family, "closed", reason="moved_away")
    with pytest.raises(InvalidInput, match="Heropen"):
        network.add_partner(world.coach, family, "gp", "Huisarts Jansen")


def test_the_partner_checks_what_was_typed(world, family):
    for kind, name, email, field in [("dentist", "X", None, "kind"), ("gp", " ", None, "name"),
                                     ("gp", "Huisarts", "geen-adres", "email")]:
        with pytest.raises(InvalidInput) as refused:
            network.add_partner(world.coach, family, kind, name, email=email)
        assert refused.value.field == field


def test_the_debt_help_route_moves_forward_one_dated_step_at_a_time(world, family):
    debt = network.start_debt_help(world.coach, family, "debt_counselling", on=TODAY - timedelta(days=30))
    with pytest.raises(InvalidInput, match="al een"):
        network.start_debt_help(world.coach, family, "self_help")
    with pytest.raises(InvalidInput):
        network.debt_help_step(world.coach, family, debt, "in_programme", TODAY - timedelta(days=40))  # skips intake
    with pytest.raises(InvalidInput) as refused:
        network.debt_help_step(world.coach, family, debt, "intake", TODAY - timedelta(days=31))
    assert refused.value.field == "changed_on"  # before the route started
    network.debt_help_step(world.coach, family, debt, "intake", TODAY - timedelta(days=20))
    network.debt_help_step(world.coach, family, debt, "in_programme", TODAY - timedelta(days=10), "Bij de GKB")
    network.debt_help_step(world.coach, family, debt, "finished", TODAY)
    assert not debt.is_open
    again = network.start_debt_help(world.coach, family, "local_volunteer")  # a new route once the last one ended
    assert again.is_open


def test_the_team_lead_sees_debt_help_with_the_children_under_18(world, family):
    network.start_debt_help(world.coach, family, "local_volunteer")
    cases.add_member(world.coach, family, "Oudste", "child", date(TODAY.year - 18, TODAY.month, TODAY.day))
    cases.add_member(world.coach, family, "Bijna", "child", date(TODAY.year - 18, TODAY.month, TODAY.day) +
                     timedelta(days=1))
    other = make_household(world.other_coach, pseudonym="Familie Elders")
    network.start_debt_help(world.other_coach, other, "self_help")
    rows = team_debt_help(world.team_a.id)
    assert [(r.household, r.children) for r in rows] == [(family, 3)]  # Kind0, Kind1 and Bijna; Oudste is 18


def test_a_planned_joint_meeting_comes_on_the_due_list(world, family):
    partner = school(world, family)
    network.give_consent(world.coach, family, partner, "Schoolzaken", "Moeder")
    network.start_handover(world.coach, family, partner, "Begeleiding", "Het plan", meeting_on=TODAY + timedelta(3))
    assert network_due_items(world.coach, TODAY) == []
    due = network_due_items(world.coach, TODAY + timedelta(days=7))
    assert [(d.due_on, d.household) for d in due] == [(TODAY + timedelta(days=3), family)]
    assert network_due_items(world.colleague, TODAY + timedelta(days=7)) == []

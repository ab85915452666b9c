"""The family withdraws its consent to registration: dated (not in the future, not before it was given), nothing is
shared with the network from that day, no new referral; a new consent can be recorded when the family agrees again."""
from datetime import timedelta

import pytest

from gezinsaanpak.cases import consent as consents
from gezinsaanpak.errors import InvalidInput
from gezinsaanpak.network import operations as network
from gezinsaanpak.referrals import operations as referrals
from tests.helpers import TODAY


def test_the_withdrawal_is_dated_not_in_the_future_and_not_before_the_consent(world, household):
    given = household.consents[0].given_on
    with pytest.raises(InvalidInput) as error:
        consents.withdraw_registration_consent(world.coach, household, TODAY + timedelta(days=1))
    assert error.value.field == "withdrawn_on"
    with pytest.raises(InvalidInput, match="niet vóór"):
        consents.withdraw_registration_consent(world.coach, household, given - timedelta(days=1))
    consent = consents.withdraw_registration_consent(world.coach, household, TODAY - timedelta(days=2),
                                                     "Moeder wil geen registratie meer")
    assert consent.withdrawn_on == TODAY - timedelta(days=2) and consent.withdrawn_by == world.coach
    assert consent.withdrawal_note == "Moeder wil geen registratie meer"
    assert not household.has_consent and household.withdrawn_consent == consent
    with pytest.raises(InvalidInput, match="geen toestemming"):
        consents.withdraw_registration_consent(world.coach, household, TODAY)


def test_sharing_with_the_network_stops_the_same_day(world, household):
    housing = network.add_partner(world.coach, household, "housing_corporation", "Woonstad",
                                  on=TODAY - timedelta(days=20))
    share = network.give_consent(world.coach, household, housing, "De huurachterstand", "Moeder",
                                 on=TODAY - timedelta(days=20))
    handover = network.start_handover(world.coach, household, housing, "Betalingsregeling", "Het overzicht",
                                      on=TODAY - timedelta(days=15))
    school = network.add_partner(world.coach, household, "school", "De Klimop", on=TODAY - timedelta(days=20))
    later = network.give_consent(world.coach, household, school, "Schoolspullen", "Moeder",
                                 on=TODAY - timedelta(days=1))
    consents.withdraw_registration_consent(world.coach, household, TODAY - timedelta(days=3))
    assert share.withdrawn_on == TODAY - timedelta(days=3)
    assert later.withdrawn_on == TODAY - timedelta(days=1)  # never before it was given
    assert housing.consent is None and school.consent is None
    assert handover.status == "stopped" and handover.status_on == TODAY - timedelta(days=3)
    with pytest.raises(InvalidInput, match="niets meer gedeeld"):
        network.give_consent(world.coach, household, school, "Schoolspullen", "Moeder")


def test_no_new_referral_after_the_withdrawal(world, household):
    consents.withdraw_registration_consent(world.coach, household, TODAY)
    with pytest.raises(InvalidInput):
        referrals.create_referral(world.coach, household, "Zwemles", organisation="Zwembad De Wielewaal")


def test_a_new_consent_when_the_family_agrees_again(world, household):
    with pytest.raises(InvalidInput, match="van kracht"):
        consents.record_consent(world.coach, household, TODAY, "Registratie")
    consents.withdraw_registration_consent(world.coach, household, TODAY - timedelta(days=5))
    with pytest.raises(InvalidInput, match="niet vóór"):
        consents.record_consent(world.coach, household, TODAY - timedelta(days=6), "Registratie")
    with pytest.raises(InvalidInput) as error:
        consents.record_consent(world.coach, household, TODAY, " ")
    assert error.value.field == "scope"
    again = consents.record_consent(world.coach, household, TODAY, "Registratie en overleg met de school")
    assert household.has_consent and household.withdrawn_consent is None and again.recorded_by == world.coach
    assert referrals.create_referral(world.coach, household, "Zwemles", organisation="Zwembad De Wielewaal")

"""A referral shares a family's needs with a fund or organisation: only once the family has consented."""

import pytest

from gezinsaanpak.errors import InvalidInput
from gezinsaanpak.referrals import operations
from gezinsaanpak.referrals.panic import record_spending, set_limit
from tests.factories import make_household
from tests.helpers import TODAY

from .helpers import funds


def test_a_family_in_trust_building_gets_no_fund_referral(world):
    catalogue = funds()
    track = make_household(world.coach, registered=False, pseudonym="Familie Klaproos")
    with pytest.raises(InvalidInput) as refused:
        operations.create_referral(world.coach, track, "Een fiets", fund_id=catalogue["leergeld"].id)
    assert str(refused.value) == str(operations.NO_CONSENT_YET)
    assert track.stage == "trust_building"


def test_nor_a_referral_to_a_local_organisation(world):
    track = make_household(world.coach, registered=False, pseudonym="Familie Klaproos")
    with pytest.raises(InvalidInput):
        operations.create_referral(world.coach, track, "Pakket", organisation="Voedselbank Zuid")


def test_a_withdrawn_consent_stops_new_referrals(world, household):
    catalogue = funds()
    household.consents[0].withdrawn_on = TODAY
    with pytest.raises(InvalidInput):
        operations.create_referral(world.coach, household, "Een fiets", fund_id=catalogue["leergeld"].id)


def test_the_panic_budget_stays_possible_during_trust_building(world):
    set_limit(world.admin, TODAY.year, world.team_a.id, 50000)
    track = make_household(world.coach, registered=False, pseudonym="Familie Klaproos")
    spending = record_spending(world.coach, track, TODAY, 4000, "Boodschappen voor het weekend")
    assert spending.household_id == track.id


def test_a_registered_household_with_consent_gets_its_referral(world, household):
    catalogue = funds()
    referral = operations.create_referral(world.coach, household, "Een fiets", fund_id=catalogue["leergeld"].id)
    assert referral.status == "to_apply"

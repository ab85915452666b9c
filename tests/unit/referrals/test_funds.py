"""The fund catalogue: every fund of the practice guide, and an administrator's local schemes and retirements."""

import pytest

from gezinsaanpak.catalogues import load_catalogue
from gezinsaanpak.errors import InvalidInput, PermissionDenied
from gezinsaanpak.referrals import funds as catalogue
from gezinsaanpak.referrals import operations

from .helpers import funds

SEED_FUNDS = {  # code: (min age, max age, who applies), from the guide's overview of funds; the ages are inclusive
    "leergeld": (4, 17, "parents"),  # "van 4 tot 18 jaar"
    "jeugdfonds_sport_cultuur": (None, 17, "recognised_intermediaries"),  # "tot 18 jaar", "door het fonds erkende"
    "kinderhulp": (None, 20, "intermediaries"),  # "tot 21 jaar"
    "jarige_job": (4, 12, "parents;intermediaries"),  # "van 4 tot en met 12 jaar"
    "uitgestelde_kinderfeestjes": (5, 12, ""),  # "groep 2 tot en met 8"
    "urgente_noden": (None, None, "professionals"),
    "jeugdeducatiefonds": (4, 12, "school"),
}
OTHERS = ["kinderen_voedselbank", "babyspullen", "anwb_kinderfietsenplan",
          "kansarme_kinderen", "linda_foundation", "armoedefonds", "kledingbank", "witgoedregeling",
          "huisdierenwelzijn"]


def test_every_fund_of_the_guide_is_in_the_catalogue_with_ages_and_applicants():
    shipped = funds()
    for code, (low, high, applicants) in SEED_FUNDS.items():
        assert (shipped[code].min_age, shipped[code].max_age, shipped[code].applicants) == (low, high, applicants)
    assert set(OTHERS) <= set(shipped)
    assert shipped["jarige_job"].lead_time_days == 42
    assert shipped["leergeld"].is_sam
    assert not any(fund.is_yearly for fund in shipped.values())  # the guide names no yearly renewals


def test_no_dutch_description_leaves_out_the_highest_age():
    """In Dutch "tot 12 jaar" excludes 12: a fund that takes twelve-year-olds says "tot en met 12" or "tot 13"."""
    for fund in funds().values():
        if fund.max_age is not None:
            assert f" tot {fund.max_age} jaar" not in fund.provides_nl, fund.code


def test_loading_the_catalogue_again_corrects_the_funds_of_an_existing_database():
    """A database loaded from an earlier catalogue file: ages read as "up to and including", yearly renewal on."""
    shipped = funds()
    shipped["leergeld"].max_age = 18
    shipped["leergeld"].is_yearly = True
    shipped["jeugdfonds_sport_cultuur"].applicants = "intermediaries"
    shipped["kinderhulp"].max_age = 21
    load_catalogue("funds")
    assert (shipped["leergeld"].max_age, shipped["kinderhulp"].max_age) == (17, 20)
    assert shipped["jeugdfonds_sport_cultuur"].applicants == "recognised_intermediaries"
    assert shipped["leergeld"].is_yearly  # yearly renewal is the municipality's setting: loading leaves it alone


def test_an_administrator_adds_the_panic_budget_as_a_local_scheme(world):
    fund = catalogue.create_fund(world.admin, name="Paniekbudget gezinscoaches",
                                 provides_nl="Klein noodbudget voor de grootste nood.", applicants=["professionals"],
                                 min_age=None, max_age=None)
    assert fund.code == "local_paniekbudget_gezinscoaches" and fund.is_local
    assert fund.provides_en == fund.provides_nl  # no English text given: the Dutch one is shown
    again = catalogue.create_fund(world.admin, name="Paniekbudget gezinscoaches", provides_nl="Tweede")
    assert again.code == "local_paniekbudget_gezinscoaches_2"
    assert fund.code in {f.code for f in catalogue.active_funds()}


@pytest.mark.parametrize("values, field", [
    ({"name": "", "provides_nl": "x"}, "name"),
    ({"name": "X", "provides_nl": ""}, "provides_nl"),
    ({"name": "X", "provides_nl": "x", "min_age": 12, "max_age": 4}, "max_age"),
    ({"name": "X", "provides_nl": "x", "website": "leergeld.nl"}, "website"),
    ({"name": "X", "provides_nl": "x", "applicants": ["neighbours"]}, "applicants"),
])
def test_a_fund_with_a_mistake_is_refused_with_the_field(world, values, field):
    with pytest.raises(InvalidInput) as error:
        catalogue.create_fund(world.admin, **values)
    assert error.value.field == field


def test_only_administrators_edit_the_catalogue(world):
    with pytest.raises(PermissionDenied):
        catalogue.create_fund(world.coach, name="Eigen fonds", provides_nl="x")


def test_a_retired_fund_stays_on_old_referrals_but_is_not_offered(world, household):
    leergeld = funds()["leergeld"]
    old = operations.create_referral(world.coach, household, "Schoolreis", fund_id=leergeld.id)
    catalogue.set_retired(world.admin, leergeld, True)
    assert leergeld.code not in {f.code for f in catalogue.active_funds()}
    assert old.fund.name == "Stichting Leergeld"
    with pytest.raises(InvalidInput) as error:
        operations.create_referral(world.coach, household, "Schoolreis", fund_id=leergeld.id)
    assert error.value.field == "fund_id"
    catalogue.set_retired(world.admin, leergeld, False)
    assert leergeld.code in {f.code for f in catalogue.active_funds()}


def test_an_edited_fund_is_marked_so_updates_can_leave_it_alone(world):
    witgoed = funds()["witgoedregeling"]
    assert witgoed.edited_at is None
    catalogue.update_fund(world.admin, witgoed, name="Witgoedregeling Rotterdam", provides_nl=witgoed.provides_nl,
                          provides_en=witgoed.provides_en, website="https://www.rotterdam.nl/witgoed",
                          applicants=["professionals"])
    assert witgoed.edited_at is not None and witgoed.applicants == "professionals"
    assert load_catalogue("funds")[0] == 0  # nothing added again

"""The neighbourhood list: the administrator keeps it, coaches choose from it, and what a coach once typed is
reviewed before it counts as a neighbourhood anywhere."""
import pytest

from gezinsaanpak import privacy
from gezinsaanpak.cases import neighbourhoods
from gezinsaanpak.cases import operations as cases
from gezinsaanpak.cases.models import Household, Neighbourhood
from gezinsaanpak.errors import InvalidInput, PermissionDenied
from gezinsaanpak.extensions import db
from tests.factories import make_household


def typed_before_the_list(text, *households):
    """What the migration makes of a text a coach typed before the list existed."""
    entry = Neighbourhood(name=text, to_review=True)
    db.session.add(entry)
    for household in households:
        household.neighbourhood = entry
    db.session.flush()
    return entry


def test_only_the_administrator_keeps_the_list(ctx, world):
    with pytest.raises(PermissionDenied):
        neighbourhoods.add_neighbourhood(world.coach, "Carnisse")
    entry = neighbourhoods.add_neighbourhood(world.admin, "  Carnisse ", " wk059915 ", "Charlois")
    assert (entry.name, entry.cbs_code, entry.district, entry.is_listed) == ("Carnisse", "WK059915", "Charlois", True)


@pytest.mark.parametrize("name, code, field", [
    ("carnisse", None, "name"), ("", None, "name"), ("Tarwewijk", "059915", "cbs_code"),
    ("Tarwewijk", "WK05991", "cbs_code"), ("Tarwewijk", "BU059915", "cbs_code")])
def test_a_second_entry_of_the_same_name_or_a_malformed_cbs_code_is_refused(ctx, world, name, code, field):
    neighbourhoods.add_neighbourhood(world.admin, "Carnisse")
    with pytest.raises(InvalidInput) as refused:
        neighbourhoods.add_neighbourhood(world.admin, name, code)
    assert refused.value.field == field


def test_a_coach_chooses_from_the_list_and_cannot_type_a_neighbourhood(ctx, world):
    carnisse = neighbourhoods.add_neighbourhood(world.admin, "Carnisse")
    household = cases.open_contact_track(world.coach, "Familie Roos", "school", str(carnisse.id))
    assert household.neighbourhood is carnisse
    for typed in ("Dordtselaan 112 (fam. Yilmaz)", "999999"):
        with pytest.raises(InvalidInput) as refused:
            cases.open_contact_track(world.coach, "Familie Iris", "school", typed)
        assert refused.value.field == "neighbourhood_id"


def test_a_retired_entry_is_offered_no_more_but_the_households_that_have_it_keep_it(ctx, world):
    carnisse = neighbourhoods.add_neighbourhood(world.admin, "Carnisse")
    track = cases.open_contact_track(world.coach, "Familie Roos", "school", carnisse.id)
    neighbourhoods.retire_neighbourhood(world.admin, carnisse)
    assert carnisse not in neighbourhoods.listed()
    with pytest.raises(InvalidInput):
        cases.open_contact_track(world.coach, "Familie Iris", "school", carnisse.id)
    cases.register_household(world.coach, track, track.opened_on, "Registratie",
                             [{"first_name": "Samira", "role": "parent", "date_of_birth": track.opened_on.replace(
                                 year=1988)}], "working", neighbourhood_id=carnisse.id)
    assert track.neighbourhood is carnisse
    neighbourhoods.restore_neighbourhood(world.admin, carnisse)
    assert carnisse in neighbourhoods.listed()


def test_an_entry_to_review_is_mapped_onto_the_neighbourhood_it_stands_for(ctx, world):
    tarwewijk = neighbourhoods.add_neighbourhood(world.admin, "Tarwewijk")
    first, second = make_household(world.coach), make_household(world.coach, pseudonym="Familie Iris")
    typo = typed_before_the_list("tarwewyk", first, second)
    assert typo not in neighbourhoods.listed()
    with pytest.raises(InvalidInput):
        neighbourhoods.map_neighbourhood(world.admin, tarwewijk, typo)  # only entries to review are mapped
    assert neighbourhoods.map_neighbourhood(world.admin, typo, tarwewijk) == 2
    assert {h.neighbourhood_id for h in Household.query} == {tarwewijk.id}
    assert Neighbourhood.query.filter_by(name="tarwewyk").count() == 0


def test_removing_an_entry_to_review_deletes_the_typed_text(ctx, world):
    household = make_household(world.coach)
    typed = typed_before_the_list("Dordtselaan 112 (fam. Yilmaz)", household)
    neighbourhoods.retire_neighbourhood(world.admin, typed)
    assert db.session.get(Household, household.id).neighbourhood_id is None
    assert Neighbourhood.query.filter(Neighbourhood.name.like("Dordtselaan%")).count() == 0


def test_accepting_an_entry_to_review_puts_it_on_the_list_under_a_corrected_name(ctx, world):
    household = make_household(world.coach)
    typed = typed_before_the_list("bloemhof (achter de moskee)", household)
    neighbourhoods.edit_neighbourhood(world.admin, typed, "Bloemhof", "", "Feijenoord")
    assert typed in neighbourhoods.listed() and household.neighbourhood.name == "Bloemhof"
    assert neighbourhoods.districts() == ["Feijenoord"]


def erased(world, household):
    cases.move_stage(world.coach, household, "closed", reason="moved_away")
    privacy.erase_on_request(world.teamlead, household, household.pseudonym)
    db.session.flush()
    return db.session.get(Household, household.id)


def test_erasure_keeps_an_entry_of_the_list_and_drops_a_typed_one(ctx, world):
    listed = make_household(world.coach)
    assert erased(world, listed).neighbourhood.name == "Tarwewijk"  # a category, not personal data

    first, second = make_household(world.coach, pseudonym="Familie Iris"), make_household(world.coach,
                                                                                           pseudonym="Familie Roos")
    typed = typed_before_the_list("Dordtselaan 112 (fam. Yilmaz)", first, second)
    assert erased(world, first).neighbourhood_id is None
    assert second.neighbourhood is typed  # still the other family's, until the administrator reviews it
    assert erased(world, second).neighbourhood_id is None
    assert Neighbourhood.query.filter(Neighbourhood.name.like("Dordtselaan%")).count() == 0

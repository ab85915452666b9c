"""Recording during a visit: several ticks at once, each for whom it fits, all or nothing."""
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from gezinsaanpak.audit import AuditEvent
from gezinsaanpak.cases import operations as cases
from gezinsaanpak.errors import InvalidInput, PermissionDenied
from gezinsaanpak.extensions import db
from gezinsaanpak.signals import operations
from gezinsaanpak.signals.models import Signal
from gezinsaanpak.signals.operations import Tick
from gezinsaanpak.signals.queries import recording_sections
from gezinsaanpak.signals.rules import member_fits
from tests.factories import make_household
from tests.helpers import TODAY


def signals_of(household):
    return db.session.scalars(select(Signal).where(Signal.household_id == household.id)).all()


def test_a_coach_records_several_signals_for_members_and_the_household_at_once(world, household, checklist,
                                                                              people):
    yesterday = TODAY - timedelta(days=1)
    ticks = [Tick(checklist["home_visit.signal.03"].id, note="Stapel post op de mat"),
             Tick(checklist["home_visit.signal.09"].id),
             Tick(checklist["parents.signal.07"].id, people["Samira"].id, note="Brief van de deurwaarder gezien"),
             Tick(checklist["children.signal.02"].id, people["Kind0"].id)]
    recorded = operations.record_signals(world.coach, household, ticks, yesterday)
    assert len(recorded) == 4 and len(signals_of(household)) == 4
    assert {s.state for s in recorded} == {"observed"} and {s.observed_on for s in recorded} == {yesterday}
    assert recorded[2].member.first_name == "Samira" and recorded[2].note == "Brief van de deurwaarder gezien"
    assert [(c.from_state, c.to_state, c.by_id) for c in recorded[0].changes] == [(None, "observed", world.coach.id)]
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "signal.record")).all()
    assert len(events) == 4 and not any("deurwaarder" in (e.detail or "") for e in events)


def test_one_bad_tick_saves_nothing(world, household, checklist, people):
    ticks = [Tick(checklist["home_visit.signal.01"].id),
             Tick(checklist["parents.signal.01"].id, people["Samira"].id, note="x" * 1001)]
    with pytest.raises(InvalidInput) as error:
        operations.record_signals(world.coach, household, ticks)
    assert error.value.field == f"m{people['Samira'].id}.{checklist['parents.signal.01'].id}"
    assert signals_of(household) == []


@pytest.mark.parametrize("code, who, fits", [
    ("children.signal.01", "Kind0", True),
    ("children.signal.01", "Samira", False),  # children's items are for children
    ("parents.signal.04", "Samira", True),
    ("parents.signal.04", "Kind0", False),  # parents' items are for adults
    ("youth_18plus.signal.02", "Kind0", False),  # a child under 18
    ("home_visit.signal.06", "Samira", False),  # what you see in the home is the household's
    ("home_visit.signal.06", None, True),
    ("parents.signal.04", None, False),  # once registered, say whom it is about
])
def test_items_fit_the_members_they_are_about(world, household, checklist, people, code, who, fits):
    tick = Tick(checklist[code].id, people[who].id if who else None)
    if fits:
        assert operations.record_signals(world.coach, household, [tick])
    else:
        with pytest.raises(InvalidInput):
            operations.record_signals(world.coach, household, [tick])


def test_youth_18plus_items_fit_grown_up_children_and_young_adults_living_in(world, household, checklist):
    today = TODAY
    student = cases.add_member(world.coach, household, "Noor", "child", today.replace(year=today.year - 19))
    cousin = cases.add_member(world.coach, household, "Ilias", "other_adult", today.replace(year=today.year - 22))
    grandma = cases.add_member(world.coach, household, "Oma", "other_adult", date(1950, 1, 1))
    assert member_fits("youth_18plus", student, today) and member_fits("children", student, today)
    assert member_fits("youth_18plus", cousin, today) and member_fits("parents", cousin, today)
    assert not member_fits("youth_18plus", grandma, today)
    operations.record_signals(world.coach, household, [Tick(checklist["youth_18plus.signal.04"].id, student.id),
                                                       Tick(checklist["youth_18plus.signal.01"].id, cousin.id)])
    sections = {s.title: [g.code for g in s.groups] for s in recording_sections(household)}
    assert sections["Noor"] == ["children", "youth_18plus"]
    assert sections["Oma"] == ["parents"]
    assert sections["Samira"] == ["parents"] and sections["Kind0"] == ["children"]


def test_in_the_contact_phase_every_item_is_for_the_household_and_no_member_data(world, checklist):
    track = make_household(world.coach, registered=False)
    sections = recording_sections(track)
    assert [s.prefix for s in sections] == ["h"]
    assert [g.code for g in sections[0].groups] == ["children", "youth_18plus", "parents", "home_visit"]
    signal, = operations.record_signals(world.coach, track, [Tick(checklist["children.signal.03"].id)])
    assert signal.member_id is None
    with pytest.raises(InvalidInput):
        operations.record_signals(world.coach, track, [Tick(checklist["children.signal.04"].id, member_id=1)])


def test_retired_items_are_not_offered_but_stay_on_old_records(world, household, checklist):
    item = checklist["home_visit.signal.02"]
    old, = operations.record_signals(world.coach, household, [Tick(item.id)])
    operations.set_retired(world.admin, item, True)
    offered = {i.code for s in recording_sections(household) for g in s.groups for h in g.headings for i in h.entries}
    assert item.code not in offered and "home_visit.signal.01" in offered
    with pytest.raises(InvalidInput):
        operations.record_signals(world.coach, household, [Tick(item.id)])
    assert db.session.get(Signal, old.id).item.text_nl == "moeilijk telefonisch bereikbaar"


def test_an_open_signal_is_not_recorded_twice_but_one_set_aside_can_be(world, household, checklist):
    tick = Tick(checklist["home_visit.signal.10"].id)
    signal, = operations.record_signals(world.coach, household, [tick])
    with pytest.raises(InvalidInput):
        operations.record_signals(world.coach, household, [tick])
    with pytest.raises(InvalidInput):
        operations.record_signals(world.coach, household, [tick, tick])
    operations.change_state(world.coach, household, signal, "not_applicable")
    assert operations.record_signals(world.coach, household, [tick])


def test_dates_nothing_ticked_closed_households_and_strangers(world, household, checklist):
    tick = Tick(checklist["home_visit.signal.05"].id)
    with pytest.raises(InvalidInput) as error:
        operations.record_signals(world.coach, household, [tick], TODAY + timedelta(days=1))
    assert error.value.field == "observed_on"
    with pytest.raises(InvalidInput):
        operations.record_signals(world.coach, household, [])
    with pytest.raises(PermissionDenied):
        operations.record_signals(world.other_coach, household, [tick])
    cases.move_stage(world.coach, household, "closed", reason="moved_away")
    with pytest.raises(InvalidInput):
        operations.record_signals(world.coach, household, [tick])


def test_the_checklist_offers_each_child_the_items_for_their_age(world, household, checklist):
    today = TODAY
    teen = cases.add_member(world.coach, household, "Yara", "child", today.replace(year=today.year - 16))
    seven = cases.add_member(world.coach, household, "Bo", "child", today.replace(year=today.year - 7))
    offered = {s.title: {i.text_nl for g in s.groups for h in g.headings for i in h.entries}
               for s in recording_sections(household)}
    young_people_only = {"alcohol en/of drugs gebruiken", "achttiende verjaardag (financiële verantwoordelijkheid)",
                         "zelfstandig gaan wonen"}
    assert not young_people_only & offered["Bo"]
    assert young_people_only <= offered["Yara"]
    assert "geen sportkleding of winterjas of doorschieten in dure aanschaf" in offered["Bo"]
    with pytest.raises(InvalidInput) as error:
        operations.record_signals(world.coach, household, [Tick(checklist["children.signal.10"].id, seven.id)])
    assert "12" in str(error.value) and "Bo" in str(error.value)
    assert operations.record_signals(world.coach, household, [Tick(checklist["children.signal.10"].id, teen.id)])

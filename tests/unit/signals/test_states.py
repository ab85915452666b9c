"""A signal can be wrong: it is observed, discussed, confirmed, or set aside, and every change is kept."""
from datetime import timedelta

import pytest

from gezinsaanpak.errors import InvalidInput
from gezinsaanpak.signals import operations
from gezinsaanpak.signals.operations import Tick
from gezinsaanpak.signals.queries import open_signal_counts, overview
from gezinsaanpak.signals.rules import next_states
from tests.helpers import TODAY


@pytest.fixture
def signal(world, household, checklist, people):
    recorded, = operations.record_signals(world.coach, household, [Tick(checklist["parents.signal.04"].id,
                                                                        people["Samira"].id)],
                                          TODAY - timedelta(days=10))
    return recorded


def test_a_signal_moves_forward_and_every_change_is_dated_and_signed(world, household, signal):
    operations.change_state(world.coach, household, signal, "discussed", TODAY - timedelta(days=3))
    operations.change_state(world.teamlead, household, signal, "confirmed", note="Samira liet de nota's zien")
    assert signal.state == "confirmed"
    assert [(c.from_state, c.to_state) for c in signal.changes] == [
        (None, "observed"), ("observed", "discussed"), ("discussed", "confirmed")]
    assert signal.changes[1].changed_on == TODAY - timedelta(days=3)
    assert signal.changes[2].by_id == world.teamlead.id and signal.changes[2].note == "Samira liet de nota's zien"


@pytest.mark.parametrize("path, refused", [
    (["confirmed"], "discussed"),  # no way back
    (["discussed"], "observed"),
    ([], "observed"),  # no change to the same state
    (["not_applicable"], "confirmed"),  # reopening goes back to where it was
])
def test_backward_moves_are_refused(world, household, signal, path, refused):
    for state in path:
        operations.change_state(world.coach, household, signal, state)
    with pytest.raises(InvalidInput):
        operations.change_state(world.coach, household, signal, refused)


@pytest.mark.parametrize("before", [[], ["discussed"], ["confirmed"], ["discussed", "confirmed"]])
def test_not_applicable_from_any_state_and_reopening_restores_it(world, household, signal, before):
    for state in before:
        operations.change_state(world.coach, household, signal, state)
    was = signal.state
    operations.change_state(world.coach, household, signal, "not_applicable", note="Andere oorzaak")
    assert next_states(signal) == (was,)
    set_aside = overview(household).set_aside
    assert signal in set_aside  # it stays, in the history
    operations.change_state(world.coach, household, signal, was)
    assert signal.state == was and len(signal.changes) == len(before) + 3


def test_dates_of_a_change_must_be_real(world, household, signal):
    with pytest.raises(InvalidInput):
        operations.change_state(world.coach, household, signal, "discussed", TODAY + timedelta(days=1))
    with pytest.raises(InvalidInput):
        operations.change_state(world.coach, household, signal, "discussed", signal.observed_on - timedelta(days=1))


def test_open_signals_per_life_area_leave_out_what_was_set_aside(world, household, checklist, people, signal):
    more = operations.record_signals(world.coach, household, [
        Tick(checklist["home_visit.signal.04"].id), Tick(checklist["home_visit.signal.06"].id),
        Tick(checklist["children.signal.18"].id, people["Kind1"].id)])
    samira, kind1 = people["Samira"].id, people["Kind1"].id  # the `signal` fixture is Samira's
    assert open_signal_counts(household) == {None: {"bridge.debts": 1, "family.basic_needs": 1},
                                             samira: {"bridge.debts": 1}, kind1: {"child.social_emotional": 1}}
    operations.change_state(world.coach, household, more[0], "not_applicable")
    assert open_signal_counts(household) == {None: {"family.basic_needs": 1}, samira: {"bridge.debts": 1},
                                             kind1: {"child.social_emotional": 1}}


def test_a_step_cannot_be_dated_before_the_previous_step(world, household, signal):
    """Stages, signal states and referral statuses share one rule: a history in date order."""
    operations.change_state(world.coach, household, signal, "discussed", TODAY - timedelta(days=3))
    with pytest.raises(InvalidInput):  # observed ten days ago, but discussed three days ago
        operations.change_state(world.coach, household, signal, "confirmed", TODAY - timedelta(days=5))
    assert [c.to_state for c in signal.changes] == ["observed", "discussed"]

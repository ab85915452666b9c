"""Bridge and Child Bridge assessments: the right scale and age band, dated, repeatable, compared."""
import json
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from gezinsaanpak.audit import AuditEvent
from gezinsaanpak.cases import operations as cases
from gezinsaanpak.errors import InvalidInput
from gezinsaanpak.extensions import db
from gezinsaanpak.plans.assessments import (
    age_band_for,
    assessments_of,
    compare,
    record_assessment,
    scale_for,
    summarise,
)
from tests.factories import make_household
from tests.helpers import TODAY
from tests.unit.plans.helpers import colours, steps


@pytest.mark.parametrize("age, band", [(0, "by_5"), (5, "by_5"), (6, "by_11"), (9, "by_11"), (11, "by_11"),
                                       (12, "by_18"), (18, "by_18")])
def test_the_age_band_follows_the_age_on_the_day(age, band):
    on = date(2026, 11, 25)
    assert age_band_for(date(on.year - age, 3, 1), on) == band


def test_the_band_changes_on_the_birthday_not_before():
    born = date(2014, 12, 1)
    assert age_band_for(born, date(2026, 11, 30)) == "by_11"
    assert age_band_for(born, date(2026, 12, 1)) == "by_18"


def test_a_child_member_older_than_18_gets_the_adult_bridge(world, household):
    young_adult = cases.add_member(world.coach, household, "Ilias", "child", TODAY - timedelta(days=365 * 20))
    child = next(m for m in household.members if m.role == "child")
    assert scale_for(young_adult, TODAY) == "bridge"
    assert scale_for(child, TODAY) == "child_bridge"


def test_a_nine_year_old_is_assessed_against_middle_childhood(world, household, domains):
    nine = cases.add_member(world.coach, household, "Noor", "child", TODAY - timedelta(days=365 * 9 + 30))
    assessment = record_assessment(world.coach, household, nine, TODAY,
                                   colours(domains, social_emotional="red", educational_progress="orange"))
    assert assessment.scale == "child_bridge" and assessment.age_band == "by_11"
    assert {s.domain.code: s.colour for s in assessment.scores} == {"child.social_emotional": "red",
                                                                    "child.educational_progress": "orange"}


def test_an_adult_gets_a_step_per_sub_domain_with_a_note(world, household, people, domains):
    scores = steps(domains, housing=2, debts=1, employment=3)
    scores[domains["bridge.debts"].id]["note"] = "Aanmaning van de zorgverzekeraar"
    assessment = record_assessment(world.coach, household, people["Samira"], TODAY, scores)
    assert assessment.scale == "bridge" and assessment.age_band is None
    debts = next(s for s in assessment.scores if s.domain.code == "bridge.debts")
    assert debts.step == 1 and debts.note == "Aanmaning van de zorgverzekeraar"
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "assessment.add"))
    assert "zorgverzekeraar" not in event.detail and json.loads(event.detail)["scores"]["bridge.debts"] == 1


@pytest.mark.parametrize("on, message", [
    (TODAY + timedelta(days=1), "toekomst"),
    (TODAY - timedelta(days=400), "vóór de registratie"),
    (None, "Vul de datum"),
])
def test_a_wrong_date_is_refused(world, household, people, domains, on, message):
    with pytest.raises(InvalidInput, match=message) as error:
        record_assessment(world.coach, household, people["Samira"], on, steps(domains, debts=2))
    assert error.value.field == "assessed_on"


def test_nothing_scored_or_a_step_out_of_range_is_refused(world, household, people, domains):
    with pytest.raises(InvalidInput, match="minstens één domein"):
        record_assessment(world.coach, household, people["Samira"], TODAY, {})
    with pytest.raises(InvalidInput, match="trede van 1 tot en met 5"):
        record_assessment(world.coach, household, people["Samira"], TODAY, steps(domains, debts=7))
    with pytest.raises(InvalidInput, match="groen, oranje of rood"):
        record_assessment(world.coach, household, people["Kind0"], TODAY,
                          colours(domains, self_regulation="purple"))
    assert assessments_of(people["Samira"]) == []


def test_a_member_of_another_household_cannot_be_assessed_through_this_one(world, household, domains):
    other = make_household(world.coach, pseudonym="Familie Iris")
    with pytest.raises(InvalidInput):
        record_assessment(world.coach, household, other.members[0], TODAY, steps(domains, debts=2))


def test_a_repeated_assessment_shows_the_change_from_the_first(world, household, people, domains):
    samira = people["Samira"]
    record_assessment(world.coach, household, samira, TODAY - timedelta(days=28),
                      steps(domains, debts=1, housing=3, health=4))
    record_assessment(world.coach, household, samira, TODAY - timedelta(days=14), steps(domains, debts=2))
    record_assessment(world.coach, household, samira, TODAY, steps(domains, debts=3, housing=2, savings=2))
    history = assessments_of(samira)
    assert len(history) == 3
    changes = {row.domain.code: row.change for row in compare(history[0], history[-1])}
    assert changes == {"bridge.housing": -1, "bridge.health": None, "bridge.debts": 2, "bridge.savings": None}
    summary = summarise(history[-1])
    assert summary.average == 2.3 and summary.low == 2


def test_colours_compare_from_red_to_green(world, household, people, domains):
    kind = people["Kind1"]
    first = record_assessment(world.coach, household, kind, TODAY - timedelta(days=20),
                              colours(domains, social_emotional="red", self_regulation="green"))
    latest = record_assessment(world.coach, household, kind, TODAY,
                               colours(domains, social_emotional="orange", self_regulation="orange"))
    assert {r.domain.code: r.change for r in compare(first, latest)} == {"child.social_emotional": 1,
                                                                         "child.self_regulation": -1}
    assert summarise(latest).colours == {"red": 0, "orange": 2, "green": 0}

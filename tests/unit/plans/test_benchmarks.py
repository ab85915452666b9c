"""The Child Bridge by benchmark: the guide's grid shipped as data, a colour per benchmark, and each domain's colour
following from its benchmarks."""
import csv
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from gezinsaanpak.cases import operations as cases
from gezinsaanpak.catalogues import CATALOGUES, load_catalogue
from gezinsaanpak.errors import InvalidInput
from gezinsaanpak.extensions import db
from gezinsaanpak.plans.assessments import (
    assessments_of,
    benchmark_history,
    benchmarks_of,
    comparable,
    domain_colour,
    record_assessment,
)
from gezinsaanpak.plans.models import Benchmark
from tests.helpers import TODAY
from tests.unit.plans.helpers import colours

# How many benchmarks the guide's grid (seed 003, Illustration B) has per age band and domain, in the domains' order:
# health and wellbeing, social-emotional, self-regulation, preparing for independence, educational progress.
GUIDE = {
    "by_5": [3, 3, 3, 4, 3],
    "by_11": [3, 3, 4, 3, 3],
    "by_18": [3, 3, 4, 4, 4],
}


def test_the_catalogue_holds_every_benchmark_of_the_guide_per_domain_and_age_band(domains):
    order = ["child.developmental_health", "child.social_emotional", "child.self_regulation",
             "child.preparing_for_independence", "child.educational_progress"]
    for band, counts in GUIDE.items():
        found = benchmarks_of(band)
        assert [sum(1 for b in found if b.domain.code == code) for code in order] == counts, band
        assert all(b.text_nl and b.text_en and b.text_nl != b.text_en for b in found)
    assert db.session.scalar(select(func.count(Benchmark.id))) == 50


def test_the_texts_are_the_guides_in_english_and_fit_dutch_schools_in_dutch(domains):
    by_code = {b.code: b for b in db.session.scalars(select(Benchmark))}
    marks = by_code["by_18.education.sufficient_marks"]
    assert marks.text_en == "C+ or better in every class." and "voldoende" in marks.text_nl
    further = by_code["by_18.independence.further_education"]
    assert further.text_en == "Specific plans for post-secondary education in place."
    assert "mbo, hbo of wo" in further.text_nl
    assert by_code["by_5.self_regulation.two_steps"].text_en == "Follows 2-step directions."


def test_loading_again_changes_nothing_and_a_changed_text_is_refreshed(domains, tmp_path):
    assert load_catalogue("benchmarks") == (0, 0)
    path = tmp_path / "benchmarks.csv"
    with open(CATALOGUES["benchmarks"][1], encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    rows[0]["text_nl"] = "Is gezond."
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    assert load_catalogue("benchmarks", path) == (0, 1)
    assert db.session.scalar(select(Benchmark).where(Benchmark.code == rows[0]["code"])).text_nl == "Is gezond."
    assert db.session.scalar(select(func.count(Benchmark.id))) == 50


@pytest.mark.parametrize("given, derived", [
    (["green", "green", "green"], "green"),
    (["green", "orange", "green"], "orange"),
    (["green", "orange", "red"], "red"),
    (["red"], "red"),
    ([], None),
])
def test_a_domain_takes_the_colour_of_its_most_urgent_benchmark(given, derived):
    assert domain_colour(given) == derived


def test_a_seven_year_old_gets_a_colour_per_benchmark_and_each_domain_the_derived_colour(world, household, domains):
    seven = cases.add_member(world.coach, household, "Noor", "child", TODAY - timedelta(days=365 * 7 + 30))
    health = [b for b in benchmarks_of("by_11") if b.domain.code == "child.developmental_health"]
    scores = colours(domains, educational_progress="green")
    scores[domains["child.developmental_health"].id] = {
        "benchmarks": {health[0].id: "green", health[1].id: "orange", health[2].id: ""}, "note": "Astma"}
    assessment = record_assessment(world.coach, household, seven, TODAY, scores)
    assert assessment.age_band == "by_11"
    derived = {s.domain.code: (s.colour, s.from_benchmarks, s.note) for s in assessment.scores}
    assert derived == {"child.developmental_health": ("orange", True, "Astma"),
                       "child.educational_progress": ("green", True, None)}
    assert len(assessment.benchmark_scores) == 2 + 3  # the benchmark not discussed is not stored


def test_benchmarks_of_another_age_band_are_refused_and_nothing_is_saved(world, household, people, domains):
    with pytest.raises(InvalidInput, match="andere leeftijdsfase") as error:
        record_assessment(world.coach, household, people["Kind1"], TODAY,
                          colours(domains, band="by_5", self_regulation="green"))
    assert error.value.field == "assessed_on"
    with pytest.raises(InvalidInput, match="minstens één ijkpunt"):
        record_assessment(world.coach, household, people["Kind1"], TODAY,
                          {domains["child.self_regulation"].id: {"benchmarks": {}, "note": "Niet besproken"}})
    assert assessments_of(people["Kind1"]) == []


def test_history_per_benchmark_and_change_only_within_the_age_band(world, household, domains):
    born = TODAY - timedelta(days=365 * 6 + 100)  # turned six about 100 days ago
    child = cases.add_member(world.coach, household, "Sem", "child", born)
    household.registered_on = TODAY - timedelta(days=300)
    record_assessment(world.coach, household, child, TODAY - timedelta(days=200),
                      colours(domains, band="by_5", self_regulation="red"))
    first = record_assessment(world.coach, household, child, TODAY - timedelta(days=60),
                              colours(domains, self_regulation="orange"))
    latest = record_assessment(world.coach, household, child, TODAY, colours(domains, self_regulation="green"))
    history = assessments_of(child)
    assert comparable(history) == [first, latest]  # the early-childhood assessment has other benchmarks
    grid = benchmark_history(comparable(history))
    regulation = next(d for d in grid if d.domain.code == "child.self_regulation")
    assert [s.colour if s else None for s in regulation.scores] == ["orange", "green"]
    assert len(regulation.benchmarks) == 4
    assert all(row == ["orange", "green"] for _benchmark, row in regulation.benchmarks)
    health = next(d for d in grid if d.domain.code == "child.developmental_health")
    assert health.scores == [None, None] and all(row == [None, None] for _b, row in health.benchmarks)

"""Bridge and Child Bridge assessments: record them, and compare the first with the latest.

An adult is assessed on the Bridge sub-domains with a step from 1 (in crisis) to 5 (self-sufficient).
A child up to 18 is assessed on the Child Bridge: the coach gives each benchmark of the age band that fits
the child's age on the day of the assessment a colour, green (on track), orange (some concern) or red (high
priority), and each domain's colour follows from its benchmarks (`domain_colour`). A child member older than
18 is a young adult and gets the Bridge.
"""
from dataclasses import dataclass
from datetime import date

from flask_babel import format_date
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from .. import audit
from ..auth.permissions import can_edit_household, require
from ..errors import InvalidInput
from ..extensions import db
from ..forms import TEXT_MAX
from ..i18n import _
from ..timeutil import age_on, today
from .labels import AGE_BAND_LABELS
from .models import COLOURS, DOMAINS, Assessment, AssessmentScore, Benchmark, BenchmarkScore, Domain

CHILD_BRIDGE_UNTIL = 18


def age_band_for(born: date, on: date) -> str:
    """Early childhood up to 5, middle childhood 6 to 11, adolescence 12 to 18."""
    age = age_on(born, on)
    if age <= 5:
        return "by_5"
    if age <= 11:
        return "by_11"
    return "by_18"


def scale_for(member, on: date) -> str:
    if member.is_child and age_on(member.date_of_birth, on) <= CHILD_BRIDGE_UNTIL:
        return "child_bridge"
    return "bridge"


def domains_by_code() -> dict[str, Domain]:
    """The whole domain catalogue (a few dozen entries, retired ones included), as this process keeps it."""
    return DOMAINS.copy().by("code")


def domains_of(scale: str) -> list[Domain]:
    return db.session.scalars(select(Domain).where(Domain.scale == scale, Domain.retired_at.is_(None))
                              .order_by(Domain.position)).all()


def benchmarks_of(band: str) -> list[Benchmark]:
    """The Child Bridge benchmarks of one age band, by domain, in the guide's order."""
    return db.session.scalars(select(Benchmark).join(Domain, Domain.id == Benchmark.domain_id)
                              .where(Benchmark.age_band == band, Benchmark.retired_at.is_(None),
                                     Domain.retired_at.is_(None))
                              .order_by(Domain.position, Benchmark.position)).all()


def domain_colour(colours) -> str | None:
    """A Child Bridge domain's colour from the colours of its benchmarks that were discussed: red when any
    benchmark is red, else orange when any is orange, else green; None when none was discussed.

    The guide's colours say how much attention a benchmark needs ("on track", "some concern", "high priority"),
    not a grade to average: one benchmark of high priority makes the domain one where the family and the coach
    need to act, and a domain is on track only when all its benchmarks discussed are."""
    for colour in COLOURS:  # from most to least concern
        if colour in colours:
            return colour
    return None


def _check_date(household, member, on):
    if on is None:
        raise InvalidInput(_("Enter the date of the assessment."), "assessed_on")
    if on > today():
        raise InvalidInput(_("An assessment cannot be dated in the future."), "assessed_on")
    if household.registered_on and on < household.registered_on:
        raise InvalidInput(_("An assessment cannot be dated before the registration on %(date)s.",
                             date=format_date(household.registered_on)), "assessed_on")
    if on < member.date_of_birth:
        raise InvalidInput(_("An assessment cannot be dated before the date of birth."), "assessed_on")


def record_assessment(actor, household, member, assessed_on: date, scores: dict) -> Assessment:
    """Save one dated assessment. `scores` maps a domain id to {"value": step or "", "note": text} on the Bridge,
    and to {"benchmarks": {benchmark id: colour or ""}, "note": text} on the Child Bridge.

    What is left empty was not discussed this time; at least one domain (Bridge) or benchmark (Child Bridge) must
    be filled in. A Child Bridge domain gets the colour its benchmarks give it (`domain_colour`).
    """
    require(can_edit_household(actor, household))
    if member.household_id != household.id:
        raise InvalidInput(_("This member does not belong to this household."))
    if household.is_closed:
        raise InvalidInput(_("This household is closed. Reopen it before adding to the plan."))
    _check_date(household, member, assessed_on)
    scale = scale_for(member, assessed_on)
    band = age_band_for(member.date_of_birth, assessed_on) if scale == "child_bridge" else None
    assessment = Assessment(household_id=household.id, member_id=member.id, scale=scale, age_band=band,
                            assessed_on=assessed_on, by_id=actor.id)
    benchmarks = {b.id: b for b in benchmarks_of(band)} if band else {}
    for domain in domains_of(scale):
        entry = scores.get(domain.id) or {}
        value = str(entry.get("value") or "").strip()
        note = (entry.get("note") or "").strip()[:TEXT_MAX] or None
        if scale == "bridge":
            if not value:
                continue
            if value not in {"1", "2", "3", "4", "5"}:
                raise InvalidInput(_("Choose a step from 1 to 5."), f"domain_{domain.id}")
            assessment.scores.append(AssessmentScore(domain=domain, step=int(value), note=note))
            continue
        if value:
            raise InvalidInput(_("Colour the benchmarks: the colour of a domain follows from them."), "scores")
        colours = _benchmark_colours(assessment, domain, entry.get("benchmarks") or {}, benchmarks, member)
        if colours:
            assessment.scores.append(AssessmentScore(domain=domain, colour=domain_colour(colours), note=note,
                                                     from_benchmarks=True))
    if not assessment.scores:
        raise InvalidInput(_("Fill in at least one domain; leave out only what was not discussed.")
                           if scale == "bridge" else
                           _("Colour at least one benchmark; leave out only what was not discussed."), "scores")
    db.session.add(assessment)
    db.session.flush()
    audit.record(actor, "assessment.add", household, assessment,
                 detail={"member": member.id, "scale": scale, "age_band": band,
                         "scores": {s.domain.code: s.step or s.colour for s in assessment.scores},
                         **({"benchmarks": {b.benchmark.code: b.colour for b in assessment.benchmark_scores}}
                            if assessment.benchmark_scores else {})})
    return assessment


def _benchmark_colours(assessment, domain, given: dict, benchmarks: dict, member) -> list[str]:
    """Add the colours given to the domain's benchmarks (benchmark id: colour, empty when not discussed)."""
    colours = []
    for key, colour in given.items():
        colour = str(colour or "").strip()
        if not colour:
            continue
        benchmark = benchmarks.get(int(key))
        if benchmark is None or benchmark.domain_id != domain.id:
            raise InvalidInput(_("On this date %(name)s is in another age band than the benchmarks filled in: "
                                 "colour the benchmarks of %(band)s.", name=member.first_name,
                                 band=AGE_BAND_LABELS[assessment.age_band]), "assessed_on")
        if colour not in COLOURS:
            raise InvalidInput(_("Choose green, orange or red."), f"benchmark_{benchmark.id}")
        assessment.benchmark_scores.append(BenchmarkScore(benchmark=benchmark, colour=colour))
        colours.append(colour)
    return colours


def assessments_of(member) -> list[Assessment]:
    """Oldest first, with their domain and benchmark colours."""
    return db.session.scalars(select(Assessment).where(Assessment.member_id == member.id)
                              .options(selectinload(Assessment.scores), selectinload(Assessment.benchmark_scores))
                              .order_by(Assessment.assessed_on, Assessment.id)).all()


def comparable(history: list[Assessment]) -> list[Assessment]:
    """The assessments that can be compared with the latest: all of one scale, and on the Child Bridge only those
    of the latest one's age band, because each band has its own benchmarks."""
    if not history:
        return []
    latest = history[-1]
    return [a for a in history if a.scale == latest.scale and a.age_band == latest.age_band]


def level_of(score) -> int:
    """A comparable number: the step, or the colour's place from red (1) to green (3)."""
    return score.step if score.step is not None else COLOURS.index(score.colour) + 1


@dataclass
class Comparison:
    domain: Domain
    first: AssessmentScore | None
    latest: AssessmentScore | None

    @property
    def change(self) -> int | None:
        """Positive is progress; None when one of the two did not cover this domain."""
        if self.first is None or self.latest is None:
            return None
        return level_of(self.latest) - level_of(self.first)


def compare(first: Assessment, latest: Assessment) -> list[Comparison]:
    """Every domain either assessment covered, in catalogue order."""
    firsts = {s.domain_id: s for s in first.scores}
    latests = {s.domain_id: s for s in latest.scores}
    domains = {s.domain_id: s.domain for s in first.scores + latest.scores}
    ordered = sorted(domains.values(), key=lambda d: d.position)
    return [Comparison(d, firsts.get(d.id), latests.get(d.id)) for d in ordered]


@dataclass
class Summary:
    """A one-line view of an assessment for lists: average step, or how many domains per colour."""
    assessment: Assessment
    average: float | None
    low: int
    colours: dict


def summarise(assessment: Assessment) -> Summary:
    steps = [s.step for s in assessment.scores if s.step is not None]
    colours = {c: sum(1 for s in assessment.scores if s.colour == c) for c in COLOURS}
    average = round(sum(steps) / len(steps), 1) if steps else None
    return Summary(assessment, average, sum(1 for step in steps if step <= 2), colours)


@dataclass
class DomainHistory:
    """One Child Bridge domain over a child's assessments in one age band: the domain's colour per assessment
    (derived from benchmarks, or scored for the domain as a whole before there were benchmarks), and per benchmark
    its colour per assessment (None: not discussed, or not scored per benchmark then)."""
    domain: Domain
    scores: list
    benchmarks: list  # [(Benchmark, [colour or None per assessment])]


def benchmark_history(assessments: list[Assessment]) -> list[DomainHistory]:
    """The benchmark grid of Child Bridge assessments of one age band, oldest assessment first."""
    if not assessments or assessments[-1].age_band is None:
        return []
    band = assessments[-1].age_band
    colours = {(s.assessment_id, s.benchmark_id): s.colour for a in assessments for s in a.benchmark_scores}
    scored = {benchmark_id for _assessment, benchmark_id in colours}
    shown = [b for b in db.session.scalars(select(Benchmark).where(Benchmark.age_band == band)
                                           .order_by(Benchmark.position))
             if b.retired_at is None or b.id in scored]
    result = []
    for domain in sorted({s.domain for a in assessments for s in a.scores} | {b.domain for b in shown},
                         key=lambda d: d.position):
        by_assessment = [next((s for s in a.scores if s.domain_id == domain.id), None) for a in assessments]
        rows = [(b, [colours.get((a.id, b.id)) for a in assessments]) for b in shown if b.domain_id == domain.id]
        result.append(DomainHistory(domain, by_assessment, rows))
    return result

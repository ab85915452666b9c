"""Bridge and Child Bridge assessments: record them, and compare the first with the latest.

An adult is assessed on the Bridge sub-domains with a step from 1 (in crisis) to 5 (self-sufficient).
A child up to 18 is assessed on the Child Bridge with a colour per domain, against the benchmarks of the
age band that fits the child's age on the day of the assessment. A child member older than 18 is a
young adult and gets the Bridge.
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
from ..web import once_per_request
from .models import COLOURS, Assessment, AssessmentScore, Domain

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
    """The whole domain catalogue (a few dozen rows, retired ones included), once per request."""
    return once_per_request("domains", lambda: {d.code: d for d in db.session.scalars(select(Domain))})


def domains_of(scale: str) -> list[Domain]:
    return db.session.scalars(select(Domain).where(Domain.scale == scale, Domain.retired_at.is_(None))
                              .order_by(Domain.position)).all()


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
    """Save one dated assessment. `scores` maps a domain id to {"value": step or colour or "", "note": text}.

    Domains left empty were not discussed this time; at least one must be filled in.
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
    for domain in domains_of(scale):
        entry = scores.get(domain.id) or {}
        value = str(entry.get("value") or "").strip()
        note = (entry.get("note") or "").strip()[:TEXT_MAX] or None
        if not value:
            continue
        if scale == "bridge":
            if value not in {"1", "2", "3", "4", "5"}:
                raise InvalidInput(_("Choose a step from 1 to 5."), f"domain_{domain.id}")
            assessment.scores.append(AssessmentScore(domain=domain, step=int(value), note=note))
        else:
            if value not in COLOURS:
                raise InvalidInput(_("Choose green, orange or red."), f"domain_{domain.id}")
            assessment.scores.append(AssessmentScore(domain=domain, colour=value, note=note))
    if not assessment.scores:
        raise InvalidInput(_("Fill in at least one domain; leave out only what was not discussed."), "scores")
    db.session.add(assessment)
    db.session.flush()
    audit.record(actor, "assessment.add", household, assessment,
                 detail={"member": member.id, "scale": scale, "age_band": band,
                         "scores": {s.domain.code: s.step or s.colour for s in assessment.scores}})
    return assessment


def assessments_of(member) -> list[Assessment]:
    """Oldest first."""
    return db.session.scalars(select(Assessment).where(Assessment.member_id == member.id)
                              .options(selectinload(Assessment.scores).joinedload(AssessmentScore.domain))
                              .order_by(Assessment.assessed_on, Assessment.id)).all()


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

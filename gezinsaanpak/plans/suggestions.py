"""Domains that may need a goal: where the latest assessment shows concern, and where open signals point.

A suggestion is a prompt for the conversation with the family, never a goal by itself: the family
chooses what to work on. Domains with an active or adjusted goal for the same person are left out.
"""
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..cases.registry import household_parts
from ..extensions import db
from ..timeutil import today
from .assessments import domains_by_code, scale_for
from .models import COLOURS, Assessment, AssessmentScore, Domain, Goal

OPEN_GOAL_STATUSES = ("active", "adjusted")


@dataclass
class Suggestion:
    domain: Domain
    member: object | None  # None: the family as a whole
    score: AssessmentScore | None = None  # from an assessment
    signals: int = 0  # from open signals

    @property
    def member_id(self):
        return self.member.id if self.member else None


@dataclass
class Suggestions:
    items: list = field(default_factory=list)
    signals_available: bool = False

    def for_member(self, member_id):
        return [s for s in self.items if s.member_id == member_id]


def needs_attention(score: AssessmentScore) -> bool:
    """Steps 1-2 on the Bridge, red or orange on the Child Bridge."""
    return (score.step is not None and score.step <= 2) or score.colour in ("red", "orange")


def suggest_domains(household, plan=None) -> Suggestions:
    """Concern in each member's latest assessment first (most urgent first), then open signals by life area.

    `plan`, a `PlanView` the caller already has, saves loading the goals and assessments a second time."""
    members = {m.id: m for m in household.members if not m.left_on}
    if plan is not None:
        open_goals = {(g.member_id, g.domain_id) for g in plan.goals if g.status in OPEN_GOAL_STATUSES}
        assessed = sorted((row for row in plan.members if row.latest), key=lambda r: (r.first.assessed_on, r.first.id))
        latest = {row.member.id: row.latest for row in assessed}  # in order of first assessment, as below
    else:
        open_goals = {(g.member_id, g.domain_id) for g in db.session.scalars(
            select(Goal).where(Goal.household_id == household.id, Goal.status.in_(OPEN_GOAL_STATUSES)))}
        latest = {}
        for assessment in db.session.scalars(
                select(Assessment).where(Assessment.household_id == household.id)
                .options(selectinload(Assessment.scores))
                .order_by(Assessment.assessed_on, Assessment.id)):
            latest[assessment.member_id] = assessment
    result = Suggestions()
    positions = {domain.id: domain.position for domain in domains_by_code().values()}
    for member_id, assessment in latest.items():
        if member_id not in members:
            continue
        concerns = [score for score in assessment.scores
                    if needs_attention(score) and (member_id, score.domain_id) not in open_goals]
        for score in sorted(concerns, key=lambda score: _urgency(score, positions)):
            result.items.append(Suggestion(score.domain, members[member_id], score=score))
    result.signals_available = _add_signal_suggestions(household, members, open_goals, result.items)
    return result


def _urgency(score, positions):
    """Lowest step or reddest colour first, then in the order of the domains (`positions`, by domain id)."""
    return (score.step if score.step is not None else COLOURS.index(score.colour) + 1, positions[score.domain_id])


def _open_signals(household) -> dict | None:
    """{member id or None: {area (a domain code): count}} from the areas that point to goals (signals); None when
    no area offers such counts."""
    sources = household_parts().domain_needs
    if not sources:
        return None
    counts: dict = {}
    for source in sources:
        for member_id, per_area in source(household).items():
            mine = counts.setdefault(member_id, {})
            for code, count in per_area.items():
                mine[code] = mine.get(code, 0) + count
    return counts


def _add_signal_suggestions(household, members, open_goals, items) -> bool:
    """Add (or strengthen) a suggestion per open-signal area; False when the signals area offers no counts."""
    counts = _open_signals(household)
    if counts is None:
        return False
    on = today()
    scales = {member_id: scale_for(member, on) for member_id, member in members.items()}
    codes = {code for per_member in counts.values() for code in per_member}
    catalogue = domains_by_code()
    domains = {code: catalogue[code] for code in codes if code in catalogue and catalogue[code].retired_at is None}
    for member_id, per_area in counts.items():
        for code, count in per_area.items():
            domain = domains.get(code)
            if domain is None or not count:
                continue
            for member in _owners(domain, member_id, members, scales):
                key = (member.id if member else None, domain.id)
                if key in open_goals:
                    continue
                existing = next((s for s in items if (s.member_id, s.domain.id) == key), None)
                if existing:
                    existing.signals += count
                else:
                    items.append(Suggestion(domain, member, signals=count))
    return True


def _owners(domain, member_id, members, scales):
    """Whose goal a signal's area would be: the family for a family theme, else the member it was recorded for
    (or, for a household-wide signal, every member the domain fits). `scales`: each member's scale today."""
    if domain.scale == "family":
        return [None]
    candidates = [members[member_id]] if member_id in members else list(members.values())
    return [m for m in candidates if scales[m.id] == domain.scale]

"""Outcomes across a team's households. Every figure is a count of one thing (households, members, children, goals
or referrals) split into parts that add up to it:
- change per domain between a member's first and latest assessment, as a distribution over the members compared;
- goals by status, referrals by status, and whether children take part after a grant, per fund.

A Child Bridge rates a child against the benchmarks of an age band, so a child is compared only within one band:
the first and latest assessment of the most recent band in which the child was assessed at least twice.

Groups of fewer than five households are suppressed so no family can be recognised."""
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import and_, func, select, true

from ..cases.models import Household
from ..extensions import db
from ..plans.models import GOAL_STATUSES, Assessment, AssessmentScore, Domain, Goal
from ..referrals.models import PARTICIPATION, REFERRAL_STATUSES, Fund, Referral

MIN_HOUSEHOLDS = 5
COLOUR_RANK = {"red": 0, "orange": 1, "green": 2}
COLOUR_CHANGES = ("worse", "same", "better")
GOAL_SCALES = ("bridge", "child_bridge", "family")
ALL = "all"  # the key of a total row


@dataclass
class Group:
    """One row of a report: `parts` (a count per category) add up to `total`, found in `households` households.
    A group of fewer than MIN_HOUSEHOLDS households keeps only that fact: no total, no parts."""
    key: object
    households: int
    parts: dict = field(default_factory=dict)
    total: int | None = None

    @property
    def suppressed(self) -> bool:
        return self.households < MIN_HOUSEHOLDS


def _group(key, households: set, parts: dict) -> Group:
    group = Group(key, len(households))
    if not group.suppressed:
        group.parts, group.total = dict(parts), sum(parts.values())
    return group


def _of_team(team_id: int | None):
    """The households of a team, or (None) of the whole municipality, for the policy officer."""
    return true() if team_id is None else Household.team_id == team_id


def _compared(team_id):
    """Per member and scale, the first and the latest assessment to compare (both in the same age band)."""
    band = func.coalesce(Assessment.age_band, "")
    within = (Assessment.member_id, Assessment.scale, band)
    numbered = (select(Assessment.id, Assessment.member_id, Assessment.scale, Assessment.household_id,
                       band.label("band"),
                       func.row_number().over(partition_by=within,
                                              order_by=(Assessment.assessed_on, Assessment.id)).label("n"),
                       func.count().over(partition_by=within).label("total"),
                       func.max(Assessment.assessed_on).over(partition_by=within).label("band_last"))
                .join(Household, Household.id == Assessment.household_id).where(_of_team(team_id))
                .subquery("numbered"))
    ranked = (select(numbered, func.dense_rank().over(
        partition_by=(numbered.c.member_id, numbered.c.scale),
        order_by=(numbered.c.band_last.desc(), numbered.c.band.desc())).label("band_rank"))
        .where(numbered.c.total > 1).subquery("ranked"))
    first = select(ranked).where(ranked.c.band_rank == 1, ranked.c.n == 1).subquery("first")
    latest = select(ranked).where(ranked.c.band_rank == 1, ranked.c.n == ranked.c.total).subquery("latest")
    return first, latest


def _change(step1, step2, colour1, colour2):
    """The step difference on the Bridge; "better", "same" or "worse" between Child Bridge colours."""
    if step1 is not None and step2 is not None:
        return step2 - step1
    diff = COLOUR_RANK[colour2] - COLOUR_RANK[colour1]
    return "better" if diff > 0 else "worse" if diff < 0 else "same"


def assessment_changes(team_id: int) -> dict[str, list[Group]]:
    """{scale: [Group per domain]}: members compared (adults on the Bridge, children on the Child Bridge) by their
    change, in the households they live in."""
    first, latest = _compared(team_id)
    s1, s2 = AssessmentScore.__table__.alias("s1"), AssessmentScore.__table__.alias("s2")
    rows = db.session.execute(
        select(Domain, s1.c.step, s2.c.step, s1.c.colour, s2.c.colour, first.c.household_id)
        .select_from(first)
        .join(latest, and_(latest.c.member_id == first.c.member_id, latest.c.scale == first.c.scale))
        .join(s1, s1.c.assessment_id == first.c.id)
        .join(s2, and_(s2.c.assessment_id == latest.c.id, s2.c.domain_id == s1.c.domain_id))
        .join(Domain, Domain.id == s1.c.domain_id)
        .order_by(Domain.scale, Domain.position)).all()
    households, parts = defaultdict(set), defaultdict(lambda: defaultdict(int))
    for domain, step1, step2, colour1, colour2, household_id in rows:
        households[domain].add(household_id)
        parts[domain][_change(step1, step2, colour1, colour2)] += 1  # one row per member and domain
    result = {}
    for domain in households:
        result.setdefault(domain.scale, []).append(_group(domain, households[domain], parts[domain]))
    return result


def goals_by_status(team_id: int) -> list[Group]:
    """Goals per scale of their domain (Bridge, Child Bridge, family as a whole), then all goals: by status."""
    rows = db.session.execute(
        select(Domain.scale, Goal.household_id, Goal.status, func.count(Goal.id))
        .join(Domain, Domain.id == Goal.domain_id).join(Household, Household.id == Goal.household_id)
        .where(_of_team(team_id)).group_by(Domain.scale, Goal.household_id, Goal.status)).all()
    return _by_key(rows, GOAL_SCALES, GOAL_STATUSES)


def referrals_by_status(team_id: int) -> Group:
    """All referrals of the team's households, by their current status."""
    rows = db.session.execute(
        select(Referral.household_id, Referral.status, func.count(Referral.id))
        .join(Household, Household.id == Referral.household_id).where(_of_team(team_id))
        .group_by(Referral.household_id, Referral.status)).all()
    return _by_key([(ALL, *row) for row in rows], (), REFERRAL_STATUSES)[-1]


def participation_by_fund(team_id: int) -> list[Group]:
    """Referrals granted or delivered, per fund (or organisation) and in all: does the child or family take part?"""
    name = func.coalesce(Fund.name, Referral.organisation)
    rows = db.session.execute(
        select(name, Referral.household_id, Referral.participation, func.count(Referral.id))
        .join(Household, Household.id == Referral.household_id).outerjoin(Fund, Fund.id == Referral.fund_id)
        .where(_of_team(team_id), Referral.status.in_(("granted", "delivered")))
        .group_by(name, Referral.household_id, Referral.participation)).all()
    sizes = defaultdict(int)
    for key, _household, _participation, count in rows:
        sizes[key] += count
    keys = sorted(sizes, key=lambda key: (-sizes[key], key))
    return _by_key(rows, keys, PARTICIPATION)


def _by_key(rows, keys, categories) -> list[Group]:
    """(key, household, category, count) rows as a Group per key, in the order of `keys`, then one for all."""
    households, parts = defaultdict(set), defaultdict(lambda: dict.fromkeys(categories, 0))
    for key, household_id, category, count in rows:
        for bucket in {key, ALL}:
            households[bucket].add(household_id)
            parts[bucket][category] += count
    return [_group(key, households[key], parts[key]) for key in (*keys, ALL)]

"""Reach as the national ambition defines it: of the children under 18 in families on a low income, how many a
provision in kind reached, by income group, against the size of each target group (100% of the children of parents
on social assistance, 70% of the children of working parents on a low income, the self-employed included).

Per period, for a scope: the whole municipality, a district, a neighbourhood, or a team (a team has no target group
of its own, so it gets no percentage). See the README ("Reach") for each figure.
"""
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import and_, case, exists, func, or_, select, union_all

from ..auth.models import Team
from ..cases.models import Household, Member, Neighbourhood
from ..extensions import db
from ..referrals.models import Fund, Referral, ReferralChange
from ..referrals.panic import PanicSpending
from ..timeutil import add_months
from .models import TargetGroup

AMBITIONS = {"social_assistance": 1.0, "working": 0.7}
# The household's income situation -> its income group; "working" holds the working and the self-employed.
GROUP_OF = {"social_assistance": "social_assistance", "working": "working", "self_employed": "working",
            "other_benefit": "other_benefit", "unknown": "unknown", None: "unknown"}
ROWS = ("social_assistance", "working", "other_benefit", "unknown")
PROVISION_STATUSES = ("granted", "delivered")


@dataclass(frozen=True)
class Scope:
    """Which households: a team's, a neighbourhood's, a district's, or (all empty) the whole municipality's."""
    team_id: int | None = None
    neighbourhood_id: int | None = None
    district: str | None = None

    @property
    def has_target_groups(self) -> bool:
        """Target groups are sizes of areas; a team works across areas, so its reach is not a share of one."""
        return self.team_id is None


@dataclass
class ReachRow:
    income_group: str
    children: int = 0  # under 18 on the last day, in a registered household in support during the period
    reached: int = 0  # of whom a provision in kind reached them in the period
    self_employed: int = 0  # of `reached`, in a household of self-employed parents (part of "working")
    target_group: int | None = None
    ambition: float | None = None
    parts: dict = field(default_factory=dict)

    @property
    def share(self):
        """Reached children as a share of the target group; only where the group's size is known (and not 0)."""
        return self.reached / self.target_group if self.target_group else None

    @property
    def meets_ambition(self):
        return None if self.share is None or self.ambition is None else self.share >= self.ambition


def _in_scope(scope: Scope):
    clauses = [Household.phase == "registered"]
    if scope.team_id is not None:
        clauses.append(Household.team_id == scope.team_id)
    if scope.neighbourhood_id is not None:
        clauses.append(Household.neighbourhood_id == scope.neighbourhood_id)
    if scope.district is not None:
        clauses.append(Household.neighbourhood_id.in_(select(Neighbourhood.id).where(
            Neighbourhood.district == scope.district, Neighbourhood.to_review.is_(False))))
    return and_(*clauses)


def children_clause(start: date, end: date):
    """A child under 18 on the period's last day, born by then, in a registered household in support at some moment
    of the period, and still living there at its start."""
    eighteen_years_before = add_months(end, -18 * 12) if end.year > 18 else date.min  # a period in year 1-18
    return and_(Member.role == "child", Member.date_of_birth > eighteen_years_before, Member.date_of_birth <= end,
                or_(Member.left_on.is_(None), Member.left_on >= start),
                Household.registered_on <= end, or_(Household.closed_on.is_(None), Household.closed_on >= start))


def reached_clause(start: date, end: date):
    """A provision in kind reached the child in the period: a referral to a fund or municipal provision of the
    catalogue, for this child or for the household as a whole, was granted or delivered in it; or the household got
    the panic budget in it. (A referral to another organisation is a handover, not a provision in kind.)

    One EXISTS over both sources, looked up per household through their indexes."""
    provisions = (select(ReferralChange.id).join(Referral, Referral.id == ReferralChange.referral_id)
                  .where(Referral.household_id == Household.id, Referral.fund_id.is_not(None),
                         or_(Referral.member_id.is_(None), Referral.member_id == Member.id),
                         ReferralChange.to_status.in_(PROVISION_STATUSES),
                         ReferralChange.changed_on.between(start, end)))
    panic = select(PanicSpending.id).where(PanicSpending.household_id == Household.id,
                                           PanicSpending.spent_on.between(start, end))
    return exists(union_all(provisions, panic))


def _counts(start: date, end: date, scope: Scope, by=None) -> dict[tuple, tuple[int, int]]:
    """{(income situation,) or (value of `by`, income situation): (children, reached)}."""
    keys = [Household.income_situation] if by is None else [by, Household.income_situation]
    reached = func.count(case((reached_clause(start, end), Member.id)))
    query = (select(*keys, func.count(Member.id), reached)
             .join(Household, Household.id == Member.household_id)
             .where(_in_scope(scope), children_clause(start, end))
             .group_by(*keys))
    return {tuple(row[:-2]): (row[-2], row[-1]) for row in db.session.execute(query)}


def target_groups(year: int, scope: Scope) -> dict[str, int]:
    """{income group: children} entered for exactly this scope and year; none for a team."""
    if not scope.has_target_groups:
        return {}
    where = [TargetGroup.year == year]
    where.append(TargetGroup.neighbourhood_id == scope.neighbourhood_id if scope.neighbourhood_id is not None
                 else TargetGroup.neighbourhood_id.is_(None))
    where.append(TargetGroup.district == scope.district if scope.district is not None
                 else TargetGroup.district.is_(None))
    return dict(db.session.execute(select(TargetGroup.income_group, TargetGroup.children).where(*where)).all())


def _rows(counts: dict, targets: dict) -> list[ReachRow]:
    rows = {group: ReachRow(group, target_group=targets.get(group), ambition=AMBITIONS.get(group)) for group in ROWS}
    for situation, (children, reached) in counts.items():
        row = rows[GROUP_OF[situation]]
        row.children += children
        row.reached += reached
        if situation == "self_employed":
            row.self_employed += reached
    return list(rows.values())


def reach(start: date, end: date, scope: Scope = Scope()) -> list[ReachRow]:
    """One row per income group; target groups of the year of the period's last day."""
    counts = {situation: value for (situation,), value in _counts(start, end, scope).items()}
    return _rows(counts, target_groups(end.year, scope))


def reach_by_team(start: date, end: date, scope: Scope = Scope()) -> list[tuple[str, list[ReachRow]]]:
    """The municipality's reach split by team, as counts: a team has no target group of its own."""
    counts = _counts(start, end, scope, by=Household.team_id)
    teams = db.session.execute(select(Team.id, Team.name).order_by(Team.name)).all()
    return [(name, _rows({s: v for (t, s), v in counts.items() if t == team_id}, {}))
            for team_id, name in teams]


def provisions_delivered(start: date, end: date, scope: Scope = Scope()):
    """(fund or organisation, number delivered) in the period."""
    name = func.coalesce(Fund.name, Referral.organisation)
    return db.session.execute(
        select(name, func.count(ReferralChange.id))
        .select_from(ReferralChange).join(Referral, Referral.id == ReferralChange.referral_id)
        .join(Household, Household.id == Referral.household_id).outerjoin(Fund, Fund.id == Referral.fund_id)
        .where(_in_scope(scope), ReferralChange.to_status == "delivered",
               ReferralChange.changed_on.between(start, end))
        .group_by(name).order_by(func.count(ReferralChange.id).desc(), name)).all()


def flow(start: date, end: date, scope: Scope = Scope()):
    """Households that entered (registered) and left (closed, by reason) in the period."""
    entered = db.session.scalar(select(func.count(Household.id)).where(
        _in_scope(scope), Household.registered_on.between(start, end)))
    left = db.session.execute(
        select(Household.close_reason, func.count(Household.id))
        .where(_in_scope(scope), Household.closed_on.between(start, end))
        .group_by(Household.close_reason).order_by(Household.close_reason)).all()
    return entered, left

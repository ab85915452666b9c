"""Reach: which children the team reaches in a period, by the household's income situation, against the
national ambitions (100% of children in families on social assistance, 70% of children of working parents
on a low income)."""
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, exists, func, or_, select, union_all

from ..cases.models import INCOME_SITUATIONS, Contact, Household, Member
from ..extensions import db
from ..referrals.models import Fund, Referral, ReferralChange
from .models import ReachTarget

AMBITIONS = {"social_assistance": 1.0, "working": 0.7}


@dataclass
class ReachRow:
    income_situation: str
    children: int
    target_group: int | None
    ambition: float | None

    @property
    def share(self):
        return self.children / self.target_group if self.target_group else None

    @property
    def meets_ambition(self):
        return None if self.share is None or self.ambition is None else self.share >= self.ambition


def _scope(team_id, neighbourhood):
    clauses = [Household.team_id == team_id, Household.phase == "registered"]
    if neighbourhood:
        clauses.append(Household.neighbourhood == neighbourhood)
    return and_(*clauses)


def reached_children_clause(start: date, end: date):
    """A child counts as reached with a contact with the household, or a provision delivered, in the period.

    One EXISTS over both sources, looked up per household of the team through their indexes. (Two EXISTS joined by
    OR let PostgreSQL hash every delivered provision of the whole municipality instead.)"""
    contacts = select(Contact.id).where(Contact.household_id == Household.id, Contact.contact_on.between(start, end))
    delivered = (select(ReferralChange.id).join(Referral, Referral.id == ReferralChange.referral_id)
                 .where(Referral.household_id == Household.id, ReferralChange.to_status == "delivered",
                        ReferralChange.changed_on.between(start, end)))
    return and_(Member.role == "child", or_(Member.left_on.is_(None), Member.left_on >= start),
                exists(union_all(contacts, delivered)))


def reach(team_id: int, start: date, end: date, neighbourhood: str | None = None) -> list[ReachRow]:
    counts = dict(db.session.execute(
        select(Household.income_situation, func.count(Member.id)).join(Member, Member.household_id == Household.id)
        .where(_scope(team_id, neighbourhood), reached_children_clause(start, end))
        .group_by(Household.income_situation)).all())
    targets = dict(db.session.execute(
        select(ReachTarget.income_situation, ReachTarget.children)
        .where(ReachTarget.year == start.year, ReachTarget.neighbourhood == (neighbourhood or ""))).all())
    return [ReachRow(s, counts.get(s, 0), targets.get(s), AMBITIONS.get(s)) for s in INCOME_SITUATIONS]


def provisions_delivered(team_id: int, start: date, end: date, neighbourhood: str | None = None):
    """(fund or organisation, number delivered) in the period."""
    name = func.coalesce(Fund.name, Referral.organisation)
    return db.session.execute(
        select(name, func.count(ReferralChange.id))
        .select_from(ReferralChange).join(Referral, Referral.id == ReferralChange.referral_id)
        .join(Household, Household.id == Referral.household_id).outerjoin(Fund, Fund.id == Referral.fund_id)
        .where(_scope(team_id, neighbourhood), ReferralChange.to_status == "delivered",
               ReferralChange.changed_on.between(start, end))
        .group_by(name).order_by(func.count(ReferralChange.id).desc(), name)).all()


def flow(team_id: int, start: date, end: date, neighbourhood: str | None = None):
    """Households that entered (registered) and left (closed, by reason) in the period."""
    entered = db.session.scalar(select(func.count(Household.id)).where(
        _scope(team_id, neighbourhood), Household.registered_on.between(start, end)))
    left = db.session.execute(
        select(Household.close_reason, func.count(Household.id))
        .where(_scope(team_id, neighbourhood), Household.closed_on.between(start, end))
        .group_by(Household.close_reason).order_by(Household.close_reason)).all()
    return entered, left

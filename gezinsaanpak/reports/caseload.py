"""The team lead's caseload dashboard. Every number is the size of a list, and both come from the same
WHERE clause, so a number always matches the list it clicks through to."""
from dataclasses import dataclass, field
from datetime import date, timedelta

from flask import current_app
from sqlalchemy import and_, case, exists, func, select
from sqlalchemy.orm import joinedload

from ..auth.models import User
from ..cases.models import STAGES, CheckIn, Contact, Household, SupportExtension
from ..cases.queries import paged
from ..extensions import db
from ..i18n import _l
from ..plans.models import Goal
from ..referrals.models import Referral
from ..timeutil import add_months, today
from .figures import OPEN_REFERRAL, WAITING_REFERRAL, figure_of

# How much work a household in each stage asks of a coach: trust building and aftercare are lighter.
STAGE_WEIGHTS = {"trust_building": 0.5, "registered": 1.0, "plan": 1.5, "carrying_out": 1.5, "follow_up": 1.0,
                 "aftercare": 0.5, "closed": 0.0}
NO_CONTACT_DAYS = 28

METRIC_LABELS = {
    "open": _l("Open households"),
    "overdue_check_ins": _l("Overdue check-ins"),
    "overdue_referrals": _l("Overdue referral follow-ups"),
    "overdue_goals": _l("Goals past their target date"),
    "no_contact": _l("No contact for more than 4 weeks"),
    "past_15_months": _l("More than 15 months in support"),
    "extension_asked": _l("Asked to extend the support period"),
    "pending_referrals": _l("Pending referrals"),
}
ATTENTION_METRICS = ("overdue_check_ins", "overdue_referrals", "overdue_goals", "no_contact", "past_15_months",
                     "extension_asked", "pending_referrals")


def metric_clause(metric: str, on: date | None = None):
    """The condition on Household for one dashboard number; `stage:<s>` for a stage."""
    on = on or today()
    warning_months = current_app.config["SUPPORT_WARNING_MONTHS"]
    is_open = Household.stage != "closed"
    if metric.startswith("stage:") and metric[6:] in STAGES:
        return Household.stage == metric[6:]
    clauses = {  # built only for the metric asked: each one is a few subqueries to put together
        "open": lambda: is_open,
        "overdue_check_ins": lambda: and_(is_open, exists().where(CheckIn.household_id == Household.id,
                                                                  CheckIn.done_on.is_(None), CheckIn.due_on < on)),
        "overdue_referrals": lambda: and_(is_open, exists().where(Referral.household_id == Household.id,
                                                                  Referral.status.in_(OPEN_REFERRAL),
                                                                  Referral.follow_up_on < on)),
        "overdue_goals": lambda: and_(is_open, exists().where(Goal.household_id == Household.id,
                                                              Goal.status == "active", Goal.target_on < on)),
        "no_contact": lambda: and_(is_open, Household.phase == "registered",
                                   ~exists().where(Contact.household_id == Household.id,
                                                   Contact.contact_on >= on - timedelta(days=NO_CONTACT_DAYS))),
        "past_15_months": lambda: and_(is_open, func.coalesce(Household.reopened_on, Household.opened_on)
                                       <= add_months(on, -warning_months)),
        "extension_asked": lambda: and_(is_open, exists().where(
            SupportExtension.household_id == Household.id, SupportExtension.decided_on.is_(None),
            SupportExtension.period_started_on == func.coalesce(Household.reopened_on, Household.opened_on))),
        "pending_referrals": lambda: and_(is_open, exists().where(Referral.household_id == Household.id,
                                                                  Referral.status.in_(WAITING_REFERRAL))),
    }
    if metric not in clauses:
        raise KeyError(metric)
    return clauses[metric]()


@dataclass
class CoachRow:
    coach: User
    stages: dict = field(default_factory=dict)
    weighted: float = 0.0
    metrics: dict = field(default_factory=dict)

    @property
    def total(self):
        return sum(n for stage, n in self.stages.items() if stage != "closed")


def caseload(team_id: int, on: date | None = None) -> list[CoachRow]:
    """Per coach of the team: households by stage, weighted caseload and what needs attention.
    One grouped query counts them all (each number a sum over the same clause its list uses), whatever the size of
    the team or the municipality."""
    coaches = db.session.scalars(select(User).where(User.team_id == team_id, User.role == "coach")
                                 .order_by(User.active.desc(), User.name)).all()
    rows = {c.id: CoachRow(coach=c) for c in coaches}
    weight = case(*[(Household.stage == s, w) for s, w in STAGE_WEIGHTS.items()], else_=0.0)
    counts = [func.sum(case((metric_clause(metric, on), 1), else_=0)) for metric in ATTENTION_METRICS]
    for coach_id, stage, count, weighted, *metrics in db.session.execute(
            select(Household.coordinator_id, Household.stage, func.count(), func.sum(weight), *counts)
            .where(Household.team_id == team_id).group_by(Household.coordinator_id, Household.stage)):
        row = rows.get(coach_id)
        if row is None:
            continue
        row.stages[stage] = count
        row.weighted += float(weighted or 0)
        for metric, n in zip(ATTENTION_METRICS, metrics, strict=True):
            if n:
                row.metrics[metric] = row.metrics.get(metric, 0) + int(n)
    return list(rows.values())


def team_total(rows: list[CoachRow]) -> CoachRow:
    """The team's totals: every column summed over its coaches (one without households adds nothing). The open
    households of a team all have one of its coaches as coordinator, so each total is the size of the team's list."""
    total = CoachRow(coach=None)
    for row in rows:
        for counts, into in ((row.stages, total.stages), (row.metrics, total.metrics)):
            for key, n in counts.items():
                into[key] = into.get(key, 0) + n
        total.weighted += row.weighted
    return total


@dataclass
class Listed:
    """A household of a list, with the figure that put it there (the cells under the list's extra headings)."""
    household: Household
    cells: list


def households_behind(team_id: int, metric: str, coach_id: int | None = None, on: date | None = None,
                      page: int | None = None, per_page: int = 50):
    """The list a dashboard number stands for, each household with the figure behind it: all of it (for CSV), or
    one page of it when `page` is given. One query for the households and their figures, whatever the length."""
    on = on or today()
    figure = figure_of(metric)
    values = figure.columns(on)
    query = (select(Household, *values).where(Household.team_id == team_id, metric_clause(metric, on))
             .options(joinedload(Household.coordinator), joinedload(Household.neighbourhood), *figure.options)
             .order_by(Household.pseudonym, Household.id))
    if coach_id:
        query = query.where(Household.coordinator_id == coach_id)

    def listed(rows):
        return [Listed(row[0], figure.cells(row[0], row, on)) for row in rows]
    if page is None:
        return listed(db.session.execute(query).all())
    result = paged(query, page, per_page)
    result.rows = listed(result.rows)
    return result

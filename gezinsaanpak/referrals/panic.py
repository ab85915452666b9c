"""The panic budget (paniekbudget): a small emergency budget a municipality gives its coaches for the worst need,
spent per household against a yearly limit per team and, where set, per coach."""
from datetime import date, datetime

from flask_babel import format_date
from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint, func, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .. import audit
from ..auth.models import User
from ..auth.permissions import can_administer, can_edit_household, require
from ..errors import InvalidInput
from ..extensions import db
from ..i18n import _, euros
from ..timeutil import today, utcnow


class PanicBudget(db.Model):
    """The yearly limit of a team (coach empty) or of one coach in it."""
    __tablename__ = "panic_budgets"
    __table_args__ = (
        UniqueConstraint("year", "team_id", "coach_id", name="uq_panic_budgets_year_team_coach"),
        CheckConstraint("limit_cents >= 0", name="limit_cents"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int]
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"))
    coach_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    limit_cents: Mapped[int]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    coach: Mapped[User | None] = relationship()


class PanicSpending(db.Model):
    __tablename__ = "panic_spendings"
    __table_args__ = (
        CheckConstraint("amount_cents > 0", name="amount_cents"),
        Index("ix_panic_spendings_team_date", "team_id", "spent_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("households.id"), index=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"))
    coach_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    spent_on: Mapped[date]
    amount_cents: Mapped[int]
    purpose: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    coach: Mapped[User] = relationship()


def _limit(year, team_id, coach_id=None):
    return db.session.scalar(select(PanicBudget.limit_cents).where(
        PanicBudget.year == year, PanicBudget.team_id == team_id,
        PanicBudget.coach_id.is_(None) if coach_id is None else PanicBudget.coach_id == coach_id))


def _spent(year, team_id, coach_id=None):
    query = select(func.coalesce(func.sum(PanicSpending.amount_cents), 0)).where(
        PanicSpending.team_id == team_id,
        PanicSpending.spent_on.between(date(year, 1, 1), date(year, 12, 31)))
    if coach_id is not None:
        query = query.where(PanicSpending.coach_id == coach_id)
    return db.session.scalar(query)


def remaining(team_id: int, coach_id: int, year: int) -> dict:
    """What is left this year, for the team and for the coach (None where no limit is set)."""
    team_limit, coach_limit = _limit(year, team_id), _limit(year, team_id, coach_id)
    return {"team_limit": team_limit, "coach_limit": coach_limit,
            "team_left": None if team_limit is None else team_limit - _spent(year, team_id),
            "coach_left": None if coach_limit is None else coach_limit - _spent(year, team_id, coach_id)}


def record_spending(actor, household, spent_on: date, amount_cents: int, purpose: str) -> PanicSpending:
    """Spend from the panic budget for a household, from the first contact on: reducing stress comes first, also
    during trust building (seed 000 lines ~2901-2903). Refused for a closed household, and when it would go over
    a yearly limit."""
    require(can_edit_household(actor, household))
    if household.is_closed:
        raise InvalidInput(_("This household is closed. Reopen it before spending from the panic budget."))
    purpose = (purpose or "").strip()
    if not purpose:
        raise InvalidInput(_("Write what the money is for."), "purpose")
    if spent_on is None or spent_on > today():
        raise InvalidInput(_("Enter the date of the spending (not in the future)."), "spent_on")
    if spent_on < household.opened_on:
        raise InvalidInput(_("The first contact with this family was on %(date)s; enter a date from then on.",
                             date=format_date(household.opened_on)), "spent_on")
    if not amount_cents or amount_cents <= 0:
        raise InvalidInput(_("Enter an amount above zero."), "amount")
    left = remaining(household.team_id, actor.id, spent_on.year)
    if left["team_limit"] is None and left["coach_limit"] is None:
        raise InvalidInput(_("There is no panic budget for your team in %(year)d. Ask the administrator to set "
                             "one.", year=spent_on.year), "amount")
    for key in ("coach_left", "team_left"):
        if left[key] is not None and amount_cents > left[key]:
            raise InvalidInput(_("This is more than the panic budget has left this year (%(left)s). Nothing is "
                                 "saved; choose a smaller amount or ask your team lead.",
                                 left=euros(max(left[key], 0))), "amount")
    spending = PanicSpending(household_id=household.id, team_id=household.team_id, coach_id=actor.id,
                             spent_on=spent_on, amount_cents=amount_cents, purpose=purpose[:300])
    db.session.add(spending)
    db.session.flush()
    audit.record(actor, "panic_budget.spend", household, spending, detail={"amount_cents": amount_cents})
    return spending


def set_limit(actor, year: int, team_id: int, limit_cents: int, coach_id: int | None = None) -> PanicBudget:
    """An administrator sets the yearly limit of a team, or of one coach in it (the demo sets them as no one)."""
    if actor is not None:
        require(can_administer(actor))
    if coach_id is not None:
        coach = db.session.get(User, coach_id)
        if coach is None or coach.team_id != team_id:
            raise InvalidInput(_("This coach is not in the chosen team."), "coach_id")
    if limit_cents is None or limit_cents < 0:
        raise InvalidInput(_("Enter an amount of zero or more."), "amount")
    budget = db.session.scalar(select(PanicBudget).where(
        PanicBudget.year == year, PanicBudget.team_id == team_id,
        PanicBudget.coach_id.is_(None) if coach_id is None else PanicBudget.coach_id == coach_id))
    if budget is None:
        budget = PanicBudget(year=year, team_id=team_id, coach_id=coach_id, limit_cents=limit_cents)
        db.session.add(budget)
    budget.limit_cents = limit_cents
    db.session.flush()
    audit.record(actor, "panic_budget.limit", obj=budget, detail={"year": year, "team": team_id,
                                                                  "coach": coach_id, "limit_cents": limit_cents})
    return budget

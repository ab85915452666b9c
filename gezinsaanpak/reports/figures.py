"""The figure behind each dashboard number: beside every household of a list, the value that put it in the list (the
last contact for "no contact", the end of the support period for "more than 15 months", the referral that waits and
since when, ...). Each figure is a few correlated subqueries added to the list's one query, or read from what the
query loads with the households, so a list costs the same number of statements however long it is.

A cell is a date, a whole number or a text; the page writes it in the reader's language, the CSV as it is."""
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from flask_babel import format_date
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from ..cases.models import CheckIn, Contact, Household
from ..cases.support import support_period
from ..i18n import _, _l
from ..plans.models import Goal
from ..referrals.labels import STATUS_LABELS
from ..referrals.models import Fund, Referral

OPEN_REFERRAL = ("to_apply", "applied", "granted")
WAITING_REFERRAL = ("to_apply", "applied")


@dataclass(frozen=True)
class Figure:
    """The headings a list adds, the subqueries that fetch their values and how a row's cells are made from them."""
    headings: tuple
    cells: Callable  # (household, the values of `columns`, the day) -> the cells under `headings`
    columns: Callable = lambda on: ()  # the day -> labelled scalar subqueries on Household
    options: tuple = ()  # loader options for what `cells` reads from the household


def _first(column, model, *where, order_by):
    """One column of the household's first record of `model` matching `where`, in the order given."""
    return (select(column).where(model.household_id == Household.id, *where).order_by(*order_by).limit(1)
            .correlate(Household).scalar_subquery())


def _days(since: date | None, on: date) -> int | None:
    return None if since is None else (on - since).days


def _weeks(since: date | None, on: date) -> int | None:
    return None if since is None else (on - since).days // 7


def _in_stage(household, _values, _on):
    return [household.stage_since]


def _overdue_check_ins(on):
    where = (CheckIn.done_on.is_(None), CheckIn.due_on < on)
    order = (CheckIn.due_on, CheckIn.id)
    return (_first(CheckIn.subject, CheckIn, *where, order_by=order).label("subject"),
            _first(CheckIn.due_on, CheckIn, *where, order_by=order).label("due_on"))


def _referral_target(*where, order_by):
    """The fund's name or the organisation of the household's first referral matching `where`."""
    return (select(func.coalesce(Fund.name, Referral.organisation)).select_from(Referral)
            .outerjoin(Fund, Fund.id == Referral.fund_id)
            .where(Referral.household_id == Household.id, *where).order_by(*order_by).limit(1)
            .correlate(Household).scalar_subquery())


def _overdue_referrals(on):
    where = (Referral.status.in_(OPEN_REFERRAL), Referral.follow_up_on < on)
    order = (Referral.follow_up_on, Referral.id)
    return (_referral_target(*where, order_by=order).label("target"),
            _first(Referral.follow_up_on, Referral, *where, order_by=order).label("follow_up_on"))


def _pending_referrals(_on):
    where = (Referral.status.in_(WAITING_REFERRAL),)
    order = (Referral.status_on, Referral.id)
    return (_referral_target(*where, order_by=order).label("target"),
            _first(Referral.status, Referral, *where, order_by=order).label("status"),
            _first(Referral.status_on, Referral, *where, order_by=order).label("status_on"))


def _overdue_goals(on):
    where = (Goal.status == "active", Goal.target_on < on)
    order = (Goal.target_on, Goal.id)
    return (_first(Goal.description, Goal, *where, order_by=order).label("description"),
            _first(Goal.target_on, Goal, *where, order_by=order).label("target_on"))


def _last_contact(_on):
    return (select(func.max(Contact.contact_on)).where(Contact.household_id == Household.id)
            .correlate(Household).scalar_subquery().label("last_contact"),)


def _no_contact(household, values, on):
    """The last contact and the weeks since; with none at all, the weeks since registration."""
    last = values.last_contact
    if last is None:
        return [_("none since registration on %(date)s", date=format_date(household.registered_on)),
                _weeks(household.registered_on, on)]
    return [last, _weeks(last, on)]


def _support(household, _values, on):
    period = support_period(household, on)
    return [period.starts_on, period.months, period.ends_on]


def _extension(household, _values, on):
    period = support_period(household, on)
    pending = period.pending
    return [pending.requested_on if pending else None, pending.until_on if pending else None, period.ends_on]


IN_STAGE = Figure((_l("In this stage since"),), _in_stage)
FIGURES = {
    "overdue_check_ins": Figure(
        (_l("Oldest overdue check-in"), _l("Planned for"), _l("Days overdue")),
        lambda h, v, on: [v.subject, v.due_on, _days(v.due_on, on)], _overdue_check_ins),
    "overdue_referrals": Figure(
        (_l("Referral to ask about"), _l("Ask about it on"), _l("Days overdue")),
        lambda h, v, on: [v.target, v.follow_up_on, _days(v.follow_up_on, on)], _overdue_referrals),
    "overdue_goals": Figure(
        (_l("Goal past its target date"), _l("Target date"), _l("Days past")),
        lambda h, v, on: [v.description, v.target_on, _days(v.target_on, on)], _overdue_goals),
    "no_contact": Figure((_l("Last contact"), _l("Weeks since")), _no_contact, _last_contact),
    "past_15_months": Figure((_l("Support since"), _l("Months in support"), _l("Support period ends on")), _support,
                             options=(selectinload(Household.extensions),)),
    "extension_asked": Figure((_l("Asked on"), _l("Asked to extend until"), _l("Support period ends on")),
                              _extension, options=(selectinload(Household.extensions),)),
    "pending_referrals": Figure(
        (_l("Referral waiting longest"), _l("Status"), _l("Waiting since"), _l("Weeks waiting")),
        lambda h, v, on: [v.target, str(STATUS_LABELS[v.status]) if v.status else None, v.status_on,
                          _weeks(v.status_on, on)], _pending_referrals),
}


def figure_of(metric: str) -> Figure:
    """The figure a list shows; a stage's list and the open households show since when they are in their stage."""
    return FIGURES.get(metric, IN_STAGE)

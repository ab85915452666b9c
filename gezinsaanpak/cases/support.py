"""The support period: at most about SUPPORT_MONTHS months from the first contact, trust building included, "the
term depends on the needs of the families" (seed 000 lines ~2897, 2910-2911). From SUPPORT_WARNING_MONTHS on the
coach and the team lead see the end coming; going past it needs a recorded reason and the team lead's agreement.
A reopened household starts a new period."""
from dataclasses import dataclass
from datetime import date

from flask import current_app
from flask_babel import format_date
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from .. import audit
from ..auth.permissions import can_edit_household, can_extend_support, require
from ..errors import InvalidInput
from ..extensions import db
from ..forms import TEXT_MAX
from ..i18n import _
from ..timeutil import add_months, months_between, today
from ..web import preload
from .access import visible_households_clause
from .models import Household, SupportExtension
from .registry import DueItem


@dataclass(frozen=True)
class SupportPeriod:
    starts_on: date
    usual_end: date              # first contact (or reopening) plus SUPPORT_MONTHS
    ends_on: date                # the usual end, or the latest end the team lead agreed to
    warn_on: date                # from here on the end is shown as coming
    months: int                  # whole months in support so far (up to the closing of a closed household)
    extensions: list             # the requests of this period, oldest first
    pending: SupportExtension | None

    @property
    def extended(self) -> bool:
        return self.ends_on > self.usual_end

    def ending(self, on: date | None = None) -> bool:
        """The end is near or past: the coach plans the closing and aftercare, or asks for more time."""
        return (on or today()) >= self.warn_on


def support_period(household: Household, on: date | None = None) -> SupportPeriod:
    """The household's current support period, with the extensions agreed in it."""
    config = current_app.config
    preload(household, "extensions")
    starts_on = household.support_started_on
    usual_end = add_months(starts_on, config["SUPPORT_MONTHS"])
    extensions = [e for e in household.extensions if e.period_started_on == starts_on]
    agreed = [e.until_on for e in extensions if e.agreed]
    end = household.closed_on or on or today()
    return SupportPeriod(starts_on=starts_on, usual_end=usual_end, ends_on=max([usual_end, *agreed]),
                         warn_on=add_months(starts_on, config["SUPPORT_WARNING_MONTHS"]),
                         months=months_between(starts_on, end), extensions=extensions,
                         pending=next((e for e in extensions if e.is_pending), None))


def support_ends_on(household: Household) -> date:
    """The last day of the current support period, extensions included."""
    return support_period(household).ends_on


def request_extension(actor, household: Household, until_on: date, reason: str) -> SupportExtension:
    """Ask to support the family longer, with the reason. Asked by the team lead, it is agreed at once: the team
    lead's word is what the rule asks for."""
    require(can_edit_household(actor, household))
    if household.is_closed:
        raise InvalidInput(_("This household is closed. Reopen it to start a new support period."))
    period = support_period(household)
    if period.pending is not None:
        raise InvalidInput(_("A request to extend is already waiting for the team lead."), "until_on")
    reason = (reason or "").strip()[:TEXT_MAX]
    if not reason:
        raise InvalidInput(_("Write why the family needs support for longer."), "reason")
    if until_on is None or until_on <= period.ends_on:
        raise InvalidInput(_("Choose a date after the current end of the support period (%(date)s).",
                             date=format_date(period.ends_on)), "until_on")
    latest = add_months(period.ends_on, current_app.config["SUPPORT_EXTENSION_MAX_MONTHS"])
    if until_on > latest:
        raise InvalidInput(_("One extension reaches at most %(n)d months further, until %(date)s. Ask again later "
                             "if more is needed.", n=current_app.config["SUPPORT_EXTENSION_MAX_MONTHS"],
                             date=format_date(latest)), "until_on")
    extension = SupportExtension(household_id=household.id, period_started_on=period.starts_on, until_on=until_on,
                                 explanation=reason, requested_by_id=actor.id, requested_on=today())
    household.extensions.append(extension)
    db.session.flush()
    audit.record(actor, "support.request", household, extension)
    if can_extend_support(actor, household):
        decide_extension(actor, household, agree=True)
    return extension


def decide_extension(actor, household: Household, agree: bool) -> SupportExtension:
    """The team lead agrees to the waiting request, or declines it; either is recorded with who and when."""
    require(can_extend_support(actor, household))
    extension = support_period(household).pending
    if extension is None:
        raise InvalidInput(_("There is no request to extend waiting."))
    extension.decided_by_id, extension.decided_on, extension.agreed = actor.id, today(), bool(agree)
    db.session.flush()
    audit.record(actor, "support.agree" if agree else "support.decline", household, extension)
    return extension


def support_due_items(user, until: date) -> list[DueItem]:
    """For the start page: support periods that end by `until` with no extension agreed past it, and, for a team
    lead, requests to extend that wait for an answer."""
    starts_on = func.coalesce(Household.reopened_on, Household.opened_on)
    households = db.session.scalars(
        select(Household).where(visible_households_clause(user), Household.stage != "closed",
                                starts_on <= add_months(until, -current_app.config["SUPPORT_MONTHS"]))
        .options(selectinload(Household.extensions))).all()
    items = []
    for household in households:
        period = support_period(household)
        if period.ends_on <= until:
            items.append(DueItem(period.ends_on, household, _("The support period ends: plan the closing and "
                                                              "aftercare, or ask to extend it."), "support"))
    if user.role == "teamlead":
        waiting = db.session.execute(
            select(SupportExtension, Household).join(Household, Household.id == SupportExtension.household_id)
            .where(visible_households_clause(user), Household.stage != "closed",
                   SupportExtension.decided_on.is_(None), SupportExtension.period_started_on == starts_on)).all()
        items += [DueItem(extension.requested_on, household,
                          _("Asked to extend the support until %(date)s: agree or decline.",
                            date=format_date(extension.until_on)), "support_request")
                  for extension, household in waiting]
    return items

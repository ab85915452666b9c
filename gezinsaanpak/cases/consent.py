"""The family's consent to registration: withdrawn when the family takes it back, recorded again when it agrees again.

Withdrawal stops what runs on that consent from its day on: no new referrals (`Household.has_consent`), and nothing
shared with the network any more (every area that shares registers what it stops, `Parts.add_consent_withdrawn`).
What the guide asks next is closing the household; the retention period then runs as for any closed household.
"""
from datetime import date

from flask_babel import format_date

from .. import audit
from ..auth.permissions import can_edit_household, require
from ..errors import InvalidInput
from ..extensions import db
from ..forms import TEXT_MAX
from ..i18n import _
from ..timeutil import today
from .models import Consent, Household
from .registry import household_parts


def _day(on: date | None, field: str, since: date | None) -> date:
    if on is None:
        raise InvalidInput(_("Enter the date."), field)
    if on > today():
        raise InvalidInput(_("The date cannot be in the future."), field)
    if since is not None and on < since:
        raise InvalidInput(_("The date cannot be before %(date)s.", date=format_date(since)), field)
    return on


def withdraw_registration_consent(actor, household: Household, on: date, note: str | None = None) -> Consent:
    """The family withdrew its consent to registration on `on` (not before it was given): the consent ends, sharing
    with the network stops the same day, and no new referral can be made."""
    require(can_edit_household(actor, household))
    consent = next((c for c in reversed(household.consents) if c.withdrawn_on is None), None)
    if not household.is_registered or consent is None:
        raise InvalidInput(_("There is no consent to registration in force to withdraw."))
    consent.withdrawn_on = _day(on, "withdrawn_on", consent.given_on)
    consent.withdrawn_by_id = actor.id
    consent.withdrawal_note = (note or "").strip()[:TEXT_MAX] or None
    db.session.flush()
    audit.record(actor, "household.consent_withdraw", household, consent)
    for stop in household_parts().consent_withdrawn:
        stop(actor, household, consent.withdrawn_on)
    return consent


def record_consent(actor, household: Household, on: date, scope: str) -> Consent:
    """The family agrees again after withdrawing its consent: a new consent, dated not before the withdrawal."""
    require(can_edit_household(actor, household))
    if not household.is_registered:
        raise InvalidInput(_("A contact track records consent by registering the household."))
    if household.has_consent:
        raise InvalidInput(_("The family's consent to registration is in force."))
    scope = (scope or "").strip()[:TEXT_MAX]
    if not scope:
        raise InvalidInput(_("Describe what the family consented to."), "scope")
    last = max((c.withdrawn_on for c in household.consents if c.withdrawn_on), default=None)
    consent = Consent(household_id=household.id, given_on=_day(on, "given_on", last), scope=scope,
                      recorded_by_id=actor.id)
    household.consents.append(consent)
    db.session.flush()
    audit.record(actor, "household.consent_give", household, consent)
    return consent

"""What a coach does with referrals: ask a fund, follow up, record the outcome and whether the child takes part.

Each function takes the acting user, checks the policy, changes models, writes the audit entry and flushes;
the request commits once.
"""
import re
from datetime import date, timedelta

from sqlalchemy import exists, select

from .. import audit, history
from ..auth.permissions import can_edit_household, require
from ..cases.models import Member
from ..errors import InvalidInput
from ..extensions import db
from ..i18n import _, _l
from ..statemachine import StateMachine
from ..timeutil import add_months, today
from .labels import STATUS_LABELS
from .models import APPLIED_BY, Fund, Referral, ReferralChange

# The allowed moves; rejected, delivered and withdrawn are final.
NEXT_STATUSES = {
    "to_apply": ("applied", "withdrawn"),
    "applied": ("granted", "rejected", "withdrawn"),
    "granted": ("delivered", "withdrawn"),
    "rejected": (),
    "delivered": (),
    "withdrawn": (),
}
REFERRAL_STATUSES = StateMachine("status", NEXT_STATUSES, STATUS_LABELS,
                                 _l("A referral cannot move from this status to the chosen one."),
                                 to_field="to_status")
RENEWAL_AFTER_MONTHS = 11  # a yearly grant runs twelve months: ask for the next one a month before it lapses
MAX_AMOUNT_CENTS = 100_000_00
# A referral tells a fund or organisation about the family: not before the family has agreed to registration.
NO_CONSENT_YET = _l("A referral shares the family's needs with a fund or organisation: register the household with the "
                    "family's consent first. During trust building the panic budget can help with the worst need.")
_AMOUNT = re.compile(r"^\d+(?:[.,]\d{1,2})?$")


def parse_amount(text: str | None) -> int | None:
    """Euros as typed at a kitchen table ("125,50", "125.50", "€ 1.250,00") to cents; empty means no amount."""
    value = (text or "").strip().replace("€", "").replace(" ", "").replace("\u00a0", "")
    if not value:
        return None
    if "," in value and "." in value:  # the last separator is the decimal one, the other groups thousands
        thousands = "." if value.rfind(",") > value.rfind(".") else ","
        value = value.replace(thousands, "")
    elif re.fullmatch(r"\d{1,3}(\.\d{3})+", value):  # "1.250": a Dutch thousands separator
        value = value.replace(".", "")
    if value.endswith((",-", ".-")):
        value = value[:-2]
    if not _AMOUNT.match(value):
        raise InvalidInput(_("Enter an amount in euros, for example 125,50."), "amount")
    whole, _sep, cents = value.replace(",", ".").partition(".")
    amount = int(whole) * 100 + int((cents + "00")[:2])
    if amount > MAX_AMOUNT_CENTS:
        raise InvalidInput(_("An amount can be at most € 100.000."), "amount")
    return amount


def create_referral(actor, household, request: str, fund_id: int | None = None, organisation: str | None = None,
                    member_id: int | None = None, amount_cents: int | None = None, applied_by: str = "coach",
                    follow_up_on: date | None = None, decision_expected_on: date | None = None,
                    on: date | None = None, renewal_of: Referral | None = None) -> Referral:
    """Start a referral in "to apply"; a retired fund is no longer offered for new referrals."""
    require(can_edit_household(actor, household))
    if household.is_closed:
        raise InvalidInput(_("Reopen this household before starting a referral."))
    if not household.has_consent:
        raise InvalidInput(NO_CONSENT_YET)
    on = on or today()
    fund, organisation = _target(fund_id, organisation)
    member = _member(household, member_id)
    values = _checked(request, applied_by, amount_cents, follow_up_on, decision_expected_on, on)
    referral = Referral(household_id=household.id, member_id=member.id if member else None,
                        fund_id=fund.id if fund else None, organisation=organisation, status="to_apply",
                        status_on=on, created_by_id=actor.id, renewal_of_id=renewal_of.id if renewal_of else None,
                        **values)
    referral.changes.append(ReferralChange(from_status=None, to_status="to_apply", changed_on=on, by_id=actor.id))
    db.session.add(referral)
    db.session.flush()
    audit.record(actor, "referral.create", household, referral,
                 detail={"fund": referral.fund_id, "member": referral.member_id, "renewal_of": referral.renewal_of_id})
    return referral


def update_referral(actor, household, referral: Referral, request: str, amount_cents: int | None,
                    applied_by: str, follow_up_on: date | None, decision_expected_on: date | None) -> Referral:
    """Correct what is asked, the amount, who applies and the dates; status changes have their own step."""
    require(can_edit_household(actor, household))
    _belongs(referral, household)
    started_on = referral.changes[0].changed_on if referral.changes else referral.status_on
    values = _checked(request, applied_by, amount_cents, follow_up_on, decision_expected_on, started_on)
    before = {key: getattr(referral, key) for key in values}
    changed = {key: [str(before[key]), str(value)] for key, value in values.items()
               if key != "request" and before[key] != value}
    for key, value in values.items():
        setattr(referral, key, value)
    history.record_changes(actor, household, "referral", referral, before, values)
    audit.record(actor, "referral.update", household, referral, detail=changed)
    db.session.flush()
    return referral


def change_status(actor, household, referral: Referral, to_status: str, on: date | None = None,
                  note: str | None = None, follow_up_on: date | None = None,
                  decision_expected_on: date | None = None) -> ReferralChange:
    """Record a dated step; the next follow-up replaces the one just answered. Delivery of a yearly grant
    sets the date to ask for its renewal."""
    require(can_edit_household(actor, household))
    _belongs(referral, household)
    on = on or today()
    change = REFERRAL_STATUSES.move(
        referral, to_status, on, referral.status_on,
        history=lambda from_status, to: ReferralChange(referral_id=referral.id, from_status=from_status,
                                                       to_status=to, changed_on=on, by_id=actor.id,
                                                       note=(note or "").strip() or None))
    referral.changes.append(change)
    referral.status_on = on
    referral.follow_up_on = follow_up_on if referral.is_open else None
    if to_status == "applied":
        referral.decision_expected_on = decision_expected_on or referral.decision_expected_on
    if to_status == "delivered" and referral.fund and referral.fund.is_yearly:
        referral.renewal_due_on = add_months(on, RENEWAL_AFTER_MONTHS)
    db.session.flush()
    audit.record(actor, "referral.status", household, referral,
                 detail={"from": change.from_status, "to": to_status, "on": on})
    return change


def follow_up_again(actor, household, referral: Referral, follow_up_on: date) -> Referral:
    """Asked "how did it go?" and nothing changed yet: plan the next time to ask."""
    require(can_edit_household(actor, household))
    _belongs(referral, household)
    if not referral.is_open:
        raise InvalidInput(_("This referral is finished; it needs no further follow-up."), "follow_up_on")
    if follow_up_on is None or follow_up_on <= today():
        raise InvalidInput(_("Choose a follow-up date after today."), "follow_up_on")
    old, referral.follow_up_on = referral.follow_up_on, follow_up_on
    history.record_changes(actor, household, "referral", referral, {"follow_up_on": old},
                           {"follow_up_on": follow_up_on})
    audit.record(actor, "referral.follow_up", household, referral, detail={"old": old, "new": follow_up_on})
    db.session.flush()
    return referral


def record_participation(actor, household, referral: Referral, participation: str,
                         on: date | None = None) -> Referral:
    """After a grant: does the child actually take part? A paid but unused membership is a failed referral."""
    require(can_edit_household(actor, household))
    _belongs(referral, household)
    if referral.status not in ("granted", "delivered"):
        raise InvalidInput(_("Participation can be recorded once the referral is granted."), "participation")
    if participation not in ("takes_part", "not_taking_part"):
        raise InvalidInput(_("Choose whether it is used."), "participation")
    on = on or today()
    if on > today():
        raise InvalidInput(_("The date cannot be in the future."), "checked_on")
    before = {"participation": referral.participation, "participation_checked_on": referral.participation_checked_on}
    referral.participation, referral.participation_checked_on = participation, on
    history.record_changes(actor, household, "referral", referral, before,
                           {"participation": participation, "participation_checked_on": on})
    audit.record(actor, "referral.participation", household, referral,
                 detail={"old": before["participation"], "new": participation})
    db.session.flush()
    return referral


def renew_referral(actor, household, referral: Referral, on: date | None = None) -> Referral:
    """One click: a new referral to the same fund for the same member, asking what was granted last year."""
    require(can_edit_household(actor, household))
    _belongs(referral, household)
    if not referral.renewal_planned:
        raise InvalidInput(_("Only a delivered yearly grant can be renewed."))
    if db.session.scalar(select(exists().where(Referral.renewal_of_id == referral.id))):
        raise InvalidInput(_("A renewal of this grant has already been started."))
    if referral.fund and referral.fund.retired_at:
        raise InvalidInput(_("%(fund)s is no longer in the catalogue; choose another fund.", fund=referral.fund.name))
    on = on or today()
    return create_referral(actor, household, referral.request, fund_id=referral.fund_id,
                           organisation=referral.organisation, member_id=referral.member_id,
                           amount_cents=referral.amount_cents, applied_by=referral.applied_by,
                           follow_up_on=on + timedelta(days=14), on=on, renewal_of=referral)


def skip_renewal(actor, household, referral: Referral) -> Referral:
    """The family does not want it again (the child stopped, moved on): no renewal reminder."""
    require(can_edit_household(actor, household))
    _belongs(referral, household)
    if referral.renewal_due_on is None:
        raise InvalidInput(_("This referral has no renewal planned."))
    old, referral.renewal_due_on = referral.renewal_due_on, None
    history.record_changes(actor, household, "referral", referral, {"renewal_due_on": old}, {"renewal_due_on": None})
    audit.record(actor, "referral.skip_renewal", household, referral, detail={"old": old})
    db.session.flush()
    return referral


def _target(fund_id, organisation):
    organisation = (organisation or "").strip()[:160] or None
    if fund_id:
        fund = db.session.get(Fund, fund_id)
        if fund is None or fund.retired_at is not None:
            raise InvalidInput(_("This fund is not (or no longer) in the catalogue; choose another."), "fund_id")
        return fund, None
    if not organisation:
        raise InvalidInput(_("Choose a fund, or name the local organisation."), "organisation")
    return None, organisation


def _member(household, member_id):
    if not member_id:
        return None
    member = db.session.get(Member, member_id)
    if member is None or member.household_id != household.id:
        raise InvalidInput(_("Choose a member of this household."), "member_id")
    return member


def _checked(request, applied_by, amount_cents, follow_up_on, decision_expected_on, since) -> dict:
    request = (request or "").strip()
    if not request:
        raise InvalidInput(_("Write what is asked, for example “membership of the football club”."), "request")
    if applied_by not in APPLIED_BY:
        raise InvalidInput(_("Choose who applies."), "applied_by")
    if amount_cents is not None and not 0 <= amount_cents <= MAX_AMOUNT_CENTS:
        raise InvalidInput(_("Enter an amount in euros, for example 125,50."), "amount")
    for field, day in (("follow_up_on", follow_up_on), ("decision_expected_on", decision_expected_on)):
        if day is not None and day < since:
            raise InvalidInput(_("This date cannot be before the referral was started."), field)
    return {"request": request, "applied_by": applied_by, "amount_cents": amount_cents,
            "follow_up_on": follow_up_on, "decision_expected_on": decision_expected_on}


def _belongs(referral, household):
    if referral.household_id != household.id:
        raise InvalidInput(_("This referral does not belong to this household."))

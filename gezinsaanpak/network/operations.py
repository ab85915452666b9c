"""What a coach records about the family's network: who is involved, what the family agreed may be shared with
each of them (and its withdrawal), warm handovers to another organisation and the debt-help route.

Each function takes the acting user, checks the policy, changes models, writes the audit entry and flushes;
the request commits once. Nothing is shared without a consent in force: a handover needs one, and withdrawing
it stops every open handover to that partner the same day.
"""
import re
from datetime import date

from flask_babel import format_date

from .. import audit
from ..auth.permissions import can_edit_household, require
from ..errors import InvalidInput
from ..extensions import db
from ..forms import TEXT_MAX
from ..i18n import _, _l
from ..statemachine import StateMachine
from ..timeutil import today
from .labels import DEBT_STATUS_LABELS, HANDOVER_LABELS
from .models import (
    DEBT_ROUTES,
    PARTNER_KINDS,
    DebtHelp,
    NetworkStep,
    Partner,
    PartnerConsent,
    WarmHandover,
)

NEXT_HANDOVER = {"planned": ("meeting_held", "stopped"), "meeting_held": ("taken_over", "stopped"),
                 "taken_over": (), "stopped": ()}
HANDOVERS = StateMachine("status", NEXT_HANDOVER, HANDOVER_LABELS,
                         _l("A handover cannot move from “%(now)s” to “%(to)s”."), to_field="to_status")
NEXT_DEBT = {"registered": ("intake", "stopped"), "intake": ("in_programme", "finished", "stopped"),
             "in_programme": ("finished", "stopped"), "finished": (), "stopped": ()}
DEBT_HELP = StateMachine("status", NEXT_DEBT, DEBT_STATUS_LABELS,
                         _l("A debt-help route cannot move from “%(now)s” to “%(to)s”."), to_field="to_status")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PARTNER_FIELDS = ("kind", "name", "organisation", "relation", "phone", "email")


def _open_household(actor, household) -> None:
    require(can_edit_household(actor, household))
    if household.is_closed:
        raise InvalidInput(_("Reopen this household before changing its network."))


def _text(value, field: str, required: str | None = None, limit: int = TEXT_MAX) -> str | None:
    value = (value or "").strip()
    if not value:
        if required:
            raise InvalidInput(required, field)
        return None
    if len(value) > limit:
        raise InvalidInput(_("At most %(n)d characters.", n=limit), field)
    return value


def _day(on: date | None, field: str, since: date | None = None) -> date:
    on = on or today()
    if on > today():
        raise InvalidInput(_("The date cannot be in the future."), field)
    if since is not None and on < since:
        raise InvalidInput(_("The date cannot be before %(date)s.", date=format_date(since)), field)
    return on


def _partner_values(kind, name, organisation, relation, phone, email) -> dict:
    if kind not in PARTNER_KINDS:
        raise InvalidInput(_("Choose who this is."), "kind")
    name = _text(name, "name", _("Write a name."), 120)
    email = _text(email, "email", limit=160)
    if email and not EMAIL.match(email):
        raise InvalidInput(_("This is not an e-mail address."), "email")
    return {"kind": kind, "name": name,
            "organisation": _text(organisation, "organisation", limit=160), "relation": _text(relation, "relation"),
            "phone": _text(phone, "phone", limit=40), "email": email}


def add_partner(actor, household, kind: str, name: str, organisation: str | None = None,
                relation: str | None = None, phone: str | None = None, email: str | None = None,
                on: date | None = None) -> Partner:
    """Someone the family or the coach works with: a school, the GP, a volunteer, an aunt."""
    _open_household(actor, household)
    values = _partner_values(kind, name, organisation, relation, phone, email)
    partner = Partner(household_id=household.id, added_on=_day(on, "added_on"), added_by_id=actor.id, **values)
    db.session.add(partner)
    db.session.flush()
    audit.record(actor, "network.partner_add", household, partner, detail={"kind": kind})
    return partner


def update_partner(actor, household, partner: Partner, kind: str, name: str, organisation: str | None,
                   relation: str | None, phone: str | None, email: str | None) -> Partner:
    """Correct who they are and how to reach them."""
    _open_household(actor, household)
    _belongs(partner, household)
    values = _partner_values(kind, name, organisation, relation, phone, email)
    for key, value in values.items():
        setattr(partner, key, value)
    audit.record(actor, "network.partner_update", household, partner)
    db.session.flush()
    return partner


def end_partner(actor, household, partner: Partner, on: date | None = None) -> Partner:
    """No longer involved: kept in the history, and nothing more is shared with them (consent ends too)."""
    _open_household(actor, household)
    _belongs(partner, household)
    if partner.ended_on is not None:
        raise InvalidInput(_("This person or organisation is already marked as no longer involved."))
    on = _day(on, "ended_on", partner.added_on)
    if partner.consent is not None:
        withdraw_consent(actor, household, partner.consent, on)
    partner.ended_on = on
    audit.record(actor, "network.partner_end", household, partner)
    db.session.flush()
    return partner


def give_consent(actor, household, partner: Partner, scope: str, given_by: str,
                 on: date | None = None) -> PartnerConsent:
    """The family agreed that `scope` may be shared with this partner; recorded with the day and who asked.
    A new consent replaces the one in force (which is then closed on the same day)."""
    _open_household(actor, household)
    _belongs(partner, household)
    if household.is_registered and not household.has_consent:
        raise InvalidInput(_("The family withdrew its consent to registration: nothing is shared any more."))
    if not household.has_consent:
        raise InvalidInput(_("Consent to share is recorded once the family has consented to registration."))
    if partner.ended_on is not None:
        raise InvalidInput(_("This person or organisation is no longer involved."))
    scope = _text(scope, "scope", _("Write what may be shared."))
    given_by = _text(given_by, "given_by", _("Write who of the family agreed."), 160)
    previous = partner.consent
    # Consent may predate the record of the partner (agreed at the kitchen table, typed in later), not the one
    # it replaces.
    on = _day(on, "given_on", previous.given_on if previous else None)
    if previous is not None:
        previous.withdrawn_on, previous.withdrawn_by_id = on, actor.id
    consent = PartnerConsent(household_id=household.id, partner_id=partner.id, given_on=on, given_by=given_by,
                             scope=scope, asked_by_id=actor.id)
    partner.consents.append(consent)
    db.session.flush()
    audit.record(actor, "network.consent_give", household, consent, detail={"partner": partner.id})
    return consent


def withdraw_consent(actor, household, consent: PartnerConsent, on: date | None = None,
                     why=None) -> PartnerConsent:
    """The family takes its consent back: from this day nothing is shared with the partner, and every open warm
    handover to them stops, with a step saying `why` (by default: the consent to share was withdrawn)."""
    require(can_edit_household(actor, household))
    _belongs(consent, household)
    if consent.withdrawn_on is not None:
        raise InvalidInput(_("This consent has already been withdrawn."))
    on = _day(on, "withdrawn_on", consent.given_on)
    consent.withdrawn_on, consent.withdrawn_by_id = on, actor.id
    for handover in db.session.scalars(db.select(WarmHandover).where(WarmHandover.partner_id == consent.partner_id,
                                                                     WarmHandover.status.in_(("planned",
                                                                                              "meeting_held")))):
        _step(actor, household, HANDOVERS, handover, "stopped", on, why or _("Consent to share was withdrawn."),
              handover_id=handover.id, allowed=("stopped",), since=None)
    audit.record(actor, "network.consent_withdraw", household, consent, detail={"partner": consent.partner_id})
    db.session.flush()
    return consent


def stop_sharing(actor, household, on: date) -> None:
    """The family withdrew its consent to registration (cases/consent.py): every consent to share still in force
    ends the same day (or the day it was given, if later), and with it every open warm handover."""
    partners = db.session.scalars(db.select(Partner).where(Partner.household_id == household.id)).all()
    for partner in partners:
        if partner.consent is not None:
            withdraw_consent(actor, household, partner.consent, max(on, partner.consent.given_on),
                             why=_("The family withdrew its consent to registration."))


def start_handover(actor, household, partner: Partner, purpose: str, shared: str,
                   on: date | None = None, meeting_on: date | None = None) -> WarmHandover:
    """A warm handover to another organisation: only to a partner the family consented to share with."""
    _open_household(actor, household)
    _belongs(partner, household)
    consent = partner.consent
    if consent is None:
        raise InvalidInput(_("The family has not consented to sharing anything with %(name)s: record their "
                             "consent first.", name=partner.name), "partner_id")
    purpose = _text(purpose, "purpose", _("Write what the organisation takes over."))
    shared = _text(shared, "shared", _("Write what you pass on (within the consent)."))
    on = _day(on, "status_on", consent.given_on)
    handover = WarmHandover(household_id=household.id, partner_id=partner.id, consent_id=consent.id, purpose=purpose,
                            shared=shared, status="planned", status_on=on, meeting_on=meeting_on,
                            created_by_id=actor.id)
    db.session.add(handover)
    db.session.flush()
    db.session.add(NetworkStep(household_id=household.id, handover_id=handover.id, from_status=None,
                               to_status="planned", changed_on=on, by_id=actor.id))
    audit.record(actor, "network.handover_start", household, handover, detail={"partner": partner.id})
    return handover


def handover_step(actor, household, handover: WarmHandover, to_status: str, on: date | None = None,
                  note: str | None = None) -> NetworkStep:
    """The joint meeting was held; the receiver confirmed that they took over; or the handover stopped."""
    _open_household(actor, household)
    _belongs(handover, household)
    if to_status != "stopped" and handover.consent.withdrawn_on is not None:
        raise InvalidInput(_("The family withdrew its consent to share with this organisation."), "to_status")
    on = on or today()
    step = _step(actor, household, HANDOVERS, handover, to_status, on, note, handover_id=handover.id)
    if to_status == "meeting_held":
        handover.meeting_on = on
    audit.record(actor, "network.handover_step", household, handover, detail={"to": to_status})
    return step


def start_debt_help(actor, household, route: str, partner: Partner | None = None,
                    on: date | None = None) -> DebtHelp:
    """The family is registered with a form of debt help; one open route at a time."""
    _open_household(actor, household)
    if route not in DEBT_ROUTES:
        raise InvalidInput(_("Choose the kind of debt help."), "route")
    if partner is not None:
        _belongs(partner, household)
    if db.session.scalar(db.select(DebtHelp.id).where(DebtHelp.household_id == household.id,
                                                      DebtHelp.status.not_in(("finished", "stopped")))):
        raise InvalidInput(_("This household already has a debt-help route that is not finished."), "route")
    on = _day(on, "started_on")
    debt = DebtHelp(household_id=household.id, partner_id=partner.id if partner else None, route=route,
                    status="registered", status_on=on, started_on=on, created_by_id=actor.id)
    db.session.add(debt)
    db.session.flush()
    db.session.add(NetworkStep(household_id=household.id, debt_help_id=debt.id, from_status=None,
                               to_status="registered", changed_on=on, by_id=actor.id))
    audit.record(actor, "network.debt_start", household, debt, detail={"route": route})
    return debt


def debt_help_step(actor, household, debt: DebtHelp, to_status: str, on: date | None = None,
                   note: str | None = None) -> NetworkStep:
    """Intake, in a programme, finished or stopped: dated, never before the previous step."""
    _open_household(actor, household)
    _belongs(debt, household)
    step = _step(actor, household, DEBT_HELP, debt, to_status, on or today(), note, debt_help_id=debt.id)
    audit.record(actor, "network.debt_step", household, debt, detail={"to": to_status})
    return step


def _step(actor, household, machine, record, to_status, on, note, allowed=None, since="status_on",
          **owner) -> NetworkStep:
    note = _text(note, "note")
    step = machine.move(record, to_status, on, getattr(record, since) if since else None,
                        lambda old, new: NetworkStep(household_id=household.id, from_status=old, to_status=new,
                                                     changed_on=on, note=note, by_id=actor.id, **owner),
                        allowed)
    record.status_on = on
    db.session.add(step)
    db.session.flush()
    return step


def _belongs(record, household) -> None:
    if record.household_id != household.id:
        raise InvalidInput(_("This record belongs to another household."))

"""What the network area contributes to a household: its page section (the people and organisations involved,
consent to share, warm handovers and debt help), its timeline entries, its due items and its audit labels (see
cases/registry.py)."""
from sqlalchemy import func, select

from ..auth.models import User
from ..cases.registry import Section, TimelineSource
from ..cases.timeline import Entry
from ..i18n import _, _l
from . import labels
from .models import DebtHelp, NetworkStep, Partner, PartnerConsent, WarmHandover
from .operations import stop_sharing
from .queries import household_network, network_due_items


def _added(hid):
    return (select(Partner.added_on.label("on"), Partner.id.label("id"), Partner.name.label("name"),
                   Partner.kind.label("partner_kind"), User.name.label("by"))
            .join(User, User.id == Partner.added_by_id).where(Partner.household_id == hid))


def _addition(r, lang) -> Entry:
    return Entry(r.on, "network", _("%(name)s joined the network (%(kind)s)", name=r.name,
                                    kind=labels.KIND_LABELS.get(r.partner_kind, r.partner_kind)), None, r.by)


def _consents(hid):
    return (select(PartnerConsent.given_on.label("on"), PartnerConsent.id.label("id"), Partner.name.label("name"),
                   PartnerConsent.scope.label("scope"), User.name.label("by"))
            .join(Partner, Partner.id == PartnerConsent.partner_id).join(User, User.id == PartnerConsent.asked_by_id)
            .where(PartnerConsent.household_id == hid))


def _consent(r, lang) -> Entry:
    return Entry(r.on, "network", _("Consent to share with %(name)s", name=r.name), r.scope, r.by)


def _withdrawals(hid):
    return (select(PartnerConsent.withdrawn_on.label("on"), PartnerConsent.id.label("id"), Partner.name.label("name"),
                   User.name.label("by"))
            .join(Partner, Partner.id == PartnerConsent.partner_id)
            .join(User, User.id == PartnerConsent.withdrawn_by_id)
            .where(PartnerConsent.household_id == hid, PartnerConsent.withdrawn_on.is_not(None)))


def _withdrawal(r, lang) -> Entry:
    return Entry(r.on, "network", _("Consent to share with %(name)s withdrawn", name=r.name), None, r.by)


def _steps(hid):
    return (select(NetworkStep.changed_on.label("on"), NetworkStep.id.label("id"),
                   NetworkStep.to_status.label("status"), NetworkStep.handover_id.label("handover"),
                   func.coalesce(Partner.name, DebtHelp.route).label("to"), NetworkStep.note.label("note"),
                   User.name.label("by"))
            .join(User, User.id == NetworkStep.by_id)
            .outerjoin(WarmHandover, WarmHandover.id == NetworkStep.handover_id)
            .outerjoin(DebtHelp, DebtHelp.id == NetworkStep.debt_help_id)
            .outerjoin(Partner, Partner.id == WarmHandover.partner_id)
            .where(NetworkStep.household_id == hid))


def _step(r, lang) -> Entry:
    if r.handover is not None:
        title = _("Warm handover to %(name)s: %(status)s", name=r.to,
                  status=labels.HANDOVER_LABELS.get(r.status, r.status))
    else:
        title = _("Debt help (%(route)s): %(status)s", route=labels.DEBT_ROUTE_LABELS.get(r.to, r.to),
                  status=labels.DEBT_STATUS_LABELS.get(r.status, r.status))
    return Entry(r.on, "network", title, r.note, r.by)


def register(parts) -> None:
    parts.add_section(Section("network", "network/_household.html", household_network, order=25))
    parts.add_timeline(TimelineSource("partner", "network", _added, _addition), _l("Network"))
    parts.add_timeline(TimelineSource("partner_consent", "network", _consents, _consent))
    parts.add_timeline(TimelineSource("consent_withdrawal", "network", _withdrawals, _withdrawal))
    parts.add_timeline(TimelineSource("network_step", "network", _steps, _step))
    parts.add_due(network_due_items)
    parts.add_consent_withdrawn(stop_sharing)
    parts.add_audit_labels(labels.AUDIT_LABELS)

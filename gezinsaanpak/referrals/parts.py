"""What the referrals area contributes to a household: its page section (referrals and fund suggestions), its
timeline entries (every step of a referral), its items on the due list and its audit labels
(see cases/registry.py)."""
from sqlalchemy import case, func, select

from ..auth.models import User
from ..cases.models import Member
from ..cases.registry import Section, TimelineSource
from ..cases.timeline import Entry
from ..i18n import _, _l
from . import labels
from .models import Fund, Referral, ReferralChange
from .queries import household_overview, referral_due_items, upcoming_follow_ups


def _steps(hid):
    return (select(ReferralChange.changed_on.label("on"), ReferralChange.id.label("id"),
                   ReferralChange.created_at.label("at"),
                   ReferralChange.to_status.label("status"),
                   func.coalesce(Fund.name, Referral.organisation).label("to"), Member.first_name.label("member"),
                   case((ReferralChange.from_status.is_(None), Referral.request), else_=ReferralChange.note)
                   .label("detail"), User.name.label("by"))
            .join(Referral, Referral.id == ReferralChange.referral_id).join(User, User.id == ReferralChange.by_id)
            .outerjoin(Fund, Fund.id == Referral.fund_id).outerjoin(Member, Member.id == Referral.member_id)
            .where(Referral.household_id == hid))


def _step(r, lang) -> Entry:
    title = _("Referral to %(to)s: %(status)s", to=r.to, status=labels.STATUS_LABELS[r.status])
    if r.member:
        title += f" ({r.member})"
    return Entry(r.on, "referral", title, r.detail, r.by)


def register(parts) -> None:
    parts.add_section(Section("referrals", "referrals/_household.html", household_overview, order=20))
    parts.add_timeline(TimelineSource("referral", "referral", _steps, _step), _l("Referrals"))
    parts.add_due(referral_due_items)
    parts.add_upcoming(upcoming_follow_ups)
    parts.add_audit_labels(labels.AUDIT_LABELS)

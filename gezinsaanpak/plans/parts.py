"""What the plans area contributes to a household: its page section (members with their latest assessment,
goals, suggestions), its timeline entries and its audit labels (see cases/registry.py)."""
from sqlalchemy import select

from ..cases.models import Member
from ..cases.registry import Section, TimelineSource
from ..cases.timeline import Entry
from ..i18n import _, _l, in_language
from . import labels
from .models import Domain, Goal
from .queries import plan_view
from .suggestions import suggest_domains


def plan_overview(household):
    """For the household page: members with their latest assessment, goals with status, suggestions; nothing
    before registration, when there is no plan yet."""
    if not household.is_registered:
        return None
    view = plan_view(household, with_referrals=False, details=False)
    return view, suggest_domains(household, plan=view)


def _goals(hid):
    return (select(Goal.created_at.label("on"), Goal.id.label("id"), Domain.label_nl.label("domain_nl"),
                   Domain.label_en.label("domain_en"), Member.first_name.label("member"),
                   Goal.description.label("description"))
            .join(Domain, Domain.id == Goal.domain_id).outerjoin(Member, Member.id == Goal.member_id)
            .where(Goal.household_id == hid))


def _goal(r, lang) -> Entry:
    return Entry(r.on, "goal", _("Goal for %(who)s: %(domain)s", who=r.member or _("the family"),
                                 domain=in_language(r, "domain", lang)), r.description)


def register(parts) -> None:
    parts.add_section(Section("plans", "plans/_household.html", plan_overview, order=20))
    parts.add_timeline(TimelineSource("goal", "goal", _goals, _goal), _l("Goals"))
    parts.add_audit_labels(labels.AUDIT_LABELS)

"""What the plans area contributes to a household: its page section (members with their latest assessment,
goals, suggestions), its next goal reviews, its timeline entries (goals set, reviews, assessments) and its audit
labels (see cases/registry.py)."""
from sqlalchemy import select

from ..auth.models import User
from ..cases.models import Member
from ..cases.registry import Section, TimelineSource
from ..cases.timeline import Entry
from ..i18n import _, _l, in_language, ngettext
from . import labels
from .models import Assessment, Domain, Goal, GoalReview
from .queries import goals_of, plan_view, upcoming_reviews
from .suggestions import suggest_domains


def plan_overview(household):
    """For the household page: members with their latest assessment, goals with status, suggestions; nothing
    before registration, when there is no plan yet."""
    if not household.is_registered:
        return None
    view = plan_view(household, with_referrals=False, details=False)
    return view, suggest_domains(household, plan=view)


def _goals(hid):
    return (select(Goal.created_at.label("on"), Goal.id.label("id"), Goal.created_at.label("at"),
                   Domain.label_nl.label("domain_nl"),
                   Domain.label_en.label("domain_en"), Member.first_name.label("member"),
                   Goal.description.label("description"))
            .join(Domain, Domain.id == Goal.domain_id).outerjoin(Member, Member.id == Goal.member_id)
            .where(Goal.household_id == hid))


def _goal(r, lang) -> Entry:
    return Entry(r.on, "goal", _("Goal for %(who)s: %(domain)s", who=r.member or _("the family"),
                                 domain=in_language(r, "domain", lang)), r.description)


def _reviews(hid):
    return (select(GoalReview.reviewed_on.label("on"), GoalReview.id.label("id"), GoalReview.created_at.label("at"),
                   Domain.label_nl.label("domain_nl"), Domain.label_en.label("domain_en"),
                   Member.first_name.label("member"), GoalReview.status.label("status"), GoalReview.note.label("note"),
                   User.name.label("by"))
            .join(Goal, Goal.id == GoalReview.goal_id).join(Domain, Domain.id == Goal.domain_id)
            .outerjoin(Member, Member.id == Goal.member_id).join(User, User.id == GoalReview.by_id)
            .where(Goal.household_id == hid))


def _review(r, lang) -> Entry:
    return Entry(r.on, "goal", _("Goal reviewed for %(who)s: %(domain)s, %(status)s", who=r.member or _("the family"),
                                 domain=in_language(r, "domain", lang),
                                 status=labels.GOAL_STATUS_LABELS[r.status].lower()), r.note, r.by)


def _assessments(hid):
    return (select(Assessment.assessed_on.label("on"), Assessment.id.label("id"), Assessment.created_at.label("at"),
                   Assessment.scale.label("scale"), Member.first_name.label("member"), User.name.label("by"))
            .join(Member, Member.id == Assessment.member_id).join(User, User.id == Assessment.by_id)
            .where(Assessment.household_id == hid))


def _assessment(r, lang) -> Entry:
    return Entry(r.on, "assessment", _("%(scale)s assessment of %(who)s", scale=labels.SCALE_LABELS[r.scale],
                                       who=r.member), None, r.by)


def goal_states(household) -> list:
    """For the closing form: every goal with whose it is and its status."""
    return [(_("%(domain)s (%(who)s)", domain=labels.domain_label(goal.domain),
               who=goal.member.first_name if goal.member else _("the family")), labels.GOAL_STATUS_LABELS[goal.status])
            for goal in goals_of(household, details=False)]


def check_goals_reached(household, reason: str) -> str | None:
    """"Goals reached" is true of the goals: none may still be open, and at least one was achieved."""
    if reason != "goals_reached":
        return None
    goals = goals_of(household, details=False)
    still_open = [g for g in goals if g.status in ("active", "adjusted")]
    if still_open:
        return ngettext("%(num)d goal is still open: review it with the family first (achieved or stopped), or "
                        "choose another reason.", "%(num)d goals are still open: review them with the family first "
                        "(achieved or stopped), or choose another reason.", len(still_open))
    if not any(g.status == "achieved" for g in goals):
        return _("No goal of the plan was achieved; choose another reason.")
    return None


def register(parts) -> None:
    parts.add_section(Section("plans", "plans/_household.html", plan_overview, order=10))
    parts.add_upcoming(upcoming_reviews)
    parts.add_timeline(TimelineSource("goal", "goal", _goals, _goal), _l("Goals"))
    parts.add_timeline(TimelineSource("goal_review", "goal", _reviews, _review))
    parts.add_timeline(TimelineSource("assessment", "assessment", _assessments, _assessment), _l("Assessments"))
    parts.add_closing(goal_states, check_goals_reached)
    parts.add_audit_labels(labels.AUDIT_LABELS)

"""The read side of the plan: one household's members, assessments, goals, dreams and agreed referrals.

Each source is one query (plus eager loads), so a page or PDF costs the same however big the family is.
"""
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache

from sqlalchemy import bindparam, select
from sqlalchemy.orm import joinedload, selectinload
from sqlalchemy.orm.attributes import set_committed_value

from ..cases.registry import DueItem
from ..extensions import db
from ..history import changes_of
from ..i18n import _
from ..referrals.models import Referral
from ..web import once_per_request
from .assessments import Summary, summarise
from .labels import domain_label
from .models import Action, Assessment, AssessmentScore, Domain, FamilyPlan, Goal, MemberWish, Strength
from .operations import support_ends_on

STATUS_ORDER = {"active": 0, "adjusted": 1, "achieved": 2, "stopped": 3}
PLAN_REFERRAL_STATUSES = ("to_apply", "applied", "granted", "delivered")


@dataclass
class MemberPlan:
    member: object
    first: Assessment | None
    latest: Assessment | None
    goals: list
    wish: MemberWish | None
    strengths: list = field(default_factory=list)

    @property
    def summary(self) -> Summary | None:
        return summarise(self.latest) if self.latest else None

    @property
    def open_goals(self):
        return [g for g in self.goals if g.status in ("active", "adjusted")]


@dataclass
class PlanView:
    household: object
    members: list
    family_goals: list
    family_plan: FamilyPlan | None
    referrals: list
    support_ends: date | None
    family_strengths: list = field(default_factory=list)

    @property
    def goals(self):
        return self.family_goals + [g for m in self.members for g in m.goals]

    @property
    def next_reviews(self):
        return sorted(g.next_review_on for g in self.goals if g.next_review_on)


def goals_of(household, member_id=None, only_member=False, details: bool = True) -> list[Goal]:
    """Open goals first, then by target date; `details` loads their action points and if-then plans too. Loaded
    once per request: the household page's plan section and its next reviews both read them."""
    def load():
        household.members  # noqa: B018 - in the session: each goal finds its member without a query
        goals = db.session.scalars(_goals_statement(details, only_member),
                                   {"hid": household.id, "member_id": member_id}).all()
        return sorted(goals, key=lambda g: (STATUS_ORDER[g.status], g.target_on or date.max, g.id))
    return once_per_request(("goals", household.id, member_id if only_member else None, details), load)


@cache
def _goals_statement(details: bool, only_member: bool):
    """Built once per variant with the household (and member) as parameters: building and keying a statement
    costs about what running it does."""
    query = select(Goal).where(Goal.household_id == bindparam("hid"))
    if details:
        query = query.options(selectinload(Goal.actions).joinedload(Action.partner), selectinload(Goal.obstacles))
    if only_member:
        query = query.where(Goal.member_id == bindparam("member_id"))
    return query


def goal_history(goal) -> tuple[list, dict[str, Domain]]:
    """The goal's field changes, newest first, and the domains they name by code (a domain may be retired)."""
    changes = changes_of("goal", goal.id, goal.household_id)
    codes = {value for change, _name in changes if change.field == "domain"
             for value in (change.old_value, change.new_value) if value}
    domains = db.session.scalars(select(Domain).where(Domain.code.in_(codes))) if codes else []
    return changes, {domain.code: domain for domain in domains}


def plan_view(household, with_referrals: bool = True, details: bool = True) -> PlanView:
    """The plan of a household. Without `details` (the household page's summary) it leaves out the action
    points, if-then plans, wishes, strengths and the family plan, which only the plan page and the PDF show."""
    members = [m for m in household.members if not m.left_on]
    firsts, latests = {}, {}
    for assessment in db.session.scalars(_ASSESSMENTS, {"hid": household.id}):
        firsts.setdefault(assessment.member_id, assessment)
        latests[assessment.member_id] = assessment
    # Only the scores that are read: each member's newest (the household page) and first (the plan's change since
    # the start), not every score of every assessment in between.
    read = {a.id: a for a in (*latests.values(), *(firsts.values() if details else ()))}
    if read:
        scores: dict = {assessment_id: [] for assessment_id in read}
        for score in db.session.scalars(_SCORES_OF, {"ids": list(read)}):
            scores[score.assessment_id].append(score)
        for assessment_id, assessment in read.items():
            set_committed_value(assessment, "scores", scores[assessment_id])
    goals = goals_of(household, details=details)
    wishes, family_plan, strengths = {}, None, []
    if details:
        wishes = {w.member_id: w for w in db.session.scalars(select(MemberWish)
                                                             .where(MemberWish.household_id == household.id))}
        family_plan = db.session.scalar(select(FamilyPlan).where(FamilyPlan.household_id == household.id))
        strengths = db.session.scalars(select(Strength).where(Strength.household_id == household.id)
                                       .order_by(Strength.kind, Strength.id)).all()
    rows = [MemberPlan(m, firsts.get(m.id), latests.get(m.id), [g for g in goals if g.member_id == m.id],
                       wishes.get(m.id), [s for s in strengths if s.member_id == m.id]) for m in members]
    return PlanView(household, rows, [g for g in goals if g.member_id is None], family_plan,
                    _agreed_referrals(household) if with_referrals else [], support_ends_on(household),
                    [s for s in strengths if s.member_id is None])


_ASSESSMENTS = (select(Assessment).where(Assessment.household_id == bindparam("hid"))
                .order_by(Assessment.assessed_on, Assessment.id))
_SCORES_OF = (select(AssessmentScore).where(AssessmentScore.assessment_id.in_(bindparam("ids", expanding=True)))
              .order_by(AssessmentScore.id))


def _agreed_referrals(household) -> list:
    """Referrals agreed with the family and not refused or withdrawn."""
    return db.session.scalars(select(Referral).where(Referral.household_id == household.id,
                                                     Referral.status.in_(PLAN_REFERRAL_STATUSES))
                              .options(joinedload(Referral.member))
                              .order_by(Referral.created_at)).all()


REVIEW_AHEAD_DAYS = 7  # a goal whose review falls within the week is talked through at this week's visit


def goals_to_review(household, on: date) -> tuple[list[Goal], list[Goal]]:
    """The open goals whose review is due (up to a week ahead, earliest first), and the other open goals."""
    open_goals = [g for g in goals_of(household, details=False) if g.status in ("active", "adjusted")]
    until = on + timedelta(days=REVIEW_AHEAD_DAYS)
    due = sorted((g for g in open_goals if g.next_review_on and g.next_review_on <= until),
                 key=lambda g: (g.next_review_on, g.id))
    return due, [g for g in open_goals if g not in due]


def upcoming_reviews(household, limit: int = 3) -> list[DueItem]:
    """The household's next goal reviews, for the top of its page (from the goals its plan section loaded)."""
    goals = sorted((g for g in goals_of(household, details=False)
                    if g.status in ("active", "adjusted") and g.next_review_on is not None),
                   key=lambda g: (g.next_review_on, g.id))[:limit]
    return [DueItem(g.next_review_on, household,
                    _("Review the goal %(domain)s (%(who)s)", domain=domain_label(g.domain),
                      who=g.member.first_name if g.member else _("the family")), "goal") for g in goals]

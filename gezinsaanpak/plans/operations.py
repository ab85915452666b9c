"""What a coach does with the plan: goals, action points, if-then plans, reviews, dreams and wishes.

Goals are time-bound: their target date lies within the support period (cases/support.py: from the first contact,
SUPPORT_MONTHS months or as long as the team lead agreed), because the family should feel progress before it ends.
Each function checks the policy, validates, changes models, writes the audit entry and flushes.
"""
from datetime import date

from flask_babel import format_date
from sqlalchemy import select

from .. import audit, history
from ..auth.permissions import can_edit_household, require
from ..cases.support import support_ends_on
from ..errors import InvalidInput
from ..extensions import db
from ..forms import TEXT_MAX
from ..i18n import _
from ..locking import check_version
from ..timeutil import age_on, today, utcnow
from .assessments import scale_for
from .models import (
    GOAL_STATUSES,
    OWN_WORDS_SKIPPED,
    STRENGTH_KINDS,
    Action,
    FamilyPlan,
    Goal,
    GoalReview,
    MemberWish,
    Obstacle,
    Strength,
    if_clause,
    then_clause,
)

WHO_MAX = 120
OWN_WORDS_FROM_AGE = 4


def _text(value, limit=TEXT_MAX) -> str | None:
    return (value or "").strip()[:limit] or None


def _check_open(actor, household):
    require(can_edit_household(actor, household))
    if not household.is_registered:
        raise InvalidInput(_("The plan is made after the family has consented to registration."))
    if household.is_closed:
        raise InvalidInput(_("This household is closed. Reopen it before adding to the plan."))


def _check_goal_fields(household, member, domain, description, target_on, own_words, old_target=None,
                       own_words_skipped=None):
    if member is not None and member.household_id != household.id:
        raise InvalidInput(_("This member does not belong to this household."), "member")
    if domain is None or domain.retired_at is not None:
        raise InvalidInput(_("Choose the domain of the goal."), "domain_id")
    wanted = "family" if member is None else scale_for(member, today())
    if domain.scale != wanted:
        raise InvalidInput(_("This domain does not fit: choose a family theme for a family goal, a Bridge domain "
                             "for an adult and a Child Bridge domain for a child."), "domain_id")
    if not _text(description):
        raise InvalidInput(_("Describe the goal: what, how much, by when (SMART)."), "description")
    if target_on is None:
        raise InvalidInput(_("Choose a target date within the support period."), "target_on")
    if target_on < today() and target_on != old_target:
        raise InvalidInput(_("A target date cannot be in the past."), "target_on")
    ends = support_ends_on(household)
    if target_on > ends:
        raise InvalidInput(_("The support period ends on %(date)s. Choose a target date before then, or a shorter "
                             "step; if the family needs longer, ask to extend the support period.",
                             date=format_date(ends)), "target_on")
    if own_words_skipped is not None and own_words_skipped not in OWN_WORDS_SKIPPED:
        raise InvalidInput(_("Choose why the child's own words are not there."), "own_words_skipped")
    if member is not None and member.is_child and age_on(member.date_of_birth, today()) >= OWN_WORDS_FROM_AGE \
            and not _text(own_words) and own_words_skipped is None:
        raise InvalidInput(_("Write down what %(name)s wants, in their own words, or choose why not.",
                             name=member.first_name), "own_words")


def _skipped(member, own_words, own_words_skipped) -> str | None:
    """Why a child's own words are missing: only for a child's goal, and only while the child's words are."""
    return own_words_skipped if member is not None and member.is_child and not _text(own_words) else None


def set_goal(actor, household, member, domain, description: str, target_on: date, dream: str | None = None,
             own_words: str | None = None, own_words_skipped: str | None = None) -> Goal:
    """A goal for one member (member given) or for the family as a whole (member None). A child's goal holds the
    child's own words, or why they are not there (`own_words_skipped`): the child's words win when both are given."""
    _check_open(actor, household)
    _check_goal_fields(household, member, domain, description, target_on, own_words,
                       own_words_skipped=own_words_skipped)
    goal = Goal(household_id=household.id, member_id=member.id if member else None, domain_id=domain.id,
                description=_text(description), dream=_text(dream), own_words=_text(own_words), target_on=target_on,
                own_words_skipped=_skipped(member, own_words, own_words_skipped), status="active",
                created_by_id=actor.id)
    db.session.add(goal)
    db.session.flush()
    audit.record(actor, "goal.add", household, goal, detail={"member": goal.member_id, "domain": domain.code,
                                                              "target_on": target_on})
    return goal


def update_goal(actor, household, goal, domain, description: str, target_on: date, dream: str | None = None,
                own_words: str | None = None, own_words_skipped: str | None = None) -> Goal:
    """Change what a goal says; its member stays. A review records why (status "adjusted")."""
    _check_open(actor, household)
    _check_goal_fields(household, goal.member, domain, description, target_on, own_words, old_target=goal.target_on,
                       own_words_skipped=own_words_skipped)
    before = _goal_fields(goal)
    goal.domain_id, goal.domain = domain.id, domain
    goal.description, goal.target_on = _text(description), target_on
    goal.dream, goal.own_words = _text(dream), _text(own_words)
    goal.own_words_skipped = _skipped(goal.member, own_words, own_words_skipped)
    history.record_changes(actor, household, "goal", goal, before, _goal_fields(goal))
    db.session.flush()
    audit.record(actor, "goal.update", household, goal,
                 detail={"old": {"domain": before["domain"], "target_on": before["target_on"]},
                         "new": {"domain": domain.code, "target_on": target_on}})
    return goal


def _goal_fields(goal) -> dict:
    """What a goal says, as its change history compares it; the family's words stay out of the audit trail."""
    return {"domain": goal.domain.code, "description": goal.description, "target_on": goal.target_on,
            "dream": goal.dream, "own_words": goal.own_words, "own_words_skipped": goal.own_words_skipped}


def review_goal(actor, household, goal, reviewed_on: date, status: str, note: str | None = None,
                next_review_on: date | None = None) -> GoalReview:
    """A dated review with the family: how it goes, the status from now on, and when to look again."""
    _check_open(actor, household)
    if reviewed_on is None or reviewed_on > today():
        raise InvalidInput(_("Enter the date of the review (not in the future)."), "reviewed_on")
    if reviewed_on < goal.created_at.date():
        raise InvalidInput(_("A review cannot be dated before the goal was set."), "reviewed_on")
    if status not in GOAL_STATUSES:
        raise InvalidInput(_("Choose the status of the goal."), "status")
    if next_review_on is not None:
        if status in ("achieved", "stopped"):
            raise InvalidInput(_("An achieved or stopped goal needs no next review; leave the date empty."),
                               "next_review_on")
        if next_review_on <= reviewed_on:
            raise InvalidInput(_("The next review comes after this one."), "next_review_on")
    review = GoalReview(goal_id=goal.id, reviewed_on=reviewed_on, status=status, note=_text(note), by_id=actor.id)
    goal.reviews.append(review)
    before = {"status": goal.status, "next_review_on": goal.next_review_on}
    goal.status = status
    goal.next_review_on = next_review_on if status in ("active", "adjusted") else None
    history.record_changes(actor, household, "goal", goal, before,
                           {"status": status, "next_review_on": goal.next_review_on})
    db.session.flush()
    audit.record(actor, "goal.review", household, goal,
                 detail={"old": before["status"], "new": status, "next_review_on": goal.next_review_on})
    return review


def add_action(actor, household, goal, description: str, who: str | None, due_on: date | None = None,
               support_needed: str | None = None, partner=None) -> Action:
    """Who does what, by when, with what support: the family chooses its action points. Who: a member, the coach or
    someone else by name (`who`), or someone from the household's network (`partner`, involved now), so the plan
    says which volunteer, experience expert or organisation carries it."""
    _check_open(actor, household)
    if not _text(description):
        raise InvalidInput(_("Describe what will be done."), "description")
    if partner is not None:
        if partner.household_id != household.id:
            raise InvalidInput(_("%(name)s is not in this household's network. Choose someone from its network.",
                                 name=partner.name), "carrier")
        if not partner.is_active:
            raise InvalidInput(_("%(name)s is no longer involved with this family. Choose someone else.",
                                 name=partner.name), "carrier")
        who = partner.name
    elif not _text(who, WHO_MAX):
        raise InvalidInput(_("Write who does it, for example a first name or “coach”."), "who")
    if due_on is not None and household.registered_on and due_on < household.registered_on:
        raise InvalidInput(_("The date lies before the registration."), "due_on")
    action = Action(description=_text(description), who=_text(who, WHO_MAX), due_on=due_on,
                    support_needed=_text(support_needed), partner_id=partner.id if partner else None)
    goal.actions.append(action)
    db.session.flush()
    audit.record(actor, "action.add", household, action, detail={"goal": goal.id, "due_on": due_on,
                                                                  "partner": action.partner_id})
    return action


def set_action_done(actor, household, action, done: bool, on: date | None = None) -> Action:
    """Tick an action point off (dated), or open it again when it turned out not to be done."""
    _check_open(actor, household)
    action.done_on = (on or today()) if done else None
    db.session.flush()
    audit.record(actor, "action.done" if done else "action.reopen", household, action)
    return action


def remove_action(actor, household, action) -> None:
    """For a mistake; an action that no longer fits is better marked done or reviewed with its goal."""
    _check_open(actor, household)
    goal_id = action.goal_id
    action.goal.actions.remove(action)
    db.session.flush()
    audit.record(actor, "action.remove", household, detail={"goal": goal_id, "action": action.id})


def add_obstacle(actor, household, goal, obstacle: str, if_then_plan: str) -> Obstacle:
    """An obstacle thought through in advance: "if this happens, then we do that". The page and the PDF print "if"
    and "then" themselves, so they are taken off what was typed."""
    _check_open(actor, household)
    obstacle, if_then_plan = if_clause(_text(obstacle) or ""), then_clause(_text(if_then_plan) or "")
    if not obstacle:
        raise InvalidInput(_("Describe what could get in the way."), "obstacle")
    if not if_then_plan:
        raise InvalidInput(_("Write the if-then plan: what will you do when it happens?"), "if_then_plan")
    item = Obstacle(obstacle=obstacle, if_then_plan=if_then_plan)
    goal.obstacles.append(item)
    db.session.flush()
    audit.record(actor, "obstacle.add", household, item, detail={"goal": goal.id})
    return item


def remove_obstacle(actor, household, obstacle) -> None:
    """For a mistake, or an obstacle that no longer applies."""
    _check_open(actor, household)
    goal_id = obstacle.goal_id
    obstacle.goal.obstacles.remove(obstacle)
    db.session.flush()
    audit.record(actor, "obstacle.remove", household, detail={"goal": goal_id, "obstacle": obstacle.id})


def wish_of(member) -> MemberWish | None:
    """A member's own dream or wishes, if written down."""
    return db.session.scalar(select(MemberWish).where(MemberWish.member_id == member.id))


def set_wish(actor, household, member, words: str | None, version) -> MemberWish | None:
    """A member's dream, or a child's own wishes, in their own words; empty words remove it. `version` is the one
    the form showed (0: none yet): two coaches writing at once must not silently overwrite each other."""
    _check_open(actor, household)
    if member.household_id != household.id:
        raise InvalidInput(_("This member does not belong to this household."))
    wish = wish_of(member)
    check_version(wish, version)
    text = _text(words)
    if text is None:
        if wish is not None:
            db.session.delete(wish)
    elif wish is None:
        wish = MemberWish(household_id=household.id, member_id=member.id, words=text, updated_by_id=actor.id)
        db.session.add(wish)
    else:
        wish.words, wish.updated_by_id, wish.updated_at = text, actor.id, utcnow()
    db.session.flush()
    audit.record(actor, "wish.set" if text else "wish.remove", household, member)
    return wish if text else None


def family_plan_of(household) -> FamilyPlan | None:
    """The family's dream as a whole and the next appointment, if written down."""
    return db.session.scalar(select(FamilyPlan).where(FamilyPlan.household_id == household.id))


def update_family_plan(actor, household, family_dream: str | None, next_meeting_on: date | None,
                       next_meeting_note: str | None, version) -> FamilyPlan:
    """The family's dream as a whole, and when and where the family and coach meet next. `version` is the one the
    form showed (0: no plan yet), as for a wish."""
    _check_open(actor, household)
    if next_meeting_on is not None and household.registered_on and next_meeting_on < household.registered_on:
        raise InvalidInput(_("The date lies before the registration."), "next_meeting_on")
    plan = family_plan_of(household)
    check_version(plan, version)
    if plan is None:
        plan = FamilyPlan(household_id=household.id, updated_by_id=actor.id)
        db.session.add(plan)
    plan.family_dream = _text(family_dream)
    plan.next_meeting_on = next_meeting_on
    plan.next_meeting_note = _text(next_meeting_note, 200)
    plan.updated_by_id, plan.updated_at = actor.id, utcnow()
    db.session.flush()
    audit.record(actor, "family_plan.update", household, plan, detail={"next_meeting_on": next_meeting_on})
    return plan


def add_strength(actor, household, member, kind: str, text: str) -> Strength:
    """What the family can build on, of one member or (member None) of the family: the plan uses the carrying
    capacity and protective factors, not only the problems (003 lines 902-905)."""
    _check_open(actor, household)
    if member is not None and member.household_id != household.id:
        raise InvalidInput(_("This member does not belong to this household."), "member")
    if kind not in STRENGTH_KINDS:
        raise InvalidInput(_("Choose a strength or a protective factor."), "kind")
    if not _text(text):
        raise InvalidInput(_("Write what the family can build on, for example “grandmother helps out every "
                             "week”."), "text")
    strength = Strength(household_id=household.id, member_id=member.id if member else None, kind=kind,
                        text=_text(text), created_by_id=actor.id)
    db.session.add(strength)
    db.session.flush()
    audit.record(actor, "strength.add", household, strength, detail={"member": strength.member_id, "kind": kind})
    return strength


def remove_strength(actor, household, strength) -> None:
    """For a mistake, or what no longer holds."""
    _check_open(actor, household)
    db.session.delete(strength)
    db.session.flush()
    audit.record(actor, "strength.remove", household, detail={"strength": strength.id})

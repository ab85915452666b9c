"""Demo assessments and goals for the demo municipality."""
from datetime import datetime, time, timedelta

from sqlalchemy import select

from ..extensions import db
from ..timeutil import today
from .models import Action, Assessment, AssessmentScore, Domain, Goal, GoalReview


def add_demo_plan(rng, coach, household, registered):
    domains = db.session.scalars(select(Domain)).all()
    moment = datetime.combine(registered, time(11))
    bridge = [d for d in domains if d.scale == "bridge"]
    child = [d for d in domains if d.scale == "child_bridge"]
    for member in household.members:
        is_child = member.role == "child"
        age = (registered - member.date_of_birth).days // 365
        assessment = Assessment(household_id=household.id, member_id=member.id, assessed_on=registered,
                                scale="child_bridge" if is_child else "bridge", by_id=coach.id,
                                age_band=("by_5" if age < 5 else "by_11" if age < 11 else "by_18") if is_child
                                else None)
        for domain in child if is_child else bridge:
            if is_child:
                assessment.scores.append(AssessmentScore(domain=domain, colour=rng.choice(["green", "orange", "red"])))
            else:
                assessment.scores.append(AssessmentScore(domain=domain, step=rng.randint(1, 5)))
        db.session.add(assessment)
        if rng.random() < 0.6 and (child if is_child else bridge):
            goal = Goal(household_id=household.id, member_id=member.id, created_by_id=coach.id, created_at=moment,
                        domain=rng.choice(child if is_child else bridge),
                        description="Binnen drie maanden een stap verder op dit domein.",
                        target_on=registered + timedelta(days=rng.randint(60, 360)),
                        status=rng.choice(["active", "active", "achieved", "adjusted"]))
            goal.actions.append(Action(description="Afspraak maken en samen voorbereiden.", who=member.first_name,
                                       due_on=registered + timedelta(days=30)))
            goal.reviews.append(GoalReview(reviewed_on=min(registered + timedelta(days=45), today()),
                                           status=goal.status, by_id=coach.id))
            db.session.add(goal)
    db.session.flush()

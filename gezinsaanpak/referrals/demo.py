"""Demo referrals for the demo municipality."""
from datetime import datetime, time, timedelta

from sqlalchemy import select

from ..extensions import db
from .models import Fund, Referral, ReferralChange


def add_demo_referrals(rng, coach, household, registered):
    funds = db.session.scalars(select(Fund)).all()
    moment = datetime.combine(registered, time(11))
    for member in household.members:
        if member.role == "child" and funds and rng.random() < 0.5:
            status = rng.choice(["to_apply", "applied", "granted", "delivered", "rejected"])
            referral = Referral(household_id=household.id, member_id=member.id, fund=rng.choice(funds),
                                request="Aanvraag voor deelname.", status=status, status_on=registered,
                                follow_up_on=registered + timedelta(days=21), created_by_id=coach.id,
                                created_at=moment)
            referral.changes.append(ReferralChange(to_status=status, changed_on=registered, by_id=coach.id))
            db.session.add(referral)
    db.session.flush()

"""Outcomes across a team's households: change between first and latest assessment per domain (as a
distribution), goals achieved against goals set, referrals granted against referrals made.

Groups of fewer than five households are suppressed so no family can be recognised."""
from sqlalchemy import and_, func, select

from ..cases.models import Household
from ..extensions import db
from ..plans.models import Assessment, AssessmentScore, Domain, Goal
from ..referrals.models import Referral

MIN_HOUSEHOLDS = 5
COLOUR_RANK = {"red": 0, "orange": 1, "green": 2}


def _first_and_latest(team_id):
    """Per member and scale: the first and the latest assessment (only members assessed at least twice)."""
    ordered = (select(Assessment.id, Assessment.member_id, Assessment.scale, Assessment.household_id,
                      func.row_number().over(partition_by=(Assessment.member_id, Assessment.scale),
                                             order_by=(Assessment.assessed_on, Assessment.id)).label("n"),
                      func.count().over(partition_by=(Assessment.member_id, Assessment.scale)).label("total"))
               .join(Household, Household.id == Assessment.household_id).where(Household.team_id == team_id)
               .subquery())
    first = select(ordered).where(ordered.c.n == 1, ordered.c.total > 1).subquery("first")
    latest = select(ordered).where(ordered.c.n == ordered.c.total, ordered.c.total > 1).subquery("latest")
    return first, latest


def assessment_changes(team_id: int):
    """{domain: {"households": n, "suppressed": bool, "changes": {change: members}}}; a change is the step
    difference for Bridge sub-domains, or "better"/"same"/"worse" for Child Bridge colours."""
    first, latest = _first_and_latest(team_id)
    s1, s2 = AssessmentScore.__table__.alias("s1"), AssessmentScore.__table__.alias("s2")
    rows = db.session.execute(
        select(Domain, s1.c.step, s2.c.step, s1.c.colour, s2.c.colour, first.c.household_id)
        .select_from(first)
        .join(latest, and_(latest.c.member_id == first.c.member_id, latest.c.scale == first.c.scale))
        .join(s1, s1.c.assessment_id == first.c.id)
        .join(s2, and_(s2.c.assessment_id == latest.c.id, s2.c.domain_id == s1.c.domain_id))
        .join(Domain, Domain.id == s1.c.domain_id)
        .order_by(Domain.scale, Domain.position)).all()
    result = {}
    for domain, step1, step2, colour1, colour2, household_id in rows:
        entry = result.setdefault(domain, {"households": set(), "changes": {}})
        entry["households"].add(household_id)
        if step1 is not None and step2 is not None:
            change = step2 - step1
        else:
            diff = COLOUR_RANK[colour2] - COLOUR_RANK[colour1]
            change = "better" if diff > 0 else "worse" if diff < 0 else "same"
        entry["changes"][change] = entry["changes"].get(change, 0) + 1
    for entry in result.values():
        entry["households"] = len(entry["households"])
        entry["suppressed"] = entry["households"] < MIN_HOUSEHOLDS
        if entry["suppressed"]:
            entry["changes"] = {}
    return result


def goals_and_referrals(team_id: int):
    """Goals set/achieved and referrals made/granted/delivered, with the number of households behind them."""
    in_team = Household.team_id == team_id
    goals = db.session.execute(
        select(func.count(Goal.id), func.count(Goal.id).filter(Goal.status == "achieved"),
               func.count(func.distinct(Goal.household_id)))
        .join(Household, Household.id == Goal.household_id).where(in_team)).one()
    referrals = db.session.execute(
        select(func.count(Referral.id), func.count(Referral.id).filter(Referral.status.in_(("granted", "delivered"))),
               func.count(Referral.id).filter(Referral.status == "delivered"),
               func.count(func.distinct(Referral.household_id)))
        .join(Household, Household.id == Referral.household_id).where(in_team)).one()
    return {
        "goals": {"set": goals[0], "achieved": goals[1], "households": goals[2],
                  "suppressed": goals[2] < MIN_HOUSEHOLDS},
        "referrals": {"made": referrals[0], "granted": referrals[1], "delivered": referrals[2],
                      "households": referrals[3], "suppressed": referrals[3] < MIN_HOUSEHOLDS},
    }

"""Demo referrals: what coaches typically ask for, at every step, some follow-ups overdue, a yearly grant to renew.

Built through the operations, with dates in the past, so the demo obeys the same rules as real work.
"""
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from ..extensions import db
from ..timeutil import add_months, age_on, today
from . import funds as catalogue
from . import operations
from .models import Fund

# (fund code, lowest age, highest age, what is asked, amount in cents, who applies)
FOR_CHILDREN = [
    ("jeugdfonds_sport_cultuur", 4, 17, "Contributie voetbalclub, seizoen, en voetbalschoenen", 22500, "coach"),
    ("jeugdfonds_sport_cultuur", 6, 17, "Lesgeld muziekschool (gitaar), één jaar", 31000, "coach"),
    ("leergeld", 4, 17, "Contributie dansschool, één schooljaar", 18000, "family"),
    ("kinderhulp", 11, 17, "Laptop voor school", 35000, "coach"),
    ("kinderhulp", 4, 17, "Zwemles tot diploma A", 18000, "coach"),
    ("anwb_kinderfietsenplan", 6, 15, "Een fiets om naar school te gaan", None, "coach"),
    ("kinderen_voedselbank", 4, 12, "Kledingpakket voor de winter", None, "coach"),
]
FOR_HOUSEHOLD = [
    ("urgente_noden", "Nieuwe koelkast: de oude is kapot", 45000, "coach"),
    ("kledingbank", "Winterjassen en schoenen voor het gezin", None, "family"),
    (None, "Huiswerkbegeleiding bij Buurthuis De Klimop", None, "family"),
]
ORGANISATION = "Buurthuis De Klimop"


def set_demo_renewals(admin):
    """The demo municipality renews Jeugdfonds grants yearly, as an administrator can switch on per fund."""
    fund = db.session.scalar(select(Fund).where(Fund.code == "jeugdfonds_sport_cultuur"))
    if fund is not None:
        values = {key: getattr(fund, key) for key in catalogue.EDITABLE}
        catalogue.update_fund(admin, fund, **{**values, "is_yearly": True})


def add_demo_referrals(rng, coach, household, registered):
    funds = {fund.code: fund for fund in db.session.scalars(select(Fund))}
    if not funds:
        return
    children = [m for m in household.members if m.role == "child"]
    for child in children:
        age = age_on(child.date_of_birth, registered)
        options = [o for o in FOR_CHILDREN if o[1] <= age <= o[2] and o[0] in funds]
        chosen = rng.sample(options, min(len(options), rng.choice([0, 1, 1, 2])))
        if len(chosen) == 2 and chosen[0][0] == chosen[1][0]:
            chosen = chosen[:1]  # one request per fund at a time
        for code, _low, _high, request, amount, applied_by in chosen:
            start = _day_after(rng, registered, 3, 60)
            _walk(rng, coach, household, funds[code], child, request, amount, applied_by, start)
    if rng.random() < 0.35:
        code, request, amount, applied_by = rng.choice(FOR_HOUSEHOLD)
        _walk(rng, coach, household, funds.get(code), None, request, amount, applied_by,
              _day_after(rng, registered, 0, 30))
    _yearly_grant_up_for_renewal(rng, coach, household, registered, children, funds)


def _yearly_grant_up_for_renewal(rng, coach, household, registered, children, funds):
    """A sports grant delivered about a year ago: the coach is asked to renew it before it lapses."""
    sporty = [c for c in children if 5 <= age_on(c.date_of_birth, today()) <= 17]
    fund = funds.get("jeugdfonds_sport_cultuur")
    delivered = add_months(today(), -operations.RENEWAL_AFTER_MONTHS) + timedelta(days=rng.randint(-10, 20))
    start = delivered - timedelta(days=30)
    if not sporty or fund is None or start < registered:
        return
    referral = _create(coach, household, fund, rng.choice(sporty), "Contributie zwemvereniging, één jaar", 19500,
                       "coach", start, start + timedelta(days=14))
    for status, days in (("applied", 6), ("granted", 20), ("delivered", 30)):
        operations.change_status(coach, household, referral, status, on=start + timedelta(days=days),
                                 decision_expected_on=start + timedelta(days=34),
                                 follow_up_on=start + timedelta(days=days + 14))
    operations.record_participation(coach, household, referral, "takes_part", on=start + timedelta(days=80))


def _walk(rng, coach, household, fund, member, request, amount, applied_by, start):
    """Steps at believable intervals up to a random point; the last follow-up is near today, some overdue."""
    path = rng.choice([[], ["applied"], ["applied", "granted"], ["applied", "granted", "delivered"],
                       ["applied", "granted", "delivered"], ["applied", "rejected"], ["withdrawn"]])
    gaps = [rng.randint(5, 25) for _status in path]
    if not path or path[-1] in ("applied", "granted"):  # an open referral is recent work, not forgotten
        start = max(start, today() - timedelta(days=sum(gaps) + rng.randint(5, 30)))
    days, day = [], start
    for gap in gaps:
        day = day + timedelta(days=gap)
        days.append(day)
    while days and days[-1] > today():
        path, days = path[:-1], days[:-1]
    next_follow_up = max((days[-1] if days else start) + timedelta(days=14),
                         today() + timedelta(days=rng.randint(-12, 21)))
    referral = _create(coach, household, fund, member, request, amount, applied_by, start,
                       next_follow_up if not path else start + timedelta(days=14))
    for status, on in zip(path, days, strict=True):
        operations.change_status(coach, household, referral, status, on=on, follow_up_on=next_follow_up,
                                 decision_expected_on=on + timedelta(days=rng.randint(21, 56)))
    since = (today() - referral.status_on).days
    if referral.status == "delivered" and since > 42 and member is not None:
        choice = rng.choice(["takes_part", "takes_part", "takes_part", "not_taking_part"] + [None] * (since < 75))
        if choice:
            operations.record_participation(coach, household, referral, choice,
                                            on=referral.status_on + timedelta(days=rng.randint(30, 42)))
    return referral


def _create(coach, household, fund, member, request, amount, applied_by, start, follow_up_on):
    referral = operations.create_referral(
        coach, household, request, fund_id=fund.id if fund else None, organisation=None if fund else ORGANISATION,
        member_id=member.id if member else None, amount_cents=amount, applied_by=applied_by,
        follow_up_on=follow_up_on, on=start)
    referral.created_at = datetime.combine(start, time(10, 30))
    return referral


def _day_after(rng, registered: date, low: int, high: int) -> date:
    return min(registered + timedelta(days=rng.randint(low, high)), today())

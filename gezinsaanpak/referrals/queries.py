"""When a referral needs the coach again, and what the household page shows about referrals.

One set of rules (`attention`) serves both the coach's due list and the household page, so they never disagree.
"""
from dataclasses import dataclass, field
from datetime import date, timedelta

from flask_babel.speaklater import LazyString
from sqlalchemy import and_, bindparam, exists, or_, select
from sqlalchemy.orm import aliased, joinedload

from ..cases.access import visible_households_clause
from ..cases.models import Household
from ..cases.registry import DueItem
from ..extensions import db
from ..i18n import _
from ..timeutil import today
from ..web import once_per_request
from .funds import active_funds
from .models import OPEN_STATUSES, Fund, Referral
from .suggestions import suggestions_for

RENEWAL = aliased(Referral, name="renewal")  # a later referral renewing another; made once, an alias is costly
PARTICIPATION_CHECK_DAYS = 42  # six weeks after a grant or delivery: has the child actually gone?


def attention(referral: Referral, until: date, renewed: bool) -> list[tuple[str, date]]:
    """Why a referral needs the coach by `until`, as (kind, due date); a missing decision covers the follow-up.

    A grant that was not used is not pressed for renewal; the referral page still offers it.
    """
    reasons = []
    if referral.status == "applied" and referral.decision_expected_on and referral.decision_expected_on <= until:
        reasons.append(("referral_decision", referral.decision_expected_on))
    elif referral.status in OPEN_STATUSES and referral.follow_up_on and referral.follow_up_on <= until:
        reasons.append(("referral", referral.follow_up_on))
    check_on = referral.status_on + timedelta(days=PARTICIPATION_CHECK_DAYS)
    if (referral.status in ("granted", "delivered") and referral.member_id and referral.participation_checked_on is None
            and check_on <= until):
        reasons.append(("referral_participation", check_on))
    if (referral.renewal_planned and referral.renewal_due_on <= until and not renewed
            and referral.participation != "not_taking_part"):
        reasons.append(("referral_renewal", referral.renewal_due_on))
    return reasons


def describe(referral: Referral, kind: str) -> str:
    """The question on the due list; the follow-up names only the fund, as the start page asks the rest."""
    who = referral.member.first_name if referral.member else _("the family")
    fund = referral.target
    if kind == "referral":
        return _("%(fund)s for %(who)s", fund=fund, who=who)
    if kind == "referral_decision":
        return _("No decision yet from %(fund)s for %(who)s: ask how the application stands.", fund=fund, who=who)
    if kind == "referral_participation":
        return _("Does %(who)s take part? Check whether the grant from %(fund)s is used.", fund=fund, who=who)
    return _("The grant from %(fund)s for %(who)s lapses soon: start the renewal.", fund=fund, who=who)


def referral_due_items(user, until: date) -> list[DueItem]:
    """Referrals on the coach's due list: follow-up passed, no decision, participation unchecked, renewal due."""
    renewed = exists().where(RENEWAL.renewal_of_id == Referral.id)
    yearly = select(Fund.id).where(Fund.is_yearly).scalar_subquery()
    participation_from = until - timedelta(days=PARTICIPATION_CHECK_DAYS)
    rows = db.session.execute(
        select(Referral, Household, renewed.label("renewed"))
        .join(Household, Household.id == Referral.household_id)
        .options(joinedload(Referral.member))
        .where(visible_households_clause(user), Household.stage != "closed",
               or_(and_(Referral.status.in_(OPEN_STATUSES), Referral.follow_up_on <= until),
                   and_(Referral.status == "applied", Referral.decision_expected_on <= until),
                   and_(Referral.status.in_(("granted", "delivered")), Referral.member_id.is_not(None),
                        Referral.participation_checked_on.is_(None), Referral.status_on <= participation_from),
                   and_(Referral.status == "delivered", Referral.renewal_due_on <= until, ~renewed,
                        Referral.participation != "not_taking_part", Referral.fund_id.in_(yearly))))).all()
    # The question is worded only when shown: a team lead's list is long, and paged.
    return [DueItem(due_on, household, LazyString(describe, referral, kind), kind)
            for referral, household, is_renewed in rows
            for kind, due_on in attention(referral, until, is_renewed)]


@dataclass
class Overview:
    referrals: list
    renewed_ids: set
    suggestions: list = field(default_factory=list)
    on: date = field(default_factory=today)
    may_refer: bool = False  # open, registered, with the family's consent (see create_referral)

    def attention(self, referral):
        return [describe(referral, kind) if kind != "referral" else _("Follow-up due: how did it go?")
                for kind, _due in attention(referral, self.on, referral.id in self.renewed_ids)]

    @property
    def urgent(self):
        """Birthday suggestions and warnings of every child: they cannot wait."""
        return [s for _member, items in self.suggestions for s in items if s.kind != "fits"]

    def may_renew(self, referral):
        return referral.renewal_planned and referral.id not in self.renewed_ids


def household_overview(household, on: date | None = None, suggest: bool = True) -> Overview:
    """Referrals newest first, open ones on top, and suggestions per child; a fixed number of queries."""
    on = on or today()
    referrals = sorted(household_referrals(household), key=lambda r: not r.is_open)
    renewed_ids = {r.renewal_of_id for r in referrals if r.renewal_of_id}
    overview = Overview(referrals=referrals, renewed_ids=renewed_ids, on=on,
                        may_refer=household.has_consent and not household.is_closed)
    if suggest and overview.may_refer:
        overview.suggestions = suggestions_for(household.members, active_funds(), referrals, on)
    return overview



def household_referrals(household) -> list[Referral]:
    """Every referral of the household, newest first (each reads its fund from the kept catalogue); loaded once
    per request, as the household page's referrals section and its next follow-ups both read them."""
    household.members  # noqa: B018 - in the session: each referral finds its member without a join
    return once_per_request(("referrals", household.id),
                            lambda: db.session.scalars(_HOUSEHOLD_REFERRALS, {"hid": household.id}).all())


_HOUSEHOLD_REFERRALS = (select(Referral).where(Referral.household_id == bindparam("hid"))
                        .order_by(Referral.status_on.desc(), Referral.id.desc()))


def upcoming_follow_ups(household, limit: int = 3) -> list[DueItem]:
    """The household's next follow-ups of open referrals, for the top of its page."""
    rows = sorted((r for r in household_referrals(household)
                   if r.status in OPEN_STATUSES and r.follow_up_on is not None),
                  key=lambda r: (r.follow_up_on, r.id))[:limit]
    return [DueItem(r.follow_up_on, household, _("Follow up the referral to %(to)s", to=r.target), "referral")
            for r in rows]

"""Funds that may fit each child, with the reason, so the coach can decide quickly and nothing is missed.

Plain functions over loaded objects (members, funds, referrals) and a date, so the rules are easy to test.
A fund with a lead time (Jarige Job: six weeks before the birthday) is about the next birthday: it is
suggested when that birthday comes into view and warned about when the lead time can no longer be met.
"""
from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import format_date

from ..i18n import _
from ..timeutil import age_on

LOOK_AHEAD_DAYS = 35  # a birthday fund is suggested from five weeks before its deadline
RECENT_DAYS = {"birthday": 180, "other": 365}  # a referral this recent means the fund is already in hand
CLOSED_WITHOUT_RESULT = ("rejected", "withdrawn")


@dataclass
class Suggestion:
    member: object
    fund: object
    kind: str  # "fits", "birthday" or "too_late"
    reason: str
    applied_by: str  # what to prefill: "coach" or "family"
    deadline: date | None = None


def next_birthday(born: date, on: date) -> date:
    """The coming birthday, today included; someone born on 29 February celebrates on the 28th in other years."""
    for year in (on.year, on.year + 1):
        try:
            birthday = born.replace(year=year)
        except ValueError:
            birthday = date(year, 2, 28)
        if birthday >= on:
            return birthday
    raise AssertionError("unreachable")


def in_range(fund, age: int) -> bool:
    return (fund.min_age is None or age >= fund.min_age) and (fund.max_age is None or age <= fund.max_age)


def who_applies(fund, member) -> tuple[str, str]:
    """A coach applies where intermediaries or professionals may, goes through an intermediary the fund recognised
    (the coach's organisation may be one), and otherwise helps the parents or school."""
    applicants = fund.applicant_list
    if "intermediaries" in applicants or "professionals" in applicants:
        return "coach", _("You can apply as coach.")
    if "recognised_intermediaries" in applicants:
        return "coach", _("Apply through an intermediary recognised by the fund (intermediair); check whether your "
                          "organisation is one.")
    if "parents" in applicants:
        return "family", _("Parents apply themselves; you can help them.")
    if "school" in applicants:
        school = getattr(member, "school", None)
        return "coach", (_("The school applies: ask %(school)s.", school=school) if school
                         else _("The school applies: ask the child's school."))
    return "coach", _("Check on the fund's website who may apply.")


def age_range_text(fund) -> str:
    """The ages a fund is for, both inclusive. Dutch says it the way the guide does, with the first age no longer
    included ("van 4 tot 18 jaar" is 4 to 17), so `under` is one above the highest age."""
    if fund.max_age is None:
        return _("aged %(low)d and over", low=fund.min_age)
    if fund.min_age is None:
        return _("aged up to %(high)d (under %(under)d)", high=fund.max_age, under=fund.max_age + 1)
    return _("aged %(low)d to %(high)d (under %(under)d)", low=fund.min_age, high=fund.max_age,
             under=fund.max_age + 1)


def time_until(days: int) -> str:
    """"in 7 weeks" from two weeks on, "in 5 days" below that (plural forms only: 1 is "tomorrow")."""
    if days >= 14:
        return _("in %(num)d weeks", num=days // 7)
    if days > 1:
        return _("in %(num)d days", num=days)
    return _("tomorrow") if days == 1 else _("today")


def lead_time_text(days: int) -> str:
    if days % 7 == 0 and days >= 14:
        return _("%(num)d weeks", num=days // 7)
    return _("%(num)d days", num=days) if days != 1 else _("1 day")


def suggestions_for(members, funds, referrals, on: date) -> list[tuple[object, list[Suggestion]]]:
    """Per child, the active funds that fit today; birthday funds first, as they cannot wait."""
    result = []
    for member in members:
        if member.role != "child":
            continue
        found = [s for fund in funds if fund.retired_at is None and (fund.min_age is not None or
                                                                      fund.max_age is not None)
                 for s in [_suggest(member, fund, referrals, on)] if s]
        found.sort(key=lambda s: ({"too_late": 1, "birthday": 0}.get(s.kind, 2), s.fund.name))
        if found:
            result.append((member, found))
    return result


def _suggest(member, fund, referrals, on) -> Suggestion | None:
    """Who applies is worked out only for a fund that fits: most funds do not fit a given child."""
    if fund.lead_time_days:
        return _birthday_suggestion(member, fund, referrals, on)
    age = age_on(member.date_of_birth, on)
    if not in_range(fund, age) or _already_referred(member, fund, referrals, on, "other"):
        return None
    applied_by, how = who_applies(fund, member)
    reason = _("%(name)s is %(age)d; %(fund)s is for children %(range)s.", name=member.first_name, age=age,
               fund=fund.name, range=age_range_text(fund))
    return Suggestion(member, fund, "fits", f"{reason} {how}", applied_by)


def _birthday_suggestion(member, fund, referrals, on) -> Suggestion | None:
    birthday = next_birthday(member.date_of_birth, on)
    turns = age_on(member.date_of_birth, birthday)
    days = (birthday - on).days
    lead = fund.lead_time_days
    if not in_range(fund, turns) or days > lead + LOOK_AHEAD_DAYS:
        return None
    if _already_referred(member, fund, referrals, on, "birthday"):
        return None
    applied_by, how = who_applies(fund, member)
    when = _("Birthday %(when)s (%(date)s, turns %(age)d)", when=time_until(days), date=format_date(birthday),
             age=turns)
    if days < lead:
        reason = _("%(when)s: %(fund)s needs %(lead)s, so this birthday can no longer be met. Apply in time for "
                   "the next one, or look for another way.", when=when, fund=fund.name, lead=lead_time_text(lead))
        return Suggestion(member, fund, "too_late", reason, applied_by)
    deadline = birthday - timedelta(days=lead)
    reason = _("%(when)s: apply for %(fund)s now, at the latest on %(deadline)s (%(lead)s before).", when=when,
               fund=fund.name, deadline=format_date(deadline), lead=lead_time_text(lead))
    return Suggestion(member, fund, "birthday", f"{reason} {how}", applied_by, deadline)


def _already_referred(member, fund, referrals, on, kind) -> bool:
    since = on - timedelta(days=RECENT_DAYS[kind])
    return any(r.member_id == member.id and r.fund_id == fund.id and r.status not in CLOSED_WITHOUT_RESULT
               and r.created_at.date() >= since
               for r in referrals)

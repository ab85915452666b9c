"""The anonymised monitoring export: an SQLite file of counts a municipality's researcher or the national monitor
can open with any SQLite tool.

No row is about one household: every table counts households (and goals, referrals, children, ...) per group, and
every published group holds at least K households on every combination of its columns (k-anonymity). What someone
who knows a family could know of it (team, area, income situation, source, months, household make-up by role and
age band) is shown as finely as that allows: quarters become years, the team and other columns become "*", and what
is rare even then is left out (anonymity.py). The neighbourhood is never published: its district is, from the
administrator's list of neighbourhoods (`district_of` takes another lookup). No names, dates, notes or ids; nothing
links a row of one table to a row of another. The `about` table says how it was made, with k.
"""
from collections import defaultdict
from collections.abc import Callable
from datetime import date

import sqlite_utils
from sqlalchemy import and_, func, or_, select

from ..auth.models import Team
from ..cases.models import Household, Member, Neighbourhood, StageTransition
from ..extensions import db
from ..files import check_target, writing
from ..plans.models import Action, Assessment, AssessmentScore, Domain, Goal
from ..referrals.models import Fund, Referral
from ..signals.models import ChecklistItem, Signal
from ..timeutil import age_on
from .anonymity import ANY, Published, Record, anonymise, hidden, steps
from .outcomes import MIN_HOUSEHOLDS
from .reach import children_clause, reached_clause

K = MIN_HOUSEHOLDS  # the same threshold as the team lead's outcome tables
# The guide's age bands of the Child Bridge (0-5, 6-11 and 12-18 years), then young adults up to 22.
CHILD_BANDS = ((0, 5, "0-5"), (6, 11, "6-11"), (12, 18, "12-18"), (19, 22, "19-22"))
COLOUR_RANK = {"red": 0, "orange": 1, "green": 2}


def districts_of_the_list() -> Callable[[int | None], str | None]:
    """The district of each neighbourhood on the administrator's list, by its id. An entry still to review holds
    what a coach typed and has no district here, so its households are published with area '*'."""
    known = dict(db.session.execute(select(Neighbourhood.id, Neighbourhood.district).where(
        Neighbourhood.to_review.is_(False), Neighbourhood.district.is_not(None))).all())
    return known.get


def age_band(role: str, born: date, on: date) -> str:
    age = age_on(born, on)
    for low, high, band in CHILD_BANDS:
        if low <= age <= high:
            return band
    return "23+" if role == "child" else "adult"


def quarter(day: date | None) -> str | None:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}" if day else None


def year(period: str | None) -> str | None:
    return period[:4] if period else None


def column(name: str, how: Callable = lambda value: value) -> Callable[[dict], object]:
    return lambda facts: how(facts[name])


def makeup(members: list[tuple[str, str]]) -> str:
    """Every member by role and age band: "child 0-5, child 6-11, parent adult, parent adult"."""
    return ", ".join(f"{role} {band}" for role, band in sorted(members))


def adults_and_children(members) -> str:
    children = sum(role == "child" for role, _band in members)
    return f"adults {len(members) - children}, children {children}"


def children_only(members) -> str:
    children = sum(role == "child" for role, _band in members)
    return f"children {children if children < 4 else '4+'}"


def direction(change) -> str:
    if isinstance(change, str):
        return change
    return "better" if change > 0 else "worse" if change < 0 else "same"


# Per table: its quasi-identifiers (shown, generalised or "*"), what else it shows, what it counts, and its levels.
TABLES = {
    "reach": dict(
        quasi=("team", "area", "income_situation"), other=(), counts=("children", "children_reached"),
        levels=steps({"team": column("team"), "area": column("district"), "income_situation": column("income")},
                     {"area": hidden}, {"team": hidden}, {"income_situation": hidden}),
        about="households in support in the period, their children, and the children reached (a contact with the "
              "household or a provision delivered in the period)"),
    "household_makeup": dict(
        quasi=("team", "makeup"), other=(), counts=(),
        levels=steps({"team": column("team"), "makeup": column("members", makeup)}, {"team": hidden},
                     {"makeup": column("members", adults_and_children)}, {"makeup": column("members", children_only)},
                     {"makeup": hidden}),
        about="households in support by make-up: each member by role and age band at the end of the period"),
    "intake": dict(
        quasi=("team", "source", "registered"), other=(), counts=(),
        levels=steps({"team": column("team"), "source": column("source"), "registered": column("registered")},
                     {"registered": column("registered", year)}, {"team": hidden}, {"source": hidden},
                     {"registered": hidden}),
        about="households registered in the period, by who signalled them and when"),
    "closures": dict(
        quasi=("team", "closed"), other=("close_reason",), counts=(),
        levels=steps({"team": column("team"), "closed": column("closed"), "close_reason": column("reason")},
                     {"closed": column("closed", year)}, {"team": hidden}, {"close_reason": hidden},
                     {"closed": hidden}),
        about="households whose support ended in the period, by reason"),
    "stages": dict(
        quasi=("team", "month"), other=("from_stage", "to_stage"), counts=("transitions",),
        levels=steps({"team": column("team"), "month": column("month"), "from_stage": column("from"),
                      "to_stage": column("to")},
                     {"month": column("month", year)}, {"team": hidden}, {"month": hidden}, {"from_stage": hidden},
                     {"to_stage": hidden}),
        about="moves between stages in the period"),
    "goals": dict(
        quasi=("team",), other=("scale", "domain", "status"), counts=("goals", "actions", "actions_done"),
        levels=steps({"team": column("team"), "scale": column("scale"), "domain": column("domain"),
                      "status": column("status")},
                     {"team": hidden}, {"domain": hidden}, {"scale": hidden}, {"status": hidden}),
        about="goals of the households in support, by domain and status"),
    "assessment_changes": dict(
        quasi=("team",), other=("scale", "domain", "change"), counts=("members",),
        levels=steps({"team": column("team"), "scale": column("scale"), "domain": column("domain"),
                      "change": column("change")},
                     {"team": hidden}, {"change": column("change", direction)}, {"domain": hidden},
                     {"scale": hidden}, {"change": hidden}),
        about="per member and domain, the change between the first and latest assessment in the period (Bridge: "
              "steps; Child Bridge: better, same or worse, within one age band)"),
    "referrals": dict(
        quasi=("team", "created"), other=("fund", "status", "participation"), counts=("referrals",),
        levels=steps({"team": column("team"), "created": column("created"), "fund": column("fund"),
                      "status": column("status"), "participation": column("participation")},
                     {"created": column("created", year)}, {"team": hidden}, {"participation": hidden},
                     {"created": hidden}, {"status": hidden}, {"fund": hidden}),
        about="referrals of the households in support, per fund (or a local organisation), by status and whether "
              "the child or family takes part"),
    "signals": dict(
        quasi=("team", "observed"), other=("item", "state"), counts=("signals",),
        levels=steps({"team": column("team"), "observed": column("observed"), "item": column("item"),
                      "state": column("state")},
                     {"observed": column("observed", year)}, {"team": hidden}, {"state": hidden},
                     {"observed": hidden}, {"item": hidden}),
        about="signals from the poverty checklist recorded for the households in support"),
}


def _in_period(start: date, end: date):
    """Households in support at some moment between start and end."""
    return and_(Household.phase == "registered", Household.registered_on <= end,
                or_(Household.closed_on.is_(None), Household.closed_on >= start))


def _households(start: date, end: date, district_of) -> dict[int, dict]:
    in_period = _in_period(start, end)
    teams = dict(db.session.execute(select(Team.id, Team.name)).all())
    households = {h.id: {"team": teams.get(h.team_id), "district": district_of(h.neighbourhood_id) or ANY,
                         "income": h.income_situation, "source": h.source, "reason": h.close_reason,
                         "registered": quarter(h.registered_on) if start <= h.registered_on <= end else None,
                         "closed": quarter(h.closed_on) if h.closed_on and h.closed_on <= end else None,
                         "members": []}
                  for h in db.session.scalars(select(Household).where(in_period))}
    for household_id, role, born in db.session.execute(
            select(Member.household_id, Member.role, Member.date_of_birth)
            .join(Household, Household.id == Member.household_id)
            .where(in_period, or_(Member.left_on.is_(None), Member.left_on >= start))):
        households[household_id]["members"].append((role, age_band(role, born, end)))
    reached = dict(db.session.execute(
        select(Household.id, func.count(Member.id)).join(Member, Member.household_id == Household.id)
        .where(in_period, children_clause(start, end), reached_clause(start, end)).group_by(Household.id)).all())
    for household_id, facts in households.items():
        facts["children"] = sum(role == "child" for role, _band in facts["members"])
        facts["children_reached"] = reached.get(household_id, 0)
    return households


def _changes(households, start: date, end: date):
    """(household, scale, domain code, change) per member and domain: from their first to their latest assessment in
    the period, of the most recent age band with two (the Child Bridge rates a child against its band)."""
    by_member = defaultdict(list)
    for a in db.session.scalars(select(Assessment).where(Assessment.household_id.in_(households),
                                                         Assessment.assessed_on.between(start, end))
                                .order_by(Assessment.assessed_on, Assessment.id)):
        by_member[(a.member_id, a.scale, a.age_band or "")].append(a)
    bands = defaultdict(list)
    for (member_id, scale, _band), series in by_member.items():
        if len(series) > 1:
            bands[(member_id, scale)].append(series)
    pairs = {}
    for member_scale, candidates in bands.items():
        series = max(candidates, key=lambda series: (series[-1].assessed_on, series[-1].id))
        pairs[member_scale] = (series[0], series[-1])
    compared = {a.id for pair in pairs.values() for a in pair}
    scores = defaultdict(dict)
    for score, code in db.session.execute(select(AssessmentScore, Domain.code)
                                          .join(Domain, Domain.id == AssessmentScore.domain_id)
                                          .join(Assessment, Assessment.id == AssessmentScore.assessment_id)
                                          .where(Assessment.household_id.in_(households),
                                                 Assessment.assessed_on.between(start, end))):
        if score.assessment_id in compared:
            scores[score.assessment_id][code] = score
    for (_member, scale), (first, latest) in pairs.items():
        for code, before in scores[first.id].items():
            after = scores[latest.id].get(code)
            if after is None:
                continue
            if before.step is not None and after.step is not None:
                change = after.step - before.step
            else:
                change = direction(COLOUR_RANK[after.colour] - COLOUR_RANK[before.colour])
            yield first.household_id, scale, code, change


def records(start: date, end: date, district_of=None) -> dict[str, list[Record]]:
    """Per table, one record per thing it counts, with its household and facts."""
    households = _households(start, end, district_of or districts_of_the_list())
    ids = select(Household.id).where(_in_period(start, end))
    team = {household_id: facts["team"] for household_id, facts in households.items()}
    out = {
        "reach": [Record(h, f, {"children": f["children"], "children_reached": f["children_reached"]})
                  for h, f in households.items()],
        "household_makeup": [Record(h, f) for h, f in households.items()],
        "intake": [Record(h, f) for h, f in households.items() if f["registered"]],
        "closures": [Record(h, f) for h, f in households.items() if f["closed"]],
    }
    out["stages"] = [
        Record(t.household_id, {"team": team[t.household_id], "month": quarter(t.moved_on), "from": t.from_stage,
                                "to": t.to_stage}, {"transitions": 1})
        for t in db.session.scalars(select(StageTransition).where(StageTransition.household_id.in_(ids),
                                                                  StageTransition.moved_on.between(start, end)))]
    actions = {goal_id: (total, done) for goal_id, total, done in db.session.execute(
        select(Action.goal_id, func.count(Action.id), func.count(Action.done_on)).join(Goal, Goal.id == Action.goal_id)
        .where(Goal.household_id.in_(ids)).group_by(Action.goal_id))}
    out["goals"] = [
        Record(goal.household_id, {"team": team[goal.household_id], "scale": scale, "domain": code,
                                   "status": goal.status},
               dict(zip(("goals", "actions", "actions_done"), (1, *actions.get(goal.id, (0, 0))), strict=True)))
        for goal, scale, code in db.session.execute(select(Goal, Domain.scale, Domain.code)
                                                    .join(Domain, Domain.id == Goal.domain_id)
                                                    .where(Goal.household_id.in_(ids)))]
    out["assessment_changes"] = [
        Record(h, {"team": team[h], "scale": scale, "domain": code, "change": change}, {"members": 1})
        for h, scale, code, change in _changes(ids, start, end)]
    funds = dict(db.session.execute(select(Fund.id, Fund.code)).all())
    out["referrals"] = [
        Record(r.household_id, {"team": team[r.household_id], "created": quarter(r.created_at),
                                "fund": funds.get(r.fund_id, "local_organisation"), "status": r.status,
                                "participation": r.participation}, {"referrals": 1})
        for r in db.session.scalars(select(Referral).where(Referral.household_id.in_(ids)))]
    items = dict(db.session.execute(select(ChecklistItem.id, ChecklistItem.code)).all())
    out["signals"] = [
        Record(s.household_id, {"team": team[s.household_id], "observed": quarter(s.observed_on),
                                "item": items[s.item_id], "state": s.state}, {"signals": 1})
        for s in db.session.scalars(select(Signal).where(Signal.household_id.in_(ids)))]
    return out


def anonymised(start: date, end: date, district_of=None) -> dict[str, Published]:
    """Every table of the export, k-anonymous."""
    found = records(start, end, district_of)
    return {name: anonymise(found[name], spec["levels"], K, spec["counts"]) for name, spec in TABLES.items()}


def about(start: date, end: date, tables: dict[str, Published]) -> list[dict]:
    lines = [("period_from", start.isoformat()), ("period_to", end.isoformat()), ("k", str(K)),
             ("method", f"k-anonymity with k = {K}: every row counts at least {K} households, on every combination "
                        "of its columns. Quasi-identifiers (team, area, income situation, source, months, household "
                        "make-up by role and age band) are shown as finely as that allows: month to quarter, then "
                        "year; the neighbourhood only as its district, when the district is known; then columns "
                        "become '*'. A row with '*' counts only the records too rare for the finer rows; what is "
                        "rare even when everything is '*' is left out. No ids: rows do not link to each other or "
                        "to a household."),
             ("neighbourhood", "never published; 'area' is its district on the municipality's list where it has one, "
                               "otherwise '*'")]
    for name, published in tables.items():
        spec = TABLES[name]
        lines += [(f"{name}.counts", spec["about"]),
                  (f"{name}.quasi_identifiers", ", ".join(spec["quasi"])),
                  (f"{name}.k", str(published.k) if published.k is not None else "no rows"),
                  (f"{name}.suppressed", f"{published.suppressed_records} records of "
                                         f"{published.suppressed_households} households")]
    return [{"key": key, "value": value} for key, value in lines]


def export_monitoring(out: str, start: date, end: date, force: bool = False,
                      district_of: Callable[[int | None], str | None] | None = None) -> dict[str, int]:
    """Write the export for households in support at some moment between start and end; returns row counts.
    An existing `out` is only replaced with force, and only once the new export is complete."""
    check_target(out, force)  # before the queries: a bad path is refused at once
    tables = anonymised(start, end, district_of)
    with writing(out, force) as temporary:
        target = sqlite_utils.Database(temporary)
        for name, published in tables.items():
            spec = TABLES[name]
            target[name].create({**{key: str for key in (*spec["quasi"], *spec["other"])}, "households": int,
                                 **{count: int for count in spec["counts"]}})
            target[name].insert_all(published.rows)
        target["about"].insert_all(about(start, end, tables))
        target.close()
    return {name: len(published.rows) for name, published in tables.items()}

"""The anonymised monitoring export: an SQLite file a municipality's researcher can open with any SQLite tool.

It holds categories, counts, months and age bands only: no names, no dates of birth, no notes, no free text.
Ids are pseudonyms: an HMAC of the record id with a key kept in the instance folder, so they are stable from
one export to the next (a household can be followed over time) but cannot be linked back to the database.
"""
import hashlib
import hmac
import secrets
from datetime import date
from pathlib import Path

import sqlite_utils
from flask import current_app
from sqlalchemy import and_, func, or_, select

from ..auth.models import Team
from ..cases.models import Household, Member, Neighbourhood, StageTransition
from ..extensions import db
from ..files import check_target, write_private_text, writing
from ..plans.models import Action, Assessment, AssessmentScore, Domain, Goal
from ..referrals.models import Fund, Referral
from ..signals.models import ChecklistItem, Signal
from ..timeutil import age_on

# The guide's age bands of the Child Bridge (0-5, 6-11 and 12-18 years), then young adults up to 22.
CHILD_BANDS = ((0, 5, "0-5"), (6, 11, "6-11"), (12, 18, "12-18"), (19, 22, "19-22"))
# Every table of the export with its columns, so that a period without households still has them all (empty).
TABLES = {
    "households": {"id": str, "team": str, "neighbourhood": str, "cbs_code": str, "district": str,
                   "income_situation": str, "source": str, "stage": str,
                   "registered_month": str, "closed_month": str, "close_reason": str},
    "members": {"id": str, "household_id": str, "role": str, "age_band": str},
    "stages": {"household_id": str, "from_stage": str, "to_stage": str, "month": str, "close_reason": str},
    "assessments": {"id": str, "member_id": str, "household_id": str, "scale": str, "age_band": str, "month": str},
    "assessment_scores": {"assessment_id": str, "domain": str, "step": int, "colour": str},
    "goals": {"id": str, "household_id": str, "member_id": str, "domain": str, "status": str, "created_month": str,
              "target_month": str, "actions": int, "actions_done": int},
    "referrals": {"id": str, "household_id": str, "member_id": str, "fund": str, "status": str, "applied_by": str,
                  "participation": str, "created_month": str, "status_month": str},
    "signals": {"household_id": str, "member_id": str, "item": str, "state": str, "month": str},
}


def export_key() -> bytes:
    path = Path(current_app.instance_path) / "export_key"
    if not path.exists():
        write_private_text(path, secrets.token_hex(32))
    return path.read_text().strip().encode()


def pseudonym(key: bytes, kind: str, record_id) -> str | None:
    if record_id is None:
        return None
    return hmac.new(key, f"{kind}:{record_id}".encode(), hashlib.sha256).hexdigest()[:16]


def month(value) -> str | None:
    return value.strftime("%Y-%m") if value else None


def age_band(role: str, born: date, on: date) -> str:
    age = age_on(born, on)
    for low, high, band in CHILD_BANDS:
        if low <= age <= high:
            return band
    return "23+" if role == "child" else "adult"


def export_monitoring(out: str, start: date, end: date, force: bool = False) -> dict[str, int]:
    """Write the export for households in support at some moment between start and end; returns row counts.
    An existing `out` is only replaced with force, and only once the new export is complete."""
    check_target(out, force)  # before the queries: a bad path is refused at once
    key = export_key()
    p = lambda kind, value: pseudonym(key, kind, value)  # noqa: E731
    in_period = and_(Household.phase == "registered", Household.registered_on <= end,
                     or_(Household.closed_on.is_(None), Household.closed_on >= start))
    household_ids = select(Household.id).where(in_period)
    rows = {}
    teams = dict(db.session.execute(select(Team.id, Team.name)).all())
    # Only entries of the administrator's list: one awaiting review holds what a coach typed, and goes out as unknown.
    areas = {n.id: (n.name, n.cbs_code, n.district) for n in db.session.scalars(
        select(Neighbourhood).where(Neighbourhood.to_review.is_(False)))}
    rows["households"] = [
        {"id": p("household", h.id), "team": teams.get(h.team_id),
         **dict(zip(("neighbourhood", "cbs_code", "district"), areas.get(h.neighbourhood_id, (None, None, None)),
                    strict=True)),
         "income_situation": h.income_situation, "source": h.source, "stage": h.stage,
         "registered_month": month(h.registered_on), "closed_month": month(h.closed_on),
         "close_reason": h.close_reason}
        for h in db.session.scalars(select(Household).where(in_period).order_by(Household.id))]
    rows["members"] = [
        {"id": p("member", m.id), "household_id": p("household", m.household_id), "role": m.role,
         "age_band": age_band(m.role, m.date_of_birth, end)}
        for m in db.session.scalars(select(Member).where(Member.household_id.in_(household_ids)).order_by(Member.id))]
    rows["stages"] = [
        {"household_id": p("household", t.household_id), "from_stage": t.from_stage, "to_stage": t.to_stage,
         "month": month(t.moved_on), "close_reason": t.reason}
        for t in db.session.scalars(select(StageTransition).where(StageTransition.household_id.in_(household_ids),
                                                                  StageTransition.moved_on.between(start, end))
                                    .order_by(StageTransition.id))]
    domains = dict(db.session.execute(select(Domain.id, Domain.code)).all())
    assessments = db.session.scalars(select(Assessment).where(Assessment.household_id.in_(household_ids),
                                                              Assessment.assessed_on.between(start, end))
                                     .order_by(Assessment.id)).all()
    rows["assessments"] = [
        {"id": p("assessment", a.id), "member_id": p("member", a.member_id), "household_id": p("household",
                                                                                               a.household_id),
         "scale": a.scale, "age_band": a.age_band, "month": month(a.assessed_on)} for a in assessments]
    rows["assessment_scores"] = [
        {"assessment_id": p("assessment", s.assessment_id), "domain": domains[s.domain_id], "step": s.step,
         "colour": s.colour}
        for s in db.session.scalars(select(AssessmentScore).where(AssessmentScore.assessment_id.in_(
            [a.id for a in assessments])).order_by(AssessmentScore.id))] if assessments else []
    action_counts = {goal_id: (total, done) for goal_id, total, done in db.session.execute(
        select(Action.goal_id, func.count(Action.id), func.count(Action.done_on)).group_by(Action.goal_id))}
    rows["goals"] = [
        {"id": p("goal", g.id), "household_id": p("household", g.household_id), "member_id": p("member", g.member_id),
         "domain": domains[g.domain_id], "status": g.status, "created_month": month(g.created_at),
         "target_month": month(g.target_on), "actions": action_counts.get(g.id, (0, 0))[0],
         "actions_done": action_counts.get(g.id, (0, 0))[1]}
        for g in db.session.scalars(select(Goal).where(Goal.household_id.in_(household_ids)).order_by(Goal.id))]
    funds = dict(db.session.execute(select(Fund.id, Fund.code)).all())
    rows["referrals"] = [
        {"id": p("referral", r.id), "household_id": p("household", r.household_id),
         "member_id": p("member", r.member_id), "fund": funds.get(r.fund_id, "local_organisation"),
         "status": r.status, "applied_by": r.applied_by, "participation": r.participation,
         "created_month": month(r.created_at), "status_month": month(r.status_on)}
        for r in db.session.scalars(select(Referral).where(Referral.household_id.in_(household_ids))
                                    .order_by(Referral.id))]
    items = dict(db.session.execute(select(ChecklistItem.id, ChecklistItem.code)).all())
    rows["signals"] = [
        {"household_id": p("household", s.household_id), "member_id": p("member", s.member_id),
         "item": items[s.item_id], "state": s.state, "month": month(s.observed_on)}
        for s in db.session.scalars(select(Signal).where(Signal.household_id.in_(household_ids)).order_by(Signal.id))]
    with writing(out, force) as temporary:
        target = sqlite_utils.Database(temporary)
        for table, columns in TABLES.items():
            target[table].create(columns, pk="id" if "id" in columns else None)
            target[table].insert_all(rows[table])
        target["about"].insert_all([
            {"key": "period_from", "value": start.isoformat()}, {"key": "period_to", "value": end.isoformat()},
            {"key": "note", "value": "Anonymised monitoring export of Gezinsaanpak: categories, months and age "
                                     "bands; ids are keyed pseudonyms, stable between exports."}])
        target.close()
    return {table: len(records) for table, records in rows.items()}

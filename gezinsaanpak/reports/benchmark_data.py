"""A synthetic municipality of any size, for the performance benchmark: teams, coaches and households in every
stage with members, contacts, signals, assessments, goals with actions, and referrals.

Rows are written in bulk with Core inserts, so 20,000 households take seconds, not hours. The invariants hold
as in real data: every household has its coordinator and assignment, registered households their consent.
Its accounts are active and share the public demo password, so it only writes into an empty database or one
that holds nothing but benchmark data.
"""
import random
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, insert, inspect, or_, select

from ..auth.models import Team, User
from ..cases.models import Consent, Contact, CoordinatorAssignment, Household, Member, Neighbourhood, StageTransition
from ..catalogues import load_all
from ..extensions import db
from ..i18n import _, ngettext
from ..plans.models import Action, Assessment, AssessmentScore, Domain, Goal
from ..referrals.models import Fund, Referral, ReferralChange
from ..signals.models import ChecklistItem, Signal, SignalChange
from ..timeutil import today

HOUSEHOLDS_PER_COACH = 30
COACHES_PER_TEAM = 8
STAGES = ["trust_building", "registered", "plan", "carrying_out", "follow_up", "aftercare", "closed"]
CHUNK = 5000
EMAIL_DOMAIN = "@benchmark.invalid"
NEIGHBOURHOODS = ("Noord", "Zuid", "Oost", "West", "Centrum")
TEAM_PREFIX = "Benchmark team "


class BenchmarkRefused(Exception):
    """The benchmark data would mix with other data, or the request makes no sense; the message says which."""


def refuse_unless_benchmark_only(households: int) -> None:
    """Refuse a count below 1, and a database holding anything but benchmark data (accounts, teams or households
    of real use or of the demo): benchmark accounts there would be live logins with a published password."""
    if households < 1:
        raise BenchmarkRefused(_("--households must be at least 1"))
    if not inspect(db.engine).has_table(User.__tablename__):
        return  # not migrated yet: empty
    others = [
        (select(func.count(User.id)).where(or_(User.is_demo.is_(False), User.email.not_like(f"%{EMAIL_DOMAIN}"))),
         lambda n: ngettext("%(num)d account", "%(num)d accounts", n)),
        (select(func.count(Team.id)).where(Team.name.not_like(f"{TEAM_PREFIX}%")),
         lambda n: ngettext("%(num)d team", "%(num)d teams", n)),
        (select(func.count(Household.id)).where(Household.is_demo.is_(False)),
         lambda n: ngettext("%(num)d household", "%(num)d households", n)),
    ]
    found = [say(count) for query, say in others if (count := db.session.scalar(query))]
    if found:
        raise BenchmarkRefused(_("This database holds data that is not benchmark data (%(found)s); benchmark-data "
                                 "only writes into an empty database or one holding only benchmark data.",
                                 found=", ".join(found)))


class Ids:
    """Hands out ids above what a table already holds, so rows can refer to each other before insertion."""

    def __init__(self):
        self.next = {}

    def take(self, model):
        if model not in self.next:
            self.next[model] = (db.session.scalar(select(func.max(model.id))) or 0) + 1
        value = self.next[model]
        self.next[model] += 1
        return value


def build(households: int, password_hash: str, seed: int = 1, contacts: int = 20, signals: int = 10,
          goals: int = 5, referrals: int = 3) -> dict[str, int]:
    """Add `households` households to the database; returns the number of rows written per table."""
    refuse_unless_benchmark_only(households)
    load_all()
    rng = random.Random(seed)
    ids = Ids()
    rows = {model: [] for model in (Team, User, Household, CoordinatorAssignment, StageTransition, Consent, Member,
                                    Contact, Signal, SignalChange, Assessment, AssessmentScore, Goal, Action,
                                    Referral, ReferralChange)}
    items = db.session.scalars(select(ChecklistItem.id)).all()
    domains = {scale: db.session.scalars(select(Domain.id).where(Domain.scale == scale)).all()
               for scale in ("bridge", "child_bridge")}
    funds = db.session.scalars(select(Fund.id)).all()
    areas = _neighbourhoods()
    now = datetime.combine(today(), time(12))
    coaches_needed = max(1, -(-households // HOUSEHOLDS_PER_COACH))
    coaches = []
    for number in range(coaches_needed):
        if number % COACHES_PER_TEAM == 0:
            team_id = ids.take(Team)
            rows[Team].append({"id": team_id, "name": f"{TEAM_PREFIX}{team_id}", "created_at": now})
            rows[User].append(_user(ids, f"lead{team_id}", "teamlead", team_id, password_hash, now))
        user = _user(ids, f"coach{ids.next.get(User, 0)}", "coach", team_id, password_hash, now)
        rows[User].append(user)
        coaches.append(user)
    for number in range(households):
        coach = coaches[number // HOUSEHOLDS_PER_COACH]
        _household(rng, ids, rows, coach, STAGES[number % len(STAGES)], items, domains, funds, areas, now,
                   contacts, signals, goals, referrals)
    for model, records in rows.items():
        for start in range(0, len(records), CHUNK):
            db.session.execute(insert(model.__table__), records[start:start + CHUNK])
    db.session.flush()
    return {model.__tablename__: len(records) for model, records in rows.items()}


def _user(ids, name, role, team_id, password_hash, now):
    user_id = ids.take(User)
    return {"id": user_id, "email": f"{name}.{user_id}{EMAIL_DOMAIN}", "name": f"{role.title()} {user_id}",
            "role": role, "team_id": team_id, "password_hash": password_hash, "active": True,
            "session_token": f"benchmark{user_id}", "is_demo": True, "created_at": now}


def _neighbourhoods() -> list[int]:
    """The benchmark municipality's neighbourhood list (ids), made once."""
    ids = []
    for name in NEIGHBOURHOODS:
        entry = db.session.scalar(select(Neighbourhood).where(Neighbourhood.name == name))
        if entry is None:
            entry = Neighbourhood(name=name, district="Centrum" if name == "Centrum" else "Buiten")
            db.session.add(entry)
            db.session.flush()
        ids.append(entry.id)
    return ids


def _household(rng, ids, rows, coach, stage, items, domains, funds, areas, now, contacts, signals, goals,
               referrals):
    hid = ids.take(Household)
    opened = today() - timedelta(days=rng.randint(30, 540))
    registered = stage != "trust_building" and not (stage == "closed" and rng.random() < 0.2)
    registered_on = min(opened + timedelta(days=14), today()) if registered else None
    closed_on = today() - timedelta(days=rng.randint(0, 20)) if stage == "closed" else None
    rows[Household].append({
        "id": hid, "pseudonym": f"Familie {hid}", "phase": "registered" if registered else "contact", "stage": stage,
        "stage_since": closed_on or registered_on or opened, "source": rng.choice(["school", "gp", "food_bank"]),
        "team_id": coach["team_id"], "coordinator_id": coach["id"],
        "income_situation": rng.choice(["social_assistance", "working", "self_employed", "other_benefit",
                                        "unknown"]) if registered else None,
        "neighbourhood_id": rng.choice(areas), "opened_on": opened,
        "registered_on": registered_on, "closed_on": closed_on,
        "close_reason": "goals_reached" if stage == "closed" else None, "is_demo": True, "created_at": now})
    rows[CoordinatorAssignment].append({"id": ids.take(CoordinatorAssignment), "household_id": hid,
                                        "coach_id": coach["id"], "started_at": now, "by_id": coach["id"]})
    rows[StageTransition].append({"id": ids.take(StageTransition), "household_id": hid, "from_stage": None,
                                  "to_stage": stage, "moved_on": opened, "by_id": coach["id"], "created_at": now})
    for n in range(contacts):
        rows[Contact].append({"id": ids.take(Contact), "household_id": hid, "kind": "home_visit" if n % 3 else "phone",
                              "contact_on": min(opened + timedelta(days=7 * n), today()), "duration_minutes": 45,
                              "note": "Gesprek.", "by_id": coach["id"], "created_at": now})
    if not registered:
        return
    rows[Consent].append({"id": ids.take(Consent), "household_id": hid, "given_on": registered_on,
                          "scope": "Registratie", "recorded_by_id": coach["id"], "created_at": now})
    members = []
    for n in range(4):
        role = "parent" if n < 2 else "child"
        age = rng.randint(25, 50) if role == "parent" else rng.randint(1, 17)
        member = {"id": ids.take(Member), "household_id": hid, "role": role, "first_name": f"Lid{n}",
                  "date_of_birth": date(today().year - age, rng.randint(1, 12), rng.randint(1, 28)), "created_at": now}
        rows[Member].append(member)
        members.append(member)
        scale = "bridge" if role == "parent" else "child_bridge"
        for k in range(2 if n < 3 else 1):
            aid = ids.take(Assessment)
            rows[Assessment].append({"id": aid, "household_id": hid, "member_id": member["id"], "scale": scale,
                                     "age_band": None if role == "parent" else "by_11",
                                     "assessed_on": registered_on + timedelta(days=90 * k), "by_id": coach["id"],
                                     "created_at": now})
            for domain_id in domains[scale]:
                rows[AssessmentScore].append({"id": ids.take(AssessmentScore), "assessment_id": aid,
                                              "domain_id": domain_id,
                                              "step": rng.randint(1, 5) if role == "parent" else None,
                                              "colour": None if role == "parent" else rng.choice(
                                                  ["green", "orange", "red"])})
    for item_id in rng.sample(items, min(signals, len(items))):
        sid = ids.take(Signal)
        rows[Signal].append({"id": sid, "household_id": hid, "member_id": None, "item_id": item_id,
                             "state": "observed", "observed_on": registered_on, "recorded_by_id": coach["id"],
                             "created_at": now})
        rows[SignalChange].append({"id": ids.take(SignalChange), "signal_id": sid, "from_state": None,
                                   "to_state": "observed", "changed_on": registered_on, "by_id": coach["id"],
                                   "created_at": now})
    for n in range(goals):
        member = members[n % len(members)]
        gid = ids.take(Goal)
        rows[Goal].append({"id": gid, "household_id": hid, "member_id": member["id"],
                           "domain_id": rng.choice(domains["bridge" if member["role"] == "parent" else "child_bridge"]),
                           "description": "Een stap verder.", "target_on": registered_on + timedelta(days=180),
                           "status": rng.choice(["active", "active", "achieved"]), "created_by_id": coach["id"],
                           "created_at": now})
        for k in range(2):
            rows[Action].append({"id": ids.take(Action), "goal_id": gid, "description": "Afspraak maken.",
                                 "who": "Coach", "due_on": registered_on + timedelta(days=30 * (k + 1))})
    for n in range(referrals):
        rid = ids.take(Referral)
        status = rng.choice(["to_apply", "applied", "granted", "delivered"])
        rows[Referral].append({"id": rid, "household_id": hid, "member_id": members[2 + n % 2]["id"],
                               "fund_id": rng.choice(funds), "request": "Aanvraag.", "applied_by": "coach",
                               "status": status, "status_on": registered_on,
                               "follow_up_on": registered_on + timedelta(days=21), "participation": "unknown",
                               "created_by_id": coach["id"], "created_at": now})
        rows[ReferralChange].append({"id": ids.take(ReferralChange), "referral_id": rid, "from_status": None,
                                     "to_status": status, "changed_on": registered_on, "by_id": coach["id"],
                                     "created_at": now})

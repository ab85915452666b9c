"""Factories that build state the way users do: through the operations."""
import re
from datetime import date, timedelta
from itertools import count

import pyotp
from flask import current_app
from sqlalchemy import select

from gezinsaanpak.auth.operations import create_user, find_or_create_team
from gezinsaanpak.cases import closing, support
from gezinsaanpak.cases import consent as consents
from gezinsaanpak.cases import operations as cases
from gezinsaanpak.cases.models import Neighbourhood
from gezinsaanpak.extensions import db
from gezinsaanpak.network import operations as network
from gezinsaanpak.plans import operations as plans
from gezinsaanpak.plans.models import Assessment, AssessmentScore, Benchmark, BenchmarkScore, Domain, Goal
from gezinsaanpak.referrals import operations as referrals
from gezinsaanpak.referrals.models import Fund
from gezinsaanpak.referrals.panic import record_spending, set_limit
from gezinsaanpak.signals.models import ChecklistItem, Signal, SignalChange
from gezinsaanpak.timeutil import add_months
from tests.helpers import PASSWORD, TODAY


class World:
    """A municipality in miniature: two teams, their coaches and team leads, an administrator and a policy
    officer."""

    def __init__(self):
        self.team_a = find_or_create_team("Team Noord")
        self.team_b = find_or_create_team("Team Zuid")
        self.coach = create_user(None, "coach@example.nl", "Anna Coach", "coach", PASSWORD, self.team_a)
        self.colleague = create_user(None, "colleague@example.nl", "Bert Collega", "coach", PASSWORD, self.team_a)
        self.other_coach = create_user(None, "other@example.nl", "Chris Anders", "coach", PASSWORD, self.team_b)
        self.teamlead = create_user(None, "lead@example.nl", "Dana Teamleider", "teamlead", PASSWORD, self.team_a)
        self.other_teamlead = create_user(None, "lead2@example.nl", "Eva Teamleider", "teamlead", PASSWORD,
                                          self.team_b)
        self.admin = create_user(None, "admin@example.nl", "Fay Beheer", "admin", PASSWORD)
        self.admin.totp_secret = pyotp.random_base32()  # administrators must use two-step verification
        self.policy = create_user(None, "policy@example.nl", "Gert Beleid", "policy", PASSWORD)
        db.session.commit()

    def by_role(self, name):
        return getattr(self, name)


def neighbourhood(name="Tarwewijk", district=None) -> Neighbourhood:
    """An entry of the administrator's neighbourhood list (made when missing)."""
    entry = Neighbourhood.query.filter_by(name=name).one_or_none()
    if entry is None:
        entry = Neighbourhood(name=name, district=district)
        db.session.add(entry)
        db.session.flush()
    return entry


def make_household(coach, registered=True, pseudonym="Familie Tulp, Tarwewijk", children=2, registered_on=None,
                   **extra):
    """A household the way a coach builds one: contact track first, then registration with consent."""
    registered_on = registered_on or TODAY - timedelta(days=30)
    household = cases.open_contact_track(coach, pseudonym, "school", neighbourhood(extra.get("area", "Tarwewijk")).id,
                                         opened_on=registered_on - timedelta(days=30))
    if registered:
        members = [{"first_name": "Samira", "role": "parent", "date_of_birth": date(1988, 3, 14)}]
        members += [{"first_name": f"Kind{i}", "role": "child", "date_of_birth": date(2015 + i, 6, 1)}
                    for i in range(children)]
        cases.register_household(coach, household, registered_on, "Registratie en overleg met school", members,
                                 extra.get("income", "working"), registered_on=registered_on)
    db.session.commit()
    return household


TAGS = count(1)
# A household with a record in every table that holds a household's data (see build_household_of_shape).
EVERY_KIND_OF_RECORD = {"registered": True, "hash_pseudonym": True, "contacts": 1, "check_ins": 1, "signals": 1,
                        "assessment": True, "goals": [(1, 1, True)], "referrals": ["fund", "organisation"],
                        "edit_referrals": True, "panic": True, "wish": True, "family_plan": True, "worker": True,
                        "hand_over": True, "stages": True, "network": True, "words": "x",
                        "typed_neighbourhood": True, "extension": True, "strength": True,
                        "closing_request": True}


class Typing:
    """Hands out the text a coach types: each value unique by its tag, then some arbitrary characters."""

    def __init__(self, words: str):
        self.words, self.tags = words, []

    def __call__(self, max_length: int = 60) -> str:
        tag = f"Zq{next(TAGS)}q"
        self.tags.append(tag)
        return (tag + self.words)[:max_length]


def build_household_of_shape(world, shape) -> tuple:
    """A household of the given shape, built the way a coach builds one; returns it with everything typed."""
    typed = Typing(shape["words"])
    coach, today = world.coach, TODAY
    pseudonym = ("#7 " if shape["hash_pseudonym"] else "") + typed(100)
    household = cases.open_contact_track(coach, pseudonym, "school", neighbourhood("Tarwewijk").id,
                                         opened_on=today - timedelta(60))
    if shape["typed_neighbourhood"]:  # as the migration keeps a text typed before the list, for review
        household.neighbourhood = Neighbourhood(name=typed(120), to_review=True)
    for _ in range(shape["contacts"]):
        cases.log_contact(coach, household, "home_visit", today - timedelta(50), typed(), 30)
    if shape["registered"]:
        cases.register_household(coach, household, today - timedelta(40), typed(), [
            {"first_name": typed(80), "role": "parent", "date_of_birth": date(1988, 3, 14)},
            {"first_name": typed(80), "role": "child", "date_of_birth": date(2016, 6, 1)}], "working",
            registered_on=today - timedelta(40))
        cases.add_member(coach, household, typed(80), "child", date(2018, 2, 2), school=typed(120))
        build_plan_and_referrals(world, household, shape, typed)
    for _ in range(shape["check_ins"]):
        cases.plan_check_in(coach, household, today + timedelta(7), typed(200))
    if shape["worker"]:
        cases.add_worker(coach, household, world.colleague)
    if shape["hand_over"]:
        cases.hand_over(world.teamlead, household, world.colleague, note=typed(), keep_as_worker=True)
    if shape["extension"]:
        support.request_extension(coach if household.coordinator_id == coach.id else world.colleague, household,
                                  add_months(support.support_ends_on(household), 2), typed())
    closer = household.coordinator
    if shape.get("closing_request") and household.is_registered:  # asked to close, sent back by the team lead
        current_app.config["CLOSING_NEEDS_TEAM_LEAD"] = True
        try:
            cases.move_stage(closer, household, "closed", note=typed(), reason=cases.close_reasons(household)[-1],
                             turn_to=typed(), aftercare=typed())
        finally:
            current_app.config["CLOSING_NEEDS_TEAM_LEAD"] = False
        closing.send_back(world.teamlead, household, typed())
    cases.move_stage(closer, household, "closed", note=typed(), reason=cases.close_reasons(household)[-1],
                     turn_to=typed(), aftercare=typed())
    db.session.commit()
    return household, typed.tags


def build_plan_and_referrals(world, household, shape, typed):
    coach, today = world.coach, TODAY
    parent, child = household.members[0], household.members[1]
    if shape["stages"]:
        cases.move_stage(coach, household, "plan", note=typed())
        cases.move_stage(coach, household, "carrying_out", note=typed())
    items = db.session.scalars(select(ChecklistItem).order_by(ChecklistItem.id).limit(shape["signals"])).all()
    for item in items:
        signal = Signal(household_id=household.id, member_id=parent.id, item_id=item.id, observed_on=today,
                        note=typed(), recorded_by_id=coach.id)
        signal.changes.append(SignalChange(to_state="observed", changed_on=today, by_id=coach.id, note=typed()))
        db.session.add(signal)
    domain = db.session.scalars(select(Domain).where(Domain.scale == "bridge").order_by(Domain.id)).first()
    if shape["assessment"]:
        assessment = Assessment(household_id=household.id, member_id=parent.id, scale="bridge", assessed_on=today,
                                by_id=coach.id)
        assessment.scores.append(AssessmentScore(domain=domain, step=2, note=typed()))
        db.session.add(assessment)
        benchmark = db.session.scalars(select(Benchmark).where(Benchmark.age_band == "by_11")
                                       .order_by(Benchmark.id)).first()
        child_assessment = Assessment(household_id=household.id, member_id=child.id, scale="child_bridge",
                                      age_band="by_11", assessed_on=today, by_id=coach.id)
        child_assessment.scores.append(AssessmentScore(domain=benchmark.domain, colour="orange", note=typed(),
                                                       from_benchmarks=True))
        child_assessment.benchmark_scores.append(BenchmarkScore(benchmark=benchmark, colour="orange"))
        db.session.add(child_assessment)
    for actions, obstacles, changed in shape["goals"]:
        goal = plans.set_goal(coach, household, parent, domain, typed(), today + timedelta(90), dream=typed(),
                              own_words=typed())
        for _ in range(actions):
            plans.add_action(coach, household, goal, typed(), typed(40), support_needed=typed())
        for _ in range(obstacles):
            plans.add_obstacle(coach, household, goal, typed(), typed())
        if changed:
            plans.update_goal(coach, household, goal, domain, typed(), today + timedelta(120), dream=typed(),
                              own_words=typed())
            plans.review_goal(coach, household, goal, today, "adjusted", note=typed())
    fund = db.session.scalars(select(Fund).order_by(Fund.id)).first()
    for kind in shape["referrals"]:
        referral = referrals.create_referral(coach, household, typed(), member_id=child.id,
                                             fund_id=fund.id if kind == "fund" else None,
                                             organisation=typed(160) if kind == "organisation" else None)
        referrals.change_status(coach, household, referral, "applied", note=typed())
        if shape["edit_referrals"]:
            referrals.update_referral(coach, household, referral, typed(), 1500, "family", None, None)
    if shape["panic"]:
        set_limit(world.admin, today.year, household.team_id, 10**9)  # never runs out, however many examples
        record_spending(coach, household, today, 2500, typed(300))
    if shape["wish"]:
        plans.set_wish(coach, household, child, typed(), version=0)
    if shape["strength"]:
        plans.add_strength(coach, household, child, "strength", typed())
    if shape["family_plan"]:
        plans.update_family_plan(coach, household, typed(), today + timedelta(14), typed(200), version=0)
    if shape.get("network"):
        build_network(coach, household, typed)


def build_network(coach, household, typed):
    """Someone in the network with a consent, an action point they carry, a warm handover, its withdrawal, and a
    debt-help route; then the family withdraws its consent to registration, and gives it again."""
    today = TODAY
    partner = network.add_partner(coach, household, "debt_counselling", typed(120), typed(160), typed(), typed(40),
                                  re.sub(r"[^A-Za-z0-9]", "", typed(12)) + "@example.nl", on=today - timedelta(30))
    consent = network.give_consent(coach, household, partner, typed(), typed(160), on=today - timedelta(20))
    goal = db.session.scalars(select(Goal).where(Goal.household_id == household.id).order_by(Goal.id)).first()
    if goal is not None:  # an action point the partner carries
        plans.add_action(coach, household, goal, typed(), None, support_needed=typed(), partner=partner)
    handover = network.start_handover(coach, household, partner, typed(), typed(), on=today - timedelta(20),
                                      meeting_on=today - timedelta(10))
    network.handover_step(coach, household, handover, "meeting_held", today - timedelta(10), typed())
    network.withdraw_consent(coach, household, consent, today - timedelta(5))
    debt = network.start_debt_help(coach, household, "local_volunteer", partner, on=today - timedelta(15))
    network.debt_help_step(coach, household, debt, "intake", today - timedelta(3), typed())
    consents.withdraw_registration_consent(coach, household, today - timedelta(2), typed())
    consents.record_consent(coach, household, today - timedelta(1), typed())

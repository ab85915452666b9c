"""Identifiers of the plans area, for the access walk in test_access.py: each made through the operations."""
from datetime import timedelta

from sqlalchemy import select

from gezinsaanpak.catalogues import load_catalogue
from gezinsaanpak.extensions import db
from gezinsaanpak.plans import operations
from gezinsaanpak.plans.assessments import record_assessment
from gezinsaanpak.plans.models import Domain, Goal
from tests.helpers import TODAY


def _domain(code):
    domain = db.session.scalar(select(Domain).where(Domain.code == code))
    if domain is None:
        load_catalogue("domains")
        domain = db.session.scalar(select(Domain).where(Domain.code == code))
    return domain


def _parent(household):
    return next(m for m in household.members if m.role == "parent")


def _member(household, actor):
    return _parent(household).id


def _assessment(household, actor):
    domain = _domain("bridge.debts")
    return record_assessment(actor, household, _parent(household), TODAY,
                             {domain.id: {"value": "2", "note": "Achterstand bij de energieleverancier"}}).id


def _goal(household, actor):
    return operations.set_goal(actor, household, _parent(household), _domain("bridge.debts"),
                               "Binnen drie maanden een betalingsregeling voor de energierekening.",
                               TODAY + timedelta(days=90), dream="Rust in mijn hoofd").id


def _action(household, actor):
    goal = db.session.get(Goal, _goal(household, actor))
    return operations.add_action(actor, household, goal, "Brieven samen openmaken", "Samira").id


def _obstacle(household, actor):
    goal = db.session.get(Goal, _goal(household, actor))
    return operations.add_obstacle(actor, household, goal, "Als er een aanmaning komt",
                                   "dan bel ik dezelfde dag mijn coach").id


def _strength(household, actor):
    return operations.add_strength(actor, household, _parent(household), "strength",
                                   "Houdt het huishoudboekje al twee maanden bij").id


FACTORIES = {"member_id": _member, "assessment_id": _assessment, "goal_id": _goal, "action_id": _action,
             "obstacle_id": _obstacle, "strength_id": _strength}

"""Domains that may need a goal: concern in the latest assessment, and open signals when the signals area has them."""
from datetime import timedelta

from sqlalchemy import select

from gezinsaanpak.cases.registry import household_parts
from gezinsaanpak.extensions import db
from gezinsaanpak.plans import operations as plans
from gezinsaanpak.plans.assessments import record_assessment
from gezinsaanpak.plans.suggestions import suggest_domains
from tests.helpers import TODAY
from tests.unit.plans.helpers import colours, steps


def codes(suggestions, member=None):
    return [(s.member.first_name if s.member else None, s.domain.code) for s in suggestions.items
            if member is None or s.member_id == member.id]


def test_low_steps_and_red_or_orange_in_the_latest_assessment_are_suggested(world, household, people, domains):
    samira, kind = people["Samira"], people["Kind0"]
    record_assessment(world.coach, household, samira, TODAY - timedelta(days=20),
                      steps(domains, debts=1, housing=1, employment=2))
    record_assessment(world.coach, household, samira, TODAY,
                      steps(domains, debts=2, housing=3, employment=1, health=4))
    record_assessment(world.coach, household, kind, TODAY,
                      colours(domains, social_emotional="orange", educational_progress="red", self_regulation="green"))
    found = suggest_domains(household)
    assert codes(found, samira) == [("Samira", "bridge.employment"), ("Samira", "bridge.debts")]  # most urgent first
    assert codes(found, kind) == [("Kind0", "child.educational_progress"), ("Kind0", "child.social_emotional")]


def test_a_domain_with_an_open_goal_is_not_suggested_again(world, household, people, domains):
    samira = people["Samira"]
    record_assessment(world.coach, household, samira, TODAY, steps(domains, debts=1, savings=2))
    goal = plans.set_goal(world.coach, household, samira, domains["bridge.debts"], "Schulden in beeld",
                          TODAY + timedelta(days=60))
    assert codes(suggest_domains(household)) == [("Samira", "bridge.savings")]
    plans.review_goal(world.coach, household, goal, TODAY, "achieved")
    assert ("Samira", "bridge.debts") in codes(suggest_domains(household))


def test_open_signals_per_life_area_point_to_the_member_they_were_recorded_for(world, household, people, domains):
    from gezinsaanpak.catalogues import load_catalogue
    from gezinsaanpak.signals.models import ChecklistItem
    from gezinsaanpak.signals.operations import Tick, record_signals
    load_catalogue("checklist")
    item = {i.code: i for i in db.session.scalars(select(ChecklistItem))}
    samira, kind0 = people["Samira"], people["Kind0"]
    record_signals(world.coach, household, [Tick(item["parents.signal.04"].id, samira.id),  # not paying bills
                                            Tick(item["children.signal.06"].id, kind0.id)])  # a learning delay
    record_assessment(world.coach, household, samira, TODAY, steps(domains, debts=2))
    found = suggest_domains(household)
    assert found.signals_available
    debts = next(s for s in found.items if s.domain.code == "bridge.debts")
    assert debts.member_id == samira.id and debts.score.step == 2 and debts.signals == 1  # one suggestion, two reasons
    child_areas = [(s.member.first_name, s.signals) for s in found.items if s.domain.scale == "child_bridge"]
    assert child_areas and all(name == "Kind0" for name, _ in child_areas)


def test_household_wide_counts_suggest_for_every_member_the_area_fits(world, household, people, domains,
                                                                     monkeypatch):
    household_wide = {None: {"child.educational_progress": 2, "family.basic_needs": 1, "no.such": 1}}
    monkeypatch.setattr(household_parts(), "domain_needs", [lambda h: household_wide])
    assert sorted(codes(suggest_domains(household)), key=str) == [
        ("Kind0", "child.educational_progress"), ("Kind1", "child.educational_progress"), (None, "family.basic_needs")]


def test_without_an_area_pointing_to_goals_only_assessments_count(world, household, people, domains, monkeypatch):
    monkeypatch.setattr(household_parts(), "domain_needs", [])
    assert not suggest_domains(household).signals_available

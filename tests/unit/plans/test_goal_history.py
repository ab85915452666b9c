"""A goal's change history: what it said before and after, field by field, and who changed it; the family's
words go into the history beside the goal, never into the audit trail."""
from datetime import timedelta

from sqlalchemy import select

from gezinsaanpak.audit import AuditEvent
from gezinsaanpak.cases import operations as cases
from gezinsaanpak.extensions import db
from gezinsaanpak.history import changes_of
from gezinsaanpak.plans import operations as plans
from tests.helpers import TODAY

SOON = TODAY + timedelta(days=60)
LATER = TODAY + timedelta(days=90)


def history(goal):
    """[(field, old, new, by)], newest first, as the goal page lists them."""
    return [(c.field, c.old_value, c.new_value, name) for c, name in changes_of("goal", goal.id)]


def debts_goal(world, household, people, domains):
    return plans.set_goal(world.coach, household, people["Samira"], domains["bridge.debts"], "Schulden in beeld",
                          SOON, dream="Weer rustig slapen")


def test_changing_the_description_and_target_date_records_both_with_old_and_new(world, household, people, domains):
    goal = debts_goal(world, household, people, domains)
    assert history(goal) == []
    cases.add_worker(world.coach, household, world.colleague)
    plans.update_goal(world.colleague, household, goal, domains["bridge.debts"],
                      "Binnen drie maanden een betalingsregeling", LATER, dream="Weer rustig slapen")
    assert sorted(history(goal)) == [
        ("description", "Schulden in beeld", "Binnen drie maanden een betalingsregeling", "Bert Collega"),
        ("target_on", SOON.isoformat(), LATER.isoformat(), "Bert Collega")]


def test_saving_a_goal_unchanged_records_nothing(world, household, people, domains):
    goal = debts_goal(world, household, people, domains)
    plans.update_goal(world.coach, household, goal, domains["bridge.debts"], "  Schulden in beeld ", SOON,
                      dream="Weer rustig slapen")
    assert history(goal) == []


def test_a_new_domain_and_an_emptied_dream_are_recorded_by_code_and_as_nothing(world, household, people, domains):
    goal = debts_goal(world, household, people, domains)
    plans.update_goal(world.coach, household, goal, domains["bridge.savings"], "Schulden in beeld", SOON, dream="")
    assert sorted(history(goal)) == [("domain", "bridge.debts", "bridge.savings", "Anna Coach"),
                                     ("dream", "Weer rustig slapen", None, "Anna Coach")]


def test_a_review_records_the_status_from_old_to_new_newest_first(world, household, people, domains):
    goal = debts_goal(world, household, people, domains)
    plans.review_goal(world.coach, household, goal, TODAY, "adjusted", "Eerst de huur", SOON)
    plans.review_goal(world.coach, household, goal, TODAY, "achieved")
    statuses = [(old, new) for field, old, new, _by in history(goal) if field == "status"]
    assert statuses == [("adjusted", "achieved"), ("active", "adjusted")]
    reviews = [(old, new) for field, old, new, _by in history(goal) if field == "next_review_on"]
    assert reviews == [(SOON.isoformat(), None), (None, SOON.isoformat())]


def test_the_audit_trail_of_a_goal_change_holds_no_family_text(world, household, people, domains):
    goal = debts_goal(world, household, people, domains)
    plans.update_goal(world.coach, household, goal, domains["bridge.debts"], "Betalingsregeling met Eneco", LATER,
                      dream="Een eigen huis voor ons vijven", own_words="Ik wil geen brieven meer")
    db.session.flush()
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "goal.update")).one()
    assert LATER.isoformat() in event.detail  # the dates and the domain are there, the words are not
    for text in ("Betalingsregeling", "Schulden in beeld", "eigen huis", "Weer rustig slapen", "brieven"):
        assert text not in event.detail
    fields = {c.field for c, _name in changes_of("goal", goal.id)}
    assert fields == {"description", "target_on", "dream", "own_words"}

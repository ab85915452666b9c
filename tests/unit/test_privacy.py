"""Right of access and right to erasure: a household seeded in every table is exported whole, and after its
retention period nothing personal remains."""
from datetime import date, timedelta

import pytest
from sqlalchemy import delete, select, update

from gezinsaanpak import erasures, history, privacy
from gezinsaanpak.cases import operations as cases
from gezinsaanpak.cases.models import ClosingRequest, Household, SupportExtension
from gezinsaanpak.catalogues import load_all
from gezinsaanpak.drafts import Draft
from gezinsaanpak.errors import PermissionDenied
from gezinsaanpak.extensions import db
from gezinsaanpak.network import operations as network
from gezinsaanpak.plans import operations as plans
from gezinsaanpak.plans.models import (
    Action,
    Assessment,
    AssessmentScore,
    Benchmark,
    BenchmarkScore,
    Domain,
    FamilyPlan,
    Goal,
    GoalReview,
    MemberWish,
    Obstacle,
    Strength,
)
from gezinsaanpak.referrals import operations as referrals
from gezinsaanpak.referrals.models import Fund, Referral, ReferralChange
from gezinsaanpak.referrals.panic import PanicSpending
from gezinsaanpak.signals.models import ChecklistItem, Signal, SignalChange
from tests.factories import make_household
from tests.helpers import TODAY

SECRET = "Samira-geheim"  # marks every free text, so any left-over is found


def seed_everything(world):
    """One household with a row in every table that belongs to a household."""
    load_all()
    household = make_household(world.coach)
    parent, child = household.members[0], household.members[1]
    parent.first_name, parent.school = f"Samira {SECRET}", f"school {SECRET}"
    cases.log_contact(world.coach, household, "home_visit", TODAY, f"note {SECRET}", 30)
    cases.plan_check_in(world.coach, household, TODAY, f"check-in {SECRET}")
    cases.add_worker(world.coach, household, world.colleague)
    cases.hand_over(world.teamlead, household, world.colleague, note=f"handover {SECRET}")
    cases.add_worker(world.colleague, household, world.coach)
    cases.move_stage(world.colleague, household, "plan", note=f"stage {SECRET}")
    household.consents[0].scope = f"consent {SECRET}"
    item = db.session.scalars(select(ChecklistItem)).first()
    signal = Signal(household_id=household.id, member_id=parent.id, item_id=item.id, observed_on=TODAY,
                    note=f"signal {SECRET}", recorded_by_id=world.coach.id)
    signal.changes.append(SignalChange(to_state="observed", changed_on=TODAY, by_id=world.coach.id,
                                       note=f"change {SECRET}"))
    domain = db.session.scalars(select(Domain).where(Domain.scale == "bridge")).first()
    assessment = Assessment(household_id=household.id, member_id=parent.id, scale="bridge",
                            assessed_on=TODAY, by_id=world.coach.id)
    assessment.scores.append(AssessmentScore(domain=domain, step=2, note=f"score {SECRET}"))
    benchmark = db.session.scalars(select(Benchmark).where(Benchmark.age_band == "by_11")).first()
    child_assessment = Assessment(household_id=household.id, member_id=child.id, scale="child_bridge",
                                  age_band="by_11", assessed_on=TODAY, by_id=world.coach.id)
    child_assessment.scores.append(AssessmentScore(domain=benchmark.domain, colour="red", from_benchmarks=True,
                                                   note=f"child score {SECRET}"))
    child_assessment.benchmark_scores.append(BenchmarkScore(benchmark=benchmark, colour="red"))
    goal = Goal(household_id=household.id, member_id=parent.id, domain=domain, dream=f"dream {SECRET}",
                description=f"goal {SECRET}", own_words=f"words {SECRET}", created_by_id=world.coach.id)
    goal.actions.append(Action(description=f"action {SECRET}", who=f"who {SECRET}", support_needed=SECRET))
    goal.obstacles.append(Obstacle(obstacle=f"obstacle {SECRET}", if_then_plan=f"plan {SECRET}"))
    goal.reviews.append(GoalReview(reviewed_on=TODAY, status="active", note=f"review {SECRET}",
                                   by_id=world.coach.id))
    fund = db.session.scalars(select(Fund)).first()
    referral = Referral(household_id=household.id, member_id=child.id, fund=fund, request=f"request {SECRET}",
                        status_on=TODAY, created_by_id=world.coach.id, organisation=f"org {SECRET}")
    referral.changes.append(ReferralChange(to_status="to_apply", changed_on=TODAY, by_id=world.coach.id,
                                           note=f"referral {SECRET}"))
    db.session.add_all([signal, assessment, child_assessment, goal, referral,
                        FamilyPlan(household_id=household.id, family_dream=f"family {SECRET}",
                                   next_meeting_note=SECRET, updated_by_id=world.coach.id),
                        MemberWish(household_id=household.id, member_id=child.id, words=f"wish {SECRET}",
                                   updated_by_id=world.coach.id),
                        PanicSpending(household_id=household.id, team_id=household.team_id, coach_id=world.coach.id,
                                      spent_on=TODAY, amount_cents=2500, purpose=f"panic {SECRET}"),
                        SupportExtension(household_id=household.id, period_started_on=household.opened_on,
                                         until_on=TODAY + timedelta(days=600), explanation=f"extend {SECRET}",
                                         requested_by_id=world.coach.id, requested_on=TODAY),
                        Strength(household_id=household.id, member_id=child.id, kind="strength",
                                 text=f"strength {SECRET}", created_by_id=world.coach.id),
                        ClosingRequest(household_id=household.id, close_reason="other", closes_on=TODAY,
                                       note=f"closing {SECRET}", turn_to=f"turn to {SECRET}",
                                       aftercare=f"aftercare {SECRET}", requested_by_id=world.coach.id,
                                       requested_on=TODAY, decided_by_id=world.teamlead.id, decided_on=TODAY,
                                       approved=False, returned_note=f"returned {SECRET}")])
    db.session.flush()
    history.record_changes(world.coach, household, "goal", goal, {"description": f"old goal {SECRET}"},
                           {"description": f"goal {SECRET}"})
    partner = network.add_partner(world.colleague, household, "school", f"school {SECRET}", relation=f"mentor {SECRET}",
                                  phone="010-1234567", email="mentor@school.example")
    network.give_consent(world.colleague, household, partner, f"scope {SECRET}", f"mother {SECRET}")
    handover = network.start_handover(world.colleague, household, partner, f"purpose {SECRET}", f"shared {SECRET}")
    network.handover_step(world.colleague, household, handover, "meeting_held", note=f"meeting {SECRET}")
    network.start_debt_help(world.colleague, household, "self_help", partner)
    household.pseudonym = f"Familie {SECRET}"
    db.session.commit()
    return household


def test_the_seed_reaches_every_household_table(world):
    household = seed_everything(world)
    rows = privacy._rows_by_table(household.id)
    empty = [name for name, found in rows.items() if not found]
    assert not empty, f"seed_everything misses {empty}: add them so erasure is proven for them too"


def test_the_access_export_holds_everything_and_who_it_was_shared_with(world):
    household = seed_everything(world)
    data = privacy.export_household(world.coach, household)
    assert data["shared_with"]
    text = repr(data)
    for expected in (f"note {SECRET}", f"goal {SECRET}", f"wish {SECRET}", f"request {SECRET}", "Anna Coach",
                     f"old goal {SECRET}"):
        assert expected in text


def test_after_the_retention_period_nothing_personal_remains(world):
    household = seed_everything(world)
    born = household.members[0].date_of_birth
    cases.move_stage(world.colleague, household, "closed", reason="moved_away")
    household.closed_on = household.stage_since = TODAY - timedelta(days=800)  # as if closed back then
    db.session.commit()
    assert privacy.due_for_anonymising(24) == [household]
    privacy.anonymise(None, household)
    db.session.commit()
    leftovers = [(table, row) for table, rows in privacy._rows_by_table(household.id).items() for row in rows
                 if SECRET in repr(row) or born.isoformat() in repr(row) or "Samira" in repr(row)]
    assert not leftovers
    rows = privacy._rows_by_table(household.id)
    assert rows["members"][0]["date_of_birth"] == date(born.year, 7, 1)  # age bands still work
    assert rows["households"][0]["stage"] == "closed" and rows["households"][0]["income_situation"] == "working"
    change = rows["field_changes"][0]  # which field of which record changed stays; what it said does not
    assert (change["record_type"], change["field"], change["old_value"], change["new_value"]) == \
        ("goal", "description", "–", "–")
    assert privacy.due_for_anonymising(24) == []


def test_erasures_are_made_again_from_the_register_but_never_on_another_family(ctx, world):
    erased, other = make_household(world.coach), make_household(world.coach, pseudonym="Familie Eik")
    cases.move_stage(world.coach, erased, "closed", reason="moved_away")
    privacy.erase_on_request(world.teamlead, erased, erased.pseudonym)
    db.session.commit()
    assert erasures.entries() == [(erased.id, erased.anonymised_at)]
    assert privacy.reapply_erasures() == 0  # nothing to do while the database has them erased

    # After a restore the family is back; an id whose erasure came before the household existed is another family.
    carried = erasures.entries() + [(other.id, other.created_at - timedelta(days=1))]
    db.session.execute(delete(erasures.Erasure))
    db.session.execute(update(Household).where(Household.id == erased.id)
                       .values(pseudonym="Familie Tulp, Tarwewijk", anonymised_at=None))
    db.session.commit()
    assert privacy.reapply_erasures(since=TODAY + timedelta(days=1), carried=carried) == 0
    assert privacy.reapply_erasures() == 1
    db.session.commit()
    assert erased.is_anonymised and erased.pseudonym == f"#{erased.id}"
    assert not other.is_anonymised and other.pseudonym == "Familie Eik"


def test_a_form_kept_after_an_expired_session_goes_with_the_erasure(world):
    """What a coach typed into a form whose session had ended is personal data of the family too."""
    household = make_household(world.coach)
    other = make_household(world.coach, pseudonym="Familie Eik")
    for page in (f"/households/{household.id}/signals/record", f"/households/{other.id}/signals/record"):
        db.session.add(Draft(user_id=world.coach.id, endpoint="signals.record", path=page,
                             fields='[["note", "Moeder werkt nachtdiensten"]]'))
    cases.move_stage(world.coach, household, "closed", reason="moved_away")
    privacy.anonymise(None, household)
    db.session.commit()
    assert [d.path for d in db.session.scalars(select(Draft))] == [f"/households/{other.id}/signals/record"]


def test_an_erased_household_takes_no_change_from_any_operation(ctx, world):
    """The operations refuse it themselves, whichever page (or script) calls them."""
    household = seed_everything(world)
    cases.move_stage(world.colleague, household, "closed", reason="moved_away")
    privacy.erase_on_request(world.teamlead, household, household.pseudonym)
    db.session.commit()
    coordinator = world.colleague
    attempts = [lambda: cases.reopen(coordinator, household, "terug"),
                lambda: cases.log_contact(coordinator, household, "phone", TODAY, note="nieuw"),
                lambda: cases.add_member(coordinator, household, "Nieuw", "child", date(2015, 1, 1)),
                lambda: cases.hand_over(world.teamlead, household, world.coach),
                lambda: cases.plan_check_in(coordinator, household, TODAY, "bellen"),
                lambda: plans.update_family_plan(coordinator, household, "nieuwe droom", None, None, 1),
                lambda: referrals.create_referral(coordinator, household, "sportclub", organisation="Buurthuis")]
    for attempt in attempts:
        with pytest.raises(PermissionDenied):
            attempt()
        db.session.rollback()
    assert db.session.get(Household, household.id).stage == "closed"

"""`flask retention apply`: each household past its retention period is anonymised on its own, so one that
cannot be does not keep the others (or the rest of the municipality) from being anonymised."""
from datetime import date, timedelta

from sqlalchemy import select

from gezinsaanpak import privacy
from gezinsaanpak.cases import operations as cases
from gezinsaanpak.cases.models import Household, Member
from gezinsaanpak.extensions import db
from gezinsaanpak.referrals import operations as referrals
from tests.factories import make_household
from tests.helpers import TODAY

LONG_AGO = TODAY - timedelta(days=900)


def closed_long_ago(world, pseudonym, organisation=None):
    household = make_household(world.coach, pseudonym=pseudonym, registered_on=LONG_AGO - timedelta(days=200))
    if organisation:
        referrals.create_referral(world.coach, household, "Zwemles voor Kind0", organisation=organisation,
                                  on=LONG_AGO - timedelta(days=100))
    cases.move_stage(world.coach, household, "closed", on=LONG_AGO, reason="moved_away")
    db.session.commit()
    return household.id


def names(household_id):
    return db.session.scalars(select(Member.first_name).where(Member.household_id == household_id)).all()


def test_a_household_referred_to_a_local_organisation_does_not_block_retention(app, runner, world):
    with app.app_context():
        ids = [closed_long_ago(world, "Familie Eik"), closed_long_ago(world, "Familie Beuk", "Voedselbank Zuid"),
               closed_long_ago(world, "Familie Linde")]
    result = runner.invoke(args=["retention", "apply"])
    assert result.exit_code == 0, result.output
    assert "3 huishoudens langer dan 24 maanden afgesloten" in result.output
    with app.app_context():
        assert all(db.session.get(Household, i).is_anonymised for i in ids)
        assert all(set(names(i)) == {"–"} for i in ids)
        assert privacy.due_for_anonymising(24) == []


def test_retention_goes_on_past_a_household_it_cannot_anonymise_and_says_so(app, runner, world, monkeypatch):
    with app.app_context():
        first, stuck, last = (closed_long_ago(world, name) for name in ("Familie Eik", "Familie Beuk", "Familie Es"))
    anonymise = privacy.anonymise

    def failing_for_one(actor, household, **options):
        anonymise(actor, household, **options)
        if household.id == stuck:
            raise RuntimeError("disk full")

    monkeypatch.setattr(privacy, "anonymise", failing_for_one)
    result = runner.invoke(args=["retention", "apply"])
    assert result.exit_code == 1
    assert f"huishouden {stuck} kon niet worden geanonimiseerd: RuntimeError: disk full" in result.output
    assert "1 van de 3 huishoudens kon niet worden geanonimiseerd" in result.output
    with app.app_context():
        assert db.session.get(Household, first).is_anonymised and db.session.get(Household, last).is_anonymised
        stuck_household = db.session.get(Household, stuck)
        assert not stuck_household.is_anonymised and stuck_household.pseudonym == "Familie Beuk"
        assert names(stuck) == ["Samira", "Kind0", "Kind1"]  # nothing half done
        assert [h.id for h in privacy.due_for_anonymising(24)] == [stuck]  # tomorrow's run tries again


def test_a_pseudonym_starting_with_a_hash_is_still_due(app, runner, world):
    with app.app_context():
        household_id = closed_long_ago(world, "#12 Familie Wilg")
    result = runner.invoke(args=["retention", "apply"])
    assert result.exit_code == 0 and f"huishouden {household_id} wordt geanonimiseerd" in result.output
    with app.app_context():
        assert db.session.get(Household, household_id).is_anonymised and set(names(household_id)) == {"–"}


def test_the_retention_period_counts_in_calendar_months(ctx, world):
    """Closed on 31 January with one month's retention: not due on the last day of February, due on 1 March."""
    household = make_household(world.coach, registered_on=date(2025, 11, 3))
    cases.move_stage(world.coach, household, "closed", on=date(2026, 1, 31), reason="moved_away")
    db.session.flush()
    assert household not in privacy.due_for_anonymising(1, on=date(2026, 2, 28))
    assert household in privacy.due_for_anonymising(1, on=date(2026, 3, 1))
    assert household not in privacy.due_for_anonymising(2, on=date(2026, 3, 31))

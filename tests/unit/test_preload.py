"""A page that will read a household's small lists loads each with one prebuilt statement: the same records in the
same order as the lazy loader gives, and nothing loaded twice."""
from contextlib import contextmanager
from datetime import timedelta

from sqlalchemy import event

from gezinsaanpak.cases.models import CheckIn, Household
from gezinsaanpak.extensions import db
from gezinsaanpak.web import preload
from tests.factories import World, make_household
from tests.helpers import TODAY


@contextmanager
def counted():
    statements = []

    def count(*args):
        statements.append(1)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def test_preloaded_lists_hold_what_the_lazy_loader_gives_in_its_order(app):
    with app.app_context():
        world = World()
        household = make_household(world.coach)
        other = make_household(world.coach, pseudonym="Familie Roos")
        for days, subject in ((30, "later"), (5, "soon"), (12, "between")):
            db.session.add(CheckIn(household_id=household.id, due_on=TODAY + timedelta(days=days), subject=subject,
                                   by_id=world.coach.id))
        db.session.add(CheckIn(household_id=other.id, due_on=TODAY, subject="another family's", by_id=world.coach.id))
        db.session.commit()
        household_id = household.id
        db.session.expunge_all()

        lazily = db.session.get(Household, household_id)
        expected = [(c.subject, c.due_on) for c in lazily.check_ins], [c.id for c in lazily.consents]
        db.session.expunge_all()

        household = db.session.get(Household, household_id)
        preload(household, "check_ins", "consents")
        with counted() as statements:
            got = [(c.subject, c.due_on) for c in household.check_ins], [c.id for c in household.consents]
        assert got == expected and expected[0][0][0] == "soon"
        assert statements == []  # read without another statement


def test_a_list_already_loaded_is_left_as_it_is(app):
    with app.app_context():
        world = World()
        household = make_household(world.coach)
        household.check_ins  # noqa: B018 - loaded here
        with counted() as statements:
            preload(household, "check_ins")
        assert statements == []

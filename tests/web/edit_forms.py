"""Every form that changes a record two coaches may have open at once, for the locking and concurrency tests.

Each case builds the record through the operations (with Bert as co-worker of Anna's household) and returns the
page's address, two different edits (a field and its value) and how to read what is saved now."""
from collections.abc import Callable
from dataclasses import dataclass

from gezinsaanpak.cases import operations as cases
from gezinsaanpak.cases.models import Household
from gezinsaanpak.catalogues import load_all
from gezinsaanpak.extensions import db
from gezinsaanpak.plans.models import FamilyPlan, Goal, MemberWish
from gezinsaanpak.referrals.models import Referral
from gezinsaanpak.signals.models import Signal
from tests.helpers import TODAY
from tests.web.access_plans import _goal, _parent
from tests.web.access_referrals import _referral
from tests.web.access_signals import make_signal

TODAY = TODAY.isoformat()


@dataclass
class EditForm:
    path: Callable  # (household, actor) -> the page's path below /households/<id>, made in an app context
    field: str
    edits: tuple  # what Anna and Bert each choose or type
    saved: Callable  # (household_id, record_id) -> the saved value
    extra: dict | None = None  # other fields the form needs
    choice: bool = False  # a choice, not typed text

    def value(self, writer: int) -> str:
        """What writer number `writer` sends when many save at the same moment: all the same choice, or each
        their own text."""
        return self.edits[0] if self.choice else f"{self.edits[writer % 2]} ({writer})"


def _plan(household, actor):
    return "/plan/edit", None


def _wish(household, actor):
    return f"/members/{_parent(household).id}/wish", _parent(household).id


def _goal_edit(household, actor):
    goal_id = _goal(household, actor)
    return f"/goals/{goal_id}/edit", goal_id


def _referral_edit(household, actor):
    referral_id = _referral(household, actor)
    return f"/referrals/{referral_id}/edit", referral_id


def _signal(household, actor):
    signal_id = make_signal(household, actor)
    return f"/signals/{signal_id}", signal_id


def _stage(household, actor):
    return "/stage", household.id


EDIT_FORMS = {
    "family dream": EditForm(_plan, "family_dream", ("Anna: samen op vakantie", "Bert: een eigen huis"),
                             lambda hid, _id: db.session.query(FamilyPlan.family_dream).filter_by(
                                 household_id=hid).scalar()),
    "wish": EditForm(_wish, "words", ("Anna: weer aan het werk", "Bert: rijbewijs halen"),
                     lambda hid, member_id: db.session.query(MemberWish.words).filter_by(member_id=member_id).scalar()),
    "goal": EditForm(_goal_edit, "description", ("Anna: de huur op tijd betalen", "Bert: een schuldhulpverlener"),
                     lambda hid, goal_id: db.session.get(Goal, goal_id).description),
    "referral": EditForm(_referral_edit, "request", ("Anna: voetbalschoenen", "Bert: zwemles"),
                         lambda hid, referral_id: db.session.get(Referral, referral_id).request),
    "signal state": EditForm(_signal, "to_state", ("confirmed", "not_applicable"),
                             lambda hid, signal_id: db.session.get(Signal, signal_id).state,
                             {"changed_on": TODAY}, choice=True),
    "household stage": EditForm(_stage, "to_stage", ("plan", "closed"),
                                lambda hid, _id: db.session.get(Household, hid).stage,
                                {"moved_on": TODAY, "reason": "other"}, choice=True),
}


def prepare(app, world, household, case):
    """Bert joins Anna's household; the record is made; returns (url, record id)."""
    with app.app_context():
        load_all()
        h = db.session.get(Household, household.id)
        cases.add_worker(db.session.merge(world.coach), h, db.session.merge(world.colleague))
        path, record_id = case.path(h, db.session.merge(world.coach))
        db.session.commit()
    return f"/households/{household.id}{path}", record_id


def saved(app, household, case, record_id):
    with app.app_context():
        return case.saved(household.id, record_id)



def goal_shared_with_colleague(app, world, household) -> tuple[int, int]:
    """A goal of the household that world.colleague, added as co-worker, may edit too: (goal id, domain id)."""
    with app.app_context():
        load_all()
        h = db.session.get(Household, household.id)
        cases.add_worker(db.session.merge(world.coach), h, db.session.merge(world.colleague))
        goal_id = _goal(h, db.session.merge(world.coach))
        domain_id = db.session.get(Goal, goal_id).domain_id
        db.session.commit()
    return goal_id, domain_id

"""The walk over the URL map that the access, fuzz and audit tests share: every route that takes a household
(and the identifiers of its records, made by the factories each area registers in access_<area>.py), every form
that accepts POST, who may use it according to the permission table, and a walker that fills them in."""
import importlib
from pathlib import Path

from sqlalchemy import func, select

from gezinsaanpak.auth.endpoints import PERMISSIONS
from gezinsaanpak.auth.models import User
from gezinsaanpak.auth.operations import create_user
from gezinsaanpak.cases import operations as cases
from gezinsaanpak.cases.models import Household
from gezinsaanpak.cases.neighbourhoods import add_neighbourhood
from gezinsaanpak.catalogues import load_catalogue
from gezinsaanpak.errors import InvalidInput
from gezinsaanpak.extensions import db
from gezinsaanpak.referrals.funds import create_fund
from gezinsaanpak.signals.operations import add_local_item
from tests.factories import PASSWORD, make_household
from tests.helpers import TODAY, AuthActions
from tests.web.form_pages import page_form, serial, template_form

# Routes with identifiers that are checked elsewhere (administration, not family data).
ADMIN_PREFIX = "/admin/"

# Pages with a stricter rule than "whoever works on the household": endpoint -> who may open them.
STRICTER = {
    "cases.audit_trail": {"teamlead"},  # who opened the file: for the team lead to review
    "cases.erase": {"teamlead"},  # erasing at the family's request: the team lead decides
    "cases.decide_extension": {"teamlead"},  # support past the usual period: the team lead agrees or declines
    "cases.decide_closing": {"teamlead"},  # closing, where it needs a sign-off: the team lead signs off
    # the coordinator or the team lead: handing over, who else works on the file, everything held about the family
    "cases.handover": {"coach", "teamlead"},
    "cases.remove_worker": {"coach", "teamlead"},
    "cases.privacy_export": {"coach", "teamlead"},
    "cases.privacy_export_pdf": {"coach", "teamlead"},
}


def identifier_factories():
    """`household_id` plus whatever each area registers in tests/web/access_<area>.py as FACTORIES:
    {"goal_id": make(household, actor) -> id}, called in an app context with live objects."""
    factories = {}
    for path in sorted(Path(__file__).parent.glob("access_*.py")):
        factories.update(importlib.import_module(f"tests.web.{path.stem}").FACTORIES)
    return factories


def household_rules(app):
    """Every route that takes an identifier, except administration; each identifier must be known here."""
    known = {"household_id", *identifier_factories()}
    rules = []
    for rule in app.url_map.iter_rules():
        if not rule.arguments or rule.rule.startswith(ADMIN_PREFIX) or rule.endpoint == "static":
            continue
        unknown = rule.arguments - known
        assert not unknown, f"{rule.rule} takes {unknown}: register a factory in tests/web/access_<area>.py"
        assert "household_id" in rule.arguments, f"{rule.rule}: family data is reached through its household"
        rules.append(rule)
    assert rules, "no household routes found"
    return sorted(rules, key=lambda r: "GET" not in r.methods)


def make_identifiers(app, rule, household_id, actor_id):
    """Fresh objects for the rule's other identifiers, inside the given household."""
    factories = identifier_factories()
    values = {"household_id": household_id}
    with app.app_context():
        household = db.session.get(Household, household_id)
        actor = db.session.get(User, actor_id)
        for name in sorted(rule.arguments - {"household_id"}):
            values[name] = factories[name](household, actor)
        db.session.commit()
    return values


def request_rule(client, rule, values):
    url = rule.build(values, append_unknown=False)[1]
    method = "GET" if "GET" in rule.methods else "POST"
    return url, client.open(url, method=method)


def user_for(endpoint):
    """Who may use the form: from the permission table, so a new route is covered the day it is declared."""
    level = PERMISSIONS[endpoint]
    if level == "public":
        return None
    if level in ("teamlead", "household:audit", "household:erase", "household:lead"):
        return "teamlead"
    return level if level in ("admin", "policy") else "coach"


def post_rules(app):
    rules = [rule for rule in app.url_map.iter_rules() if "POST" in rule.methods and rule.endpoint != "static"]
    assert len(rules) > 30, "the walk found too few forms"
    return sorted(rules, key=lambda rule: rule.rule)


# Identifiers of administration pages; household identifiers come from the access walk's factories.
def _coach(admin):
    team = db.session.scalar(select(User).where(User.role == "coach")).team
    return create_user(admin, f"fuzz{next(serial)}@example.nl", "Fuzz Coach", "coach", PASSWORD, team).id


def _item(admin):
    if not db.session.scalar(select(func.count()).select_from(db.metadata.tables["checklist_items"])):
        load_catalogue("checklist")
    n = next(serial)
    return add_local_item(admin, "home_visit", "signal", "Fuzz", "Fuzz", f"Fuzz-item {n}", f"Fuzz item {n}").id


def _fund(admin):
    return create_fund(admin, name=f"Fuzzfonds {next(serial)}", provides_nl="Test", provides_en=None, website=None,
                       min_age=None, max_age=None, lead_time_days=None, applicants=None, is_sam=False,
                       is_yearly=False).id


def _neighbourhood(admin):
    return add_neighbourhood(admin, f"Fuzzwijk {next(serial)}").id


ADMIN_FACTORIES = {"user_id": _coach, "item_id": _item, "fund_id": _fund, "neighbourhood_id": _neighbourhood}


def _registered(app, coach_id):
    with app.app_context():
        return make_household(db.session.get(User, coach_id)).id


def _contact_track(app, coach_id):
    with app.app_context():
        return make_household(db.session.get(User, coach_id), registered=False).id


def _closed(app, coach_id):
    with app.app_context():
        household = make_household(db.session.get(User, coach_id))
        cases.move_stage(household.coordinator, household, "closed", TODAY, "", "moved_away")
        db.session.commit()
        return household.id


HOUSEHOLDS = (_registered, _contact_track, _closed)  # the form may need a household in another stage
chosen_household = {}  # endpoint -> which of HOUSEHOLDS shows its form


class Walker:
    """One logged-in client per kind of user, and a fresh household and records for every form it fills in."""

    def __init__(self, app, world):
        self.app, self.world, self.clients = app, world, {}

    def client(self, who):
        """A fresh session for every form (a form may log out), except the administrator's: a code works once."""
        if who in self.clients:
            return self.clients[who]
        client = self.app.test_client()
        if who is not None:
            response = AuthActions(client).login(self.world.by_role(who))
            assert response.status_code == 302, f"{who} could not log in"
        if who == "admin":
            self.clients[who] = client
        return client

    def values(self, rule, household):
        if "household_id" in rule.arguments:
            return make_identifiers(self.app, rule, household(self.app, self.world.coach.id), self.world.coach.id)
        with self.app.app_context():
            admin = db.session.get(User, self.world.admin.id)
            values = {name: ADMIN_FACTORIES[name](admin) for name in sorted(rule.arguments)}
            db.session.commit()
        return values

    def form(self, rule):
        """A client of the right user, the form's address, and its fields as the page (or template) offers them."""
        client = self.client(user_for(rule.endpoint))
        if "household_id" not in rule.arguments:
            url = rule.build(self.values(rule, None), append_unknown=False)[1]
            return client, url, ("GET" in rule.methods and page_form(client, url)) or template_form(rule.endpoint)
        url = None
        for index in [chosen_household.get(rule.endpoint, 0)] + list(range(len(HOUSEHOLDS))):
            try:
                url = rule.build(self.values(rule, HOUSEHOLDS[index]), append_unknown=False)[1]
            except InvalidInput:
                continue  # the records cannot be made in a household in this stage
            form = page_form(client, url) if "GET" in rule.methods else None
            if form or "GET" not in rule.methods:
                chosen_household[rule.endpoint] = index
                return client, url, form or template_form(rule.endpoint)
        assert url, f"{rule.rule}: no household in which its records can be made"
        return client, url, template_form(rule.endpoint)

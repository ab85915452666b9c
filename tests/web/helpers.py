"""Helpers for the walks over every household route (test_access.py, test_erased_household.py): the routes, and
a fresh record behind each identifier they take."""
import importlib
from pathlib import Path

from gezinsaanpak.auth.models import User
from gezinsaanpak.cases.models import Household
from gezinsaanpak.extensions import db

# Pages with a stricter rule than "whoever works on the household": endpoint -> who may open them.
STRICTER = {
    "cases.audit_trail": {"teamlead"},  # who opened the file: for the team lead to review
    "cases.erase": {"teamlead"},  # erasing at the family's request: the team lead decides
}


# Routes with identifiers that are checked elsewhere (administration, not family data).
ADMIN_PREFIX = "/admin/"


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

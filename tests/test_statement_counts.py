"""No query per row: the main pages send the same number of SQL statements whether a municipality has 10 or 40
households, a coach 10 or 30 of them, a team one coach or two. Counts, not times, so the test is stable."""
import re

from sqlalchemy import event, select
from sqlalchemy.orm import Session
from werkzeug.security import generate_password_hash

from gezinsaanpak.auth.models import User
from gezinsaanpak.cases.models import Household
from gezinsaanpak.extensions import db
from gezinsaanpak.reports.benchmark_data import build
from tests.factories import PASSWORD
from tests.helpers import empty_database

PAGES = {
    "start page": ("coach", "/start"),
    "households list": ("coach", "/my-households"),
    "household page": ("coach", "/households/{h}"),
    "timeline": ("coach", "/households/{h}/timeline"),
    "signals recording": ("coach", "/households/{h}/signals/record"),
    "family plan": ("coach", "/households/{h}/plan"),
    "family plan PDF": ("coach", "/households/{h}/plan.pdf"),
    "team dashboard": ("teamlead", "/team/"),
    "team list": ("teamlead", "/team/households?metric=open"),
    "reach report": ("teamlead", "/team/reach"),
}


def municipality(app, households):
    """An empty database filled by the benchmark-data builder; the first coach, their first household in
    carrying out, and the team lead of their team."""
    with app.app_context():
        empty_database()
        build(households, generate_password_hash(PASSWORD, method=app.config["PASSWORD_HASH_METHOD"]))
        db.session.commit()
        coach = db.session.scalar(select(User).where(User.role == "coach").order_by(User.id))
        lead = db.session.scalar(select(User).where(User.role == "teamlead", User.team_id == coach.team_id))
        household = db.session.scalar(select(Household.id).where(Household.coordinator_id == coach.id,
                                                                 Household.stage == "carrying_out")
                                      .order_by(Household.id))
        return coach.email, lead.email, household


def statement_counts(app, households) -> dict[str, int]:
    coach, lead, household = municipality(app, households)
    clients = {"coach": app.test_client(), "teamlead": app.test_client()}
    for who, email in (("coach", coach), ("teamlead", lead)):
        assert clients[who].post("/login", data={"email": email, "password": PASSWORD}).status_code == 302
    with app.app_context():
        engine = db.engine
    statements = []

    def count(*args):
        statements.append(1)

    event.listen(engine, "before_cursor_execute", count)
    try:
        counts = {}
        for page, (who, path) in PAGES.items():
            clients[who].get(path.format(h=household))  # first visit: catalogues and caches warm up
            statements.clear()
            response = clients[who].get(path.format(h=household))
            assert response.status_code == 200, page
            counts[page] = len(statements)
        return counts
    finally:
        event.remove(engine, "before_cursor_execute", count)


def test_pages_cost_the_same_number_of_statements_as_the_municipality_grows(app):
    small = statement_counts(app, 10)
    large = statement_counts(app, 40)
    assert large == small


def test_the_household_page_reads_each_table_once(app):
    """Its sections and its "coming up" list share what they load (goals, referrals), and the catalogues that
    goals, assessments, signals and referrals point to are not read at all once the process keeps them."""
    coach, _lead, household = municipality(app, 10)
    client = app.test_client()
    assert client.post("/login", data={"email": coach, "password": PASSWORD}).status_code == 302
    client.get(f"/households/{household}")
    with app.app_context():
        engine = db.engine
    statements = []

    def keep(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", keep)
    try:
        assert client.get(f"/households/{household}").status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", keep)
    # The table each SELECT reads (the timeline's union of every area reads from a subquery: left out).
    tables = [found.group(1) for found in (re.search(r"\bFROM (\(|\w+)", s) for s in statements)
              if found and found.group(1) != "("]
    assert {table for table in tables if tables.count(table) > 1} == set()
    assert {"domains", "funds", "checklist_items"} & set(tables) == set()
    assert "catalogue_version" in tables  # what tells the process its copies are current


def test_a_households_pages_load_no_relationship_lazily(app):
    """Their consents, support extensions and planned contact moments come with a statement built once, not
    through the lazy loader, which builds its statement again at every use (about twice the cost of a prebuilt
    one)."""
    coach, _lead, household = municipality(app, 10)
    client = app.test_client()
    assert client.post("/login", data={"email": coach, "password": PASSWORD}).status_code == 302
    lazy = []

    def keep(state):
        if state.is_select and state.lazy_loaded_from is not None:
            lazy.append((page, str(state.statement).split("FROM", 1)[1].split()[0]))

    for page in ("household page", "timeline", "family plan", "family plan PDF"):
        path = PAGES[page][1].format(h=household)
        client.get(path)
        event.listen(Session, "do_orm_execute", keep)
        try:
            assert client.get(path).status_code == 200
        finally:
            event.remove(Session, "do_orm_execute", keep)
    assert lazy == []

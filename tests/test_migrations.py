"""The schema comes from the migrations; they must build exactly what the models declare, on both databases."""
import os
import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, text

from gezinsaanpak import create_app
from gezinsaanpak.config import normalise_database_url
from gezinsaanpak.extensions import db
from tests.helpers import postgres_reachable

POSTGRES_URL = os.environ.get("GEZINSAANPAK_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")


def differences(url):
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "x", "TESTING": True})
    with app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            diff = compare_metadata(context, db.metadata)
        downgrade(revision="base")
        db.engine.dispose()
    return diff


def test_migrations_match_the_models_on_sqlite(tmp_path):
    assert differences("sqlite:///" + str(tmp_path / "schema.db")) == []


@pytest.mark.postgres
def test_migrations_match_the_models_on_postgresql():
    problem = postgres_reachable(POSTGRES_URL)
    if problem:
        pytest.skip(f"PostgreSQL not reachable at {POSTGRES_URL}, schema check on PostgreSQL skipped: {problem}")
    name = f"gezinsaanpak_schema_{uuid.uuid4().hex[:8]}"
    admin = create_engine(normalise_database_url(POSTGRES_URL), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        url = normalise_database_url(POSTGRES_URL).rsplit("/", 1)[0] + "/" + name
        assert differences(url) == []
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


def test_households_erased_before_the_anonymised_at_column_are_recognised(tmp_path):
    """Only what anonymise() used to write counts as erased: "#<id>", closed, no names and no notes left; the
    erasure register starts with those."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite:///" + str(tmp_path / "old.db"), "SECRET_KEY": "x",
                      "TESTING": True})
    with app.app_context():
        upgrade(revision="b9c0516a0009")
        with db.engine.begin() as connection:
            def run(sql, **values):
                connection.execute(text(sql), {"now": "2026-01-05 10:00:00", **values})
            run("INSERT INTO teams (id, name, created_at) VALUES (1, 'Team Noord', :now)")
            run("INSERT INTO users (id, email, name, role, team_id, password_hash, active, session_token, is_demo, "
                "created_at) VALUES (1, 'coach@example.nl', 'Anna Coach', 'coach', 1, 'x', TRUE, 't', FALSE, :now)")
            households = [(1, "#1", "closed", "–", None), (2, "#2", "closed", None, None),
                          (3, "#7 Familie Tulp", "closed", "Samira", None), (4, "#4", "plan", "–", None),
                          (5, "#5", "closed", "Samira", None), (6, "#6", "closed", None, "Sprak over de schulden")]
            for id_, pseudonym, stage, member, note in households:
                registered = member is not None
                run("INSERT INTO households (id, pseudonym, phase, stage, stage_since, source, team_id, coordinator_id,"
                    " opened_on, registered_on, closed_on, close_reason, is_demo, created_at) VALUES (:id, :pseudonym,"
                    " :phase, :stage, '2025-01-01', 'school', 1, 1, '2024-01-01', :registered_on, :closed_on,"
                    " :close_reason, FALSE, :now)", id=id_, pseudonym=pseudonym, stage=stage,
                    phase="registered" if registered else "contact",
                    registered_on="2024-02-01" if registered else None,
                    closed_on="2025-01-01" if stage == "closed" else None,
                    close_reason="moved_away" if stage == "closed" else None)
                if member:
                    run("INSERT INTO members (household_id, role, first_name, date_of_birth, created_at) VALUES "
                        "(:id, 'parent', :name, '1988-07-01', :now)", id=id_, name=member)
                if note:
                    run("INSERT INTO contacts (household_id, kind, contact_on, note, by_id, created_at) VALUES "
                        "(:id, 'phone', '2024-03-01', :note, 1, :now)", id=id_, note=note)
            run("INSERT INTO audit_events (at, action, household_id, outcome) VALUES ('2025-03-01 04:00:00', "
                "'household.anonymise', 1, 'ok')")
        upgrade()
        with db.engine.connect() as connection:
            erased = dict(connection.execute(text("SELECT id, anonymised_at FROM households "
                                                  "WHERE anonymised_at IS NOT NULL")).all())
            registered = dict(connection.execute(text("SELECT household_id, erased_at FROM erasures")).all())
        db.engine.dispose()
    assert set(erased) == {1, 2}
    assert str(erased[1]).startswith("2025-03-01 04:00:00")
    assert registered == erased  # the erasure register starts with them


def _fill_before_the_neighbourhood_list(connection):
    """Households with the free-text neighbourhood of before, and target groups the administrator typed."""
    def run(sql, **values):
        connection.execute(text(sql), {"now": "2026-01-05 10:00:00", **values})
    run("INSERT INTO teams (id, name, created_at) VALUES (1, 'Team Zuid', :now)")
    run("INSERT INTO users (id, email, name, role, team_id, password_hash, active, session_token, is_demo, "
        "created_at) VALUES (1, 'coach@example.nl', 'Anna Coach', 'coach', 1, 'x', TRUE, 't', FALSE, :now)")
    typed = {1: "Carnisse", 2: " carnisse ", 3: "Dordtselaan 112 (fam. Yilmaz)", 4: None, 5: "Tarwewijk"}
    for id_, neighbourhood in typed.items():
        run("INSERT INTO households (id, pseudonym, phase, stage, stage_since, source, team_id, coordinator_id,"
            " neighbourhood, opened_on, is_demo, created_at, version) VALUES (:id, :pseudonym, 'contact',"
            " 'trust_building', '2025-01-01', 'school', 1, 1, :neighbourhood, '2025-01-01', FALSE, :now, 1)",
            id=id_, pseudonym=f"Familie {id_}", neighbourhood=neighbourhood)
    for situation, neighbourhood, children in (("working", "Carnisse", 12), ("self_employed", "Carnisse", 3),
                                               ("social_assistance", "", 40), ("unknown", "", 5)):
        run("INSERT INTO reach_targets (year, income_situation, neighbourhood, children, updated_at) VALUES "
            "(2026, :situation, :neighbourhood, :children, :now)", situation=situation, neighbourhood=neighbourhood,
            children=children)


def _neighbourhoods_after_the_migration(url):
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "x", "TESTING": True})
    with app.app_context():
        upgrade(revision="f1a9e5c0d010")
        with db.engine.begin() as connection:
            _fill_before_the_neighbourhood_list(connection)
        upgrade()
        with db.engine.begin() as connection:
            entries = {name: (entry_id, to_review) for entry_id, name, to_review in connection.execute(text(
                "SELECT id, name, to_review FROM neighbourhoods"))}
            households = dict(connection.execute(text("SELECT id, neighbourhood_id FROM households")).all())
            targets = sorted(connection.execute(text(
                "SELECT income_group, neighbourhood_id, district, children FROM target_groups")).all(),
                key=lambda row: row[0])
            connection.execute(text("INSERT INTO users (id, email, name, role, password_hash, active, session_token, "
                                    "is_demo, created_at) VALUES (2, 'beleid@example.nl', 'Bea Beleid', 'policy', "
                                    "'x', TRUE, 'p', FALSE, '2026-01-05')"))  # the new role, without a team
        db.engine.dispose()
    return entries, households, targets


def check_neighbourhood_migration(url):
    entries, households, targets = _neighbourhoods_after_the_migration(url)
    carnisse, typed, tarwewijk = entries["Carnisse"], entries["Dordtselaan 112 (fam. Yilmaz)"], entries["Tarwewijk"]
    assert len(entries) == 3  # " carnisse " is the administrator's Carnisse
    assert not carnisse[1] and typed[1] and tarwewijk[1]  # only what a coach typed awaits review
    assert households == {1: carnisse[0], 2: carnisse[0], 3: typed[0], 4: None, 5: tarwewijk[0]}
    # Working now includes the self-employed; "unknown" was never a target group.
    assert targets == [("social_assistance", None, None, 40), ("working", carnisse[0], None, 15)]


def test_typed_neighbourhoods_become_entries_of_the_list_or_entries_to_review(tmp_path):
    check_neighbourhood_migration("sqlite:///" + str(tmp_path / "old.db"))


@pytest.mark.postgres
def test_typed_neighbourhoods_become_entries_of_the_list_on_postgresql():
    problem = postgres_reachable(POSTGRES_URL)
    if problem:
        pytest.skip(f"PostgreSQL not reachable at {POSTGRES_URL}: {problem}")
    name = f"gezinsaanpak_neighbourhoods_{uuid.uuid4().hex[:8]}"
    admin = create_engine(normalise_database_url(POSTGRES_URL), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        check_neighbourhood_migration(normalise_database_url(POSTGRES_URL).rsplit("/", 1)[0] + "/" + name)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()

"""A synthetic municipality in a database of its own, for the benchmark and the throughput run.

SQLite lives in a temporary directory; PostgreSQL gets a fresh database (`gezinsaanpak_bench_<random>`) that is
dropped afterwards. The schema comes from the migrations, the rows from `reports/benchmark_data.build`.
"""
import contextlib
import io
import re
import tempfile
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass

from flask_migrate import upgrade
from sqlalchemy import create_engine, func, select, text
from werkzeug.security import generate_password_hash

from gezinsaanpak import create_app
from gezinsaanpak.auth.models import User
from gezinsaanpak.cases.models import Household
from gezinsaanpak.config import normalise_database_url
from gezinsaanpak.extensions import db

POSTGRES_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def postgres_problem(admin_url: str) -> str | None:
    """None when the PostgreSQL server answers; otherwise why not."""
    try:
        engine = create_engine(normalise_database_url(admin_url), connect_args={"connect_timeout": 5})
        with engine.connect():
            pass
        engine.dispose()
        return None
    except Exception as error:  # noqa: BLE001 - any failure means: not reachable
        return str(error).strip().splitlines()[0]


@contextmanager
def sqlite_database():
    """A SQLite file in a temporary directory, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="gezinsaanpak-bench-") as directory:
        yield f"sqlite:///{directory}/bench.db"


@contextmanager
def postgres_database(admin_url: str = POSTGRES_ADMIN_URL):
    """A fresh PostgreSQL database next to `admin_url`'s, dropped afterwards. Never the shared `test` database."""
    name = f"gezinsaanpak_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(normalise_database_url(admin_url), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield normalise_database_url(admin_url).rsplit("/", 1)[0] + "/" + name
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def make_app(url: str):
    """The real application on `url`; the secret is fixed so no key file is written."""
    return create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "benchmark", "LOGIN_LIMIT": "10000 per minute",
                       "PLAN_PDF_LIMIT": "100000 per minute"})


def build(app, households: int) -> float:
    """Migrate and fill the database with `households` households; returns the seconds it took."""
    started = time.perf_counter()
    with app.app_context():
        with contextlib.redirect_stderr(io.StringIO()):  # Alembic logs every revision
            upgrade(directory=app.extensions["migrate"].directory)
        from gezinsaanpak.reports.benchmark_data import build as build_rows
        build_rows(households, generate_password_hash(app.config["DEMO_PASSWORD"]))
        db.session.commit()
        if db.engine.dialect.name == "postgresql":
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                connection.execute(text("VACUUM ANALYZE"))  # what autovacuum does soon after a bulk load
    return time.perf_counter() - started


@dataclass
class Subjects:
    """Who and what is measured: a coach with a typical caseload, one of their households in carrying out, and
    the team lead of their team. Chosen by rule, so every run and size measures the same kind of thing."""
    coach_email: str
    teamlead_email: str
    household_id: int
    team_id: int
    caseload: int


def pick_subjects(app) -> Subjects:
    with app.app_context():
        counts = db.session.execute(select(Household.coordinator_id, func.count()).group_by(Household.coordinator_id)
                                    .order_by(Household.coordinator_id)).all()
        typical = sorted(n for _, n in counts)[len(counts) // 2]
        coaches = [coach_id for coach_id, n in counts if n == typical]
        coach = db.session.get(User, coaches[len(coaches) // 2])
        household_id = db.session.scalar(select(Household.id).where(Household.coordinator_id == coach.id,
                                                                    Household.stage == "carrying_out")
                                         .order_by(Household.id))
        lead = db.session.scalar(select(User).where(User.team_id == coach.team_id, User.role == "teamlead")
                                 .order_by(User.id))
        return Subjects(coach.email, lead.email, household_id, coach.team_id, typical)


def log_in(client, email: str, password: str) -> None:
    """Log in through the login form, CSRF token and all."""
    page = client.get("/login").get_data(as_text=True)
    response = client.post("/login", data={"email": email, "password": password,
                                           "csrf_token": TOKEN.search(page).group(1)})
    if response.status_code != 302 or "/login" in response.location:
        raise RuntimeError(f"could not log in as {email}: {response.status_code}")

"""A statement of columns runs on the session's own connection, and still reads what the session has changed."""
from sqlalchemy import func, select

from gezinsaanpak.auth.models import Team
from gezinsaanpak.extensions import db
from gezinsaanpak.web import read_columns

TEAMS = select(func.count(Team.id))


def test_a_change_waiting_in_the_session_is_read_back():
    before = read_columns(TEAMS).scalar()
    db.session.add(Team(name="Wijkteam Noord"))  # not flushed
    assert read_columns(TEAMS).scalar() == before + 1
    assert read_columns(select(Team.name).where(Team.name == "Wijkteam Noord")).all() == [("Wijkteam Noord",)]


def test_without_autoflush_it_reads_what_the_database_has():
    before = read_columns(TEAMS).scalar()
    with db.session.no_autoflush:
        db.session.add(Team(name="Wijkteam Zuid"))
        assert read_columns(TEAMS).scalar() == before

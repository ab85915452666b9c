"""Erased text does not stay behind in the SQLite files: not in the write-ahead log, and not in the free space
that deleted rows leave (text a coach removed earlier is erased with the rest)."""
import sqlite3
from datetime import date

from flask_migrate import upgrade

from gezinsaanpak import create_app, privacy
from gezinsaanpak.cases import operations as cases
from gezinsaanpak.extensions import db
from gezinsaanpak.plans import operations as plans
from gezinsaanpak.referrals import operations as referrals
from tests.factories import World, make_household
from tests.helpers import TODAY

ERASED = ["Familie Vlinderbos", "Yasmijn", "Basisschool De Klimop", "schuld bij de Vlinderbank",
          "zwemles bij Buurthuis Klimop", "Stichting Vlindertuin", "wil later dierenarts worden"]


def like_most_sqlite_builds(path):
    """Some builds (Debian's) delete securely by default, most do not: every connection starts without it, so the
    application's own setting is what the test sees."""
    def connect():
        connection = sqlite3.connect(path, check_same_thread=False)
        connection.execute("PRAGMA secure_delete=OFF")
        return connection
    return connect


def test_an_erased_household_is_gone_from_the_database_file_and_its_log(tmp_path):
    path = tmp_path / "municipality.db"
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}", "SECRET_KEY": "x", "TESTING": True,
                      "SQLALCHEMY_ENGINE_OPTIONS": {"creator": like_most_sqlite_builds(path)}})
    with app.app_context():
        upgrade()
        world = World()
        household = make_household(world.coach, pseudonym=ERASED[0])
        child = cases.add_member(world.coach, household, ERASED[1], "child", date(2017, 5, 1), school=ERASED[2])
        neighbours = make_household(world.coach, pseudonym="Familie Eik")  # not erased: their rows share pages
        plans.set_wish(world.coach, household, child, ERASED[6], version=0)
        plans.set_wish(world.coach, neighbours, neighbours.members[1], "een hond", version=0)
        db.session.commit()
        plans.set_wish(world.coach, household, child, None, version=1)  # removed, long before the erasure
        cases.log_contact(world.coach, household, "home_visit", TODAY, ERASED[3])
        referrals.create_referral(world.coach, household, ERASED[4], organisation=ERASED[5])
        cases.move_stage(world.coach, household, "closed", reason="moved_away")
        db.session.commit()
        files = [path, path.with_name(path.name + "-wal")]
        assert all(any(value.encode() in f.read_bytes() for f in files) for value in ERASED)

        privacy.erase_on_request(world.teamlead, household, ERASED[0])
        db.session.commit()
        # The application keeps running (its connections stay open): the files are read as they are now.
        left = {(f.name, value) for f in files if f.exists() for value in ERASED if value.encode() in f.read_bytes()}
        assert left == set()
        db.engine.dispose()

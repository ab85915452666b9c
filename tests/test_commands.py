"""The command-line interface: accounts, the demo municipality, the benchmark data and the monitoring export."""
from sqlalchemy import func, select

from gezinsaanpak.auth.models import User
from gezinsaanpak.cases.models import Household
from gezinsaanpak.extensions import db
from gezinsaanpak.signals.models import ChecklistItem
from tests.helpers import refused


def test_users_create_reads_the_password_from_stdin(app, runner, auth):
    result = runner.invoke(args=["users", "create", "--email", "Nieuw@Gemeente.nl", "--name", "Nina Nieuw",
                                 "--role", "coach", "--team", "Team West", "--password-stdin"],
                           input="een lange zin als wachtwoord\n")
    assert result.exit_code == 0, result.output
    assert "nieuw@gemeente.nl" in result.output
    assert auth.login("nieuw@gemeente.nl", "een lange zin als wachtwoord").status_code == 302


def test_a_coach_without_team_is_refused_before_the_password_is_asked(app, runner):
    result = runner.invoke(args=["users", "create", "--email", "a@b.nl", "--name", "A", "--role", "coach"],
                           input="een lange zin als wachtwoord\neen lange zin als wachtwoord\n")
    assert result.exit_code == 1
    assert "Wachtwoord" not in result.output
    assert "Fout: Gezinscoaches en teamleiders moeten bij een team horen." in result.output


def test_users_create_refuses_a_short_password_and_a_coach_without_team(app, runner):
    short = runner.invoke(args=["users", "create", "--email", "a@b.nl", "--name", "A", "--role", "coach",
                                "--team", "T", "--password-stdin"], input="kort\n")
    assert short.exit_code != 0 and "12" in short.output
    no_team = runner.invoke(args=["users", "create", "--email", "a@b.nl", "--name", "A", "--role", "coach",
                                  "--password-stdin"], input="een lange zin als wachtwoord\n")
    assert no_team.exit_code != 0
    with app.app_context():
        assert db.session.scalar(select(func.count(User.id))) == 0


def test_demo_fills_an_empty_database_and_prints_logins(app, runner, client, auth):
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    assert "coach1@demo.gezinsaanpak.nl" in result.output and "teamleider1@demo.gezinsaanpak.nl" in result.output
    with app.app_context():
        stages = set(db.session.scalars(select(Household.stage)))
        assert stages == {"trust_building", "registered", "plan", "carrying_out", "follow_up", "aftercare", "closed"}
        assert db.session.scalar(select(func.count(Household.id))) >= 40
        assert db.session.scalar(select(func.count(ChecklistItem.id))) > 60
        roles = dict(db.session.execute(select(User.role, func.count()).group_by(User.role)).all())
    assert roles == {"coach": 6, "teamlead": 2, "admin": 1, "policy": 1}
    auth.login("coach1@demo.gezinsaanpak.nl", app.config["DEMO_PASSWORD"])
    assert "Familie" in client.get("/my-households").text
    again = runner.invoke(args=["demo"])
    assert again.exit_code == 0 and "De demogemeente was er al." in again.output


def test_demo_refuses_a_database_with_real_data(app, runner, world):
    result = runner.invoke(args=["demo"])
    assert result.exit_code != 0 and "geen demo" in result.output
    with app.app_context():
        assert db.session.scalar(select(func.count(Household.id))) == 0


def test_benchmark_data_builds_a_consistent_municipality(app, runner, client):
    result = runner.invoke(args=["benchmark-data", "--households", "70"])
    assert result.exit_code == 0, result.output
    from gezinsaanpak.cases.models import CoordinatorAssignment, Member
    with app.app_context():
        assert db.session.scalar(select(func.count(Household.id))) == 70
        assert db.session.scalar(select(func.count(CoordinatorAssignment.id))) == 70
        assert db.session.scalar(select(func.count(Member.id)).where(Member.role == "child")) > 50
        lead = db.session.scalars(select(User).where(User.role == "teamlead")).first()
        email = lead.email
    client.post("/login", data={"email": email, "password": app.config["DEMO_PASSWORD"]})
    assert client.get("/team/").status_code == 200
    assert client.get("/team/reach").status_code == 200


def test_export_refuses_bad_paths_and_changes_nothing(app, runner, world, tmp_path):
    period = ["--from", "2020-01-01", "--to", "2030-12-31"]
    refused(runner.invoke(args=["export", "monitoring", str(tmp_path / "missing" / "m.db"), *period]),
            "map", "missing bestaat niet")
    assert not (tmp_path / "missing").exists()
    refused(runner.invoke(args=["export", "monitoring", str(tmp_path), *period]), "is een map")
    earlier = tmp_path / "monitoring.db"
    earlier.write_text("last month's export\n")
    refused(runner.invoke(args=["export", "monitoring", str(earlier), *period]), "bestaat al", "--force")
    refused(runner.invoke(args=["export", "monitoring", str(earlier), "--force", "--from", "2026-02-01",
                                "--to", "2026-01-01"]), "--from")
    assert earlier.read_text() == "last month's export\n"
    assert runner.invoke(args=["export", "monitoring", str(earlier), "--force", *period]).exit_code == 0
    assert earlier.read_bytes().startswith(b"SQLite format 3")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["monitoring.db"]


def test_benchmark_data_refuses_a_database_with_other_data(app, runner, household):
    refused(runner.invoke(args=["benchmark-data", "--households", "5"]), "geen benchmarkgegevens")
    with app.app_context():
        assert db.session.scalar(select(func.count(Household.id))) == 1
        assert db.session.scalar(select(func.count(User.id)).where(User.email.like("%benchmark%"))) == 0


def test_benchmark_data_refuses_the_demo_and_counts_below_one(app, runner):
    refused(runner.invoke(args=["benchmark-data", "--households", "-5"]), "minstens 1")
    refused(runner.invoke(args=["benchmark-data", "--households", "0"]), "minstens 1")
    assert runner.invoke(args=["demo"]).exit_code == 0
    refused(runner.invoke(args=["benchmark-data", "--households", "5"]), "geen benchmarkgegevens")


def test_benchmark_data_adds_to_a_database_holding_only_benchmark_data(app, runner):
    assert runner.invoke(args=["benchmark-data", "--households", "5"]).exit_code == 0
    more = runner.invoke(args=["benchmark-data", "--households", "5", "--seed", "2"])
    assert more.exit_code == 0, more.output
    with app.app_context():
        assert db.session.scalar(select(func.count(Household.id))) == 10

"""The command-line interface: creating accounts and the demo municipality."""
from sqlalchemy import func, select

from gezinsaanpak.auth.models import User
from gezinsaanpak.cases.models import Household
from gezinsaanpak.extensions import db
from gezinsaanpak.signals.models import ChecklistItem


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
    assert roles == {"coach": 6, "teamlead": 2, "admin": 1}
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

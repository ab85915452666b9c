"""The command line speaks one language per run: CLI_LANGUAGE, Dutch unless configured otherwise, down to Click's
own words (usage, errors, help)."""
import pytest

from gezinsaanpak import create_app


@pytest.fixture
def english(app):
    """The same database, with the command line in English; Dutch again afterwards."""
    keep = ("TESTING", "SECRET_KEY", "SQLALCHEMY_DATABASE_URI", "PASSWORD_HASH_METHOD")
    english = create_app({**{key: app.config[key] for key in keep}, "CLI_LANGUAGE": "en"})
    yield english.test_cli_runner()
    create_app({key: app.config[key] for key in keep})


def test_help_is_dutch_by_default(runner):
    result = runner.invoke(args=["users", "create", "--help"])
    assert result.exit_code == 0
    for dutch in ("Gebruik:", "Maak een account.", "Opties:", "[verplicht]", "Toon deze hulp en stop."):
        assert dutch in result.output
    for english in ("Usage:", "Create an account", "Options:", "required", "Show this message"):
        assert english not in result.output


def test_click_errors_are_dutch_too(runner):
    missing = runner.invoke(args=["users", "create", "--email", "a@b.nl"])
    assert missing.exit_code == 2
    assert "Fout: Ontbrekende optie '--name'." in missing.output and "Error" not in missing.output
    wrong = runner.invoke(args=["users", "create", "--email", "a@b.nl", "--name", "A", "--role", "baas"])
    assert "Ongeldige waarde voor '--role': 'baas' is geen van 'coach', 'teamlead', 'admin', 'policy'." in wrong.output


def test_success_messages_are_dutch(runner):
    result = runner.invoke(args=["users", "create", "--email", "b@b.nl", "--name", "B", "--role", "admin",
                                 "--password-stdin"], input="een lange zin als wachtwoord\n")
    assert result.exit_code == 0, result.output
    assert result.output == "Account aangemaakt: b@b.nl, admin\n"


def test_english_when_configured(english):
    help_text = english.invoke(args=["users", "create", "--help"]).output
    assert "Usage:" in help_text and "Create an account." in help_text and "[required]" in help_text
    refused = english.invoke(args=["users", "create", "--email", "a@b.nl", "--name", "A", "--role", "coach"])
    assert refused.output == "Error: Coaches and team leads need a team.\n"

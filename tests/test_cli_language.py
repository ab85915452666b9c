"""The command line speaks one language per run: CLI_LANGUAGE, Dutch unless configured otherwise, down to Click's
own words (usage, errors, help)."""
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from gezinsaanpak import create_app, privacy
from gezinsaanpak.cases import operations as cases
from gezinsaanpak.cases.models import Household
from gezinsaanpak.extensions import db


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


PO = Path(__file__).resolve().parent.parent / "gezinsaanpak" / "translations" / "nl" / "LC_MESSAGES" / "messages.po"
PLACEHOLDER = re.compile(r"%\\\(\w+\\\)[sd]|\\\{\w+(?:!r)?\\\}")


def messages(side: int) -> list[re.Pattern]:
    """Every message of the catalogue in one language (0: English, 1: Dutch) as a pattern that finds it filled in
    anywhere in an output, whatever its line breaks; only those that differ between the languages and have at
    least two words of their own."""
    with open(PO, "rb") as handle:
        catalogue = read_po(handle)
    patterns = []
    for message in catalogue:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for pair in zip(ids, strings, strict=False):
            text = " ".join(pair[side].split())
            if pair[0] == pair[1] or len(re.findall(r"[A-Za-z]{2,}", re.sub(r"%\(\w+\)[sd]|\{\w+\}", "", text))) < 2:
                continue
            patterns.append(re.compile(PLACEHOLDER.sub(".+?", re.escape(text))))
    return patterns


def found(patterns, outputs) -> list[str]:
    text = " ".join(" ".join(output.split()) for output in outputs)
    return [pattern.pattern for pattern in patterns if pattern.search(text)]


COMMANDS = [["check"], ["users", "create"], ["catalogues", "load"], ["translate", "update"], ["translate", "compile"],
            ["export", "monitoring"], ["retention", "apply"], ["demo"], ["backup"], ["restore"], ["benchmark-data"],
            ["plans", "load-descriptors"]]


def run_every_kind_of_command(app, cli, world, household, folder) -> list[str]:
    """Success, progress, refusals and help of the commands an operator runs, around an erasure and a restore."""
    with app.app_context():
        cases.move_stage(world.coach, db.session.get(Household, household.id), "closed", reason="moved_away")
        db.session.commit()
    outputs = [cli.invoke(args=["catalogues", "load"]), cli.invoke(args=["backup", str(folder / "a.backup")]),
               cli.invoke(args=["backup", str(folder / "a.backup")]),
               cli.invoke(args=["backup", str(folder / "nowhere" / "b.backup")])]
    with app.app_context():
        erased = db.session.get(Household, household.id)
        privacy.erase_on_request(world.teamlead, erased, erased.pseudonym)
        db.session.commit()
    period = ["--from", "2020-01-01", "--to", "2030-12-31"]
    outputs += [cli.invoke(args=["restore", "--yes", str(folder / "a.backup")]),
                cli.invoke(args=["restore", "--yes", str(folder / "missing.backup")]),
                cli.invoke(args=["export", "monitoring", str(folder / "m.db"), *period]),
                cli.invoke(args=["export", "monitoring", str(folder / "m.db"), *period]),
                cli.invoke(args=["export", "monitoring", str(folder / "n.db"), "--from", "2026-02-01", "--to",
                                 "2026-01-01"]),
                cli.invoke(args=["retention", "apply", "--dry-run"]),
                cli.invoke(args=["benchmark-data", "--households", "0"]),
                cli.invoke(args=["benchmark-data", "--households", "5"]),
                cli.invoke(args=["check"])]
    outputs += [cli.invoke(args=[*command, "--help"]) for command in COMMANDS]
    for result in outputs:
        assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), result.output
    return [result.output for result in outputs]


def test_every_command_speaks_dutch_by_default(app, runner, world, household, tmp_path):
    outputs = run_every_kind_of_command(app, runner, world, household, tmp_path)
    assert found(messages(0), outputs) == []  # not one English message, filled in or in help
    text = "\n".join(outputs)
    for dutch in ("Back-up geschreven naar", "bestaat al; kies een andere naam of voeg --force toe",
                  "map", "Teruggezet uit", "1 wissing van na de back-up opnieuw uitgevoerd",
                  "tabel reach: ", "Geschreven naar", "--from moet op of vóór --to liggen",
                  "0 huishoudens langer dan 24 maanden",
                  "--households moet minstens 1 zijn",
                  "geen benchmarkgegevens zijn (7 accounts, 2 teams, 1 huishouden)",
                  "OUT overschrijven als het al bestaat.", "Anonimiseer afgesloten huishoudens waarvan",
                  "signaleringslijst: "):
        assert dutch in text, dutch
    for english in ("Usage:", "Error:", "Options:", "rows", "Written"):
        assert english not in text, english


def test_every_command_speaks_english_when_configured(app, english, world, household, tmp_path):
    outputs = run_every_kind_of_command(app, english, world, household, tmp_path)
    assert found(messages(1), outputs) == []  # not one Dutch message
    text = "\n".join(outputs)
    for words in ("Backup written to", "exists; choose another name or add --force", "Restored from",
                  "Re-applied 1 erasure made after the backup", "table reach: ", "Written to",
                  "0 households past 24 months after closing", "--households must be at least 1",
                  "(7 accounts, 2 teams, 1 household)", "Overwrite OUT if it exists.", "signalling checklist: "):
        assert words in text, words

"""`flask translate update` and `compile`: the catalogues in gezinsaanpak/translations, refreshed from the code and
templates. Sorted and without line numbers, so moving code does not rewrite the catalogue and a change shows as the
texts it adds; a catalogue whose content did not change is left alone (Babel would write it again with a new
creation date), so an update without new texts leaves the working tree clean."""
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import click
from flask.cli import AppGroup

from .cli import _l
from .i18n import _

PROJECT = Path(__file__).resolve().parent.parent
TRANSLATIONS = PROJECT / "gezinsaanpak" / "translations"
# Header lines Babel rewrites on every run; a change in them alone is no change.
VOLATILE_HEADERS = ('"POT-Creation-Date:', '"Generated-By:')

translate_cli = AppGroup("translate", help=_l("Extract, update and compile the translation catalogues."))


def _babel(*args):
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "-q", *args], check=True, cwd=PROJECT)


def _content(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith(VOLATILE_HEADERS)]


def _keep_if_unchanged(new: Path, current: Path) -> bool:
    """Put `new` in place of `current` unless they differ only in Babel's volatile headers; True when replaced."""
    if current.exists() and _content(new) == _content(current):
        return False
    shutil.copyfile(new, current)
    return True


def update_catalogues(translations: Path = TRANSLATIONS) -> list[Path]:
    """Extract the texts into messages.pot and merge them into every language's messages.po; returns the files
    that changed."""
    changed = []
    with tempfile.TemporaryDirectory() as tmp:
        pot = Path(tmp) / "messages.pot"
        _babel("extract", "-F", "babel.cfg", "-k", "_l", "--no-location", "--sort-output", "-o", str(pot), ".")
        if _keep_if_unchanged(pot, translations / "messages.pot"):
            changed.append(translations / "messages.pot")
        for po in sorted(translations.glob("*/LC_MESSAGES/messages.po")):
            merged = Path(tmp) / f"{po.parent.parent.name}.po"
            shutil.copyfile(po, merged)
            _babel("update", "--ignore-obsolete", "-i", str(pot), "-l", po.parent.parent.name, "-o", str(merged))
            if _keep_if_unchanged(merged, po):
                changed.append(po)
    return changed


@translate_cli.command("update", help=_l("Extract the texts from code and templates and merge them into the "
                                          "catalogues; unchanged catalogues stay as they are."))
def translate_update():
    changed = update_catalogues()
    for path in changed:
        click.echo(_("Updated %(file)s", file=path.relative_to(PROJECT)))
    if not changed:
        click.echo(_("The catalogues were up to date."))


@translate_cli.command("compile", help=_l("Compile the catalogues into the .mo files the application reads."))
def translate_compile():
    _babel("compile", "-d", str(TRANSLATIONS.relative_to(PROJECT)))
    click.echo(_("Catalogues compiled."))

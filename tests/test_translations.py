"""Dutch is the default language: every text in the code and templates has a Dutch translation."""
import re
import shutil
import subprocess
import sys
from pathlib import Path

from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

PROJECT = Path(__file__).resolve().parent.parent
PO = PROJECT / "gezinsaanpak/translations/nl/LC_MESSAGES/messages.po"
MO = PO.with_suffix(".mo")


def test_every_text_has_a_dutch_translation(tmp_path):
    pot = tmp_path / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "-q", "extract", "-F", "babel.cfg",
                    "-k", "_l", "-o", str(pot), "."], cwd=PROJECT, check=True)
    with open(pot, "rb") as handle:
        wanted = {m.id for m in read_po(handle) if m.id}
    with open(PO, "rb") as handle:
        catalogue = read_po(handle)
    translated = {m.id for m in catalogue if m.id and m.string and "fuzzy" not in m.flags and
                  (all(m.string) if isinstance(m.string, tuple) else True)}
    missing = sorted(str(i) for i in wanted - translated)
    assert not missing, f"run `flask --app gezinsaanpak translate update`, translate, then compile: {missing}"


def _key(value):
    """Plural entries come back as lists from one reader and tuples from the other."""
    return tuple(value) if isinstance(value, (list, tuple)) else value


def test_the_compiled_catalogue_is_up_to_date():
    with open(PO, "rb") as handle:
        source = {_key(m.id): _key(m.string) for m in read_po(handle) if m.id and "fuzzy" not in m.flags}
    with open(MO, "rb") as handle:
        compiled = {_key(m.id): _key(m.string) for m in read_mo(handle) if m.id}
    assert compiled == source, "run `flask --app gezinsaanpak translate compile`"


def test_translate_update_leaves_unchanged_catalogues_alone(tmp_path):
    """Babel stamps a new creation date on every run; without new texts nothing may change in the working tree."""
    from gezinsaanpak.translate import update_catalogues
    translations = tmp_path / "translations"
    shutil.copytree(PROJECT / "gezinsaanpak/translations", translations)
    update_catalogues(translations)  # the copy as the code stands now
    files = [translations / "messages.pot", translations / "nl/LC_MESSAGES/messages.po"]
    for path in files:
        path.write_text(re.sub(r'"POT-Creation-Date: [^"]*"', '"POT-Creation-Date: 2020-01-01 00:00+0000\\\\n"',
                               path.read_text(encoding="utf-8")), encoding="utf-8")
    before = [path.read_bytes() for path in files]
    assert update_catalogues(translations) == []
    assert [path.read_bytes() for path in files] == before

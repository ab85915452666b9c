"""The Dutch interface and the Dutch catalogues use the words of the glossary (docs/glossary.md), never a variant."""
import csv
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

PROJECT = Path(__file__).resolve().parent.parent
GLOSSARY = PROJECT / "docs/glossary.md"
PO = PROJECT / "gezinsaanpak/translations/nl/LC_MESSAGES/messages.po"
# The Dutch columns of the catalogues shipped as data.
DATA = {
    "signals/data/checklist.csv": ("heading_nl", "text_nl"),
    "plans/data/domains.csv": ("pillar_nl", "label_nl"),
    "plans/data/demo_goals.csv": ("goal", "words", "if", "then", "action", "who", "support"),
    "referrals/data/funds.csv": ("provides_nl",),
}


def glossary_rows() -> list[dict]:
    """The rows of the glossary table, by its column names."""
    lines = [line for line in GLOSSARY.read_text(encoding="utf-8").splitlines() if line.startswith("|")]
    header = [cell.strip() for cell in lines[0].strip("|").split("|")]
    return [dict(zip(header, (cell.strip() for cell in line.strip("|").split("|")), strict=True))
            for line in lines[2:]]


def variant_pattern(variant: str) -> re.Pattern:
    """A variant as a whole word, case-insensitive; `*` stands for the rest of a word."""
    words = r"\w*".join(re.escape(part) for part in variant.split("*"))
    return re.compile(rf"(?<!\w){words}(?!\w)", re.IGNORECASE)


def forbidden() -> list[tuple[str, str, re.Pattern]]:
    return [(row["Dutch"], variant, variant_pattern(variant))
            for row in glossary_rows() for variant in re.findall(r"`([^`]+)`", row["Not in Dutch"])]


def dutch_texts():
    """Every Dutch translation and every Dutch catalogue text, with where it comes from."""
    with open(PO, "rb") as handle:
        for message in read_po(handle):
            if message.id:
                strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
                for string in strings:
                    yield f"messages.po: {message.id!r}", string or ""
    for name, columns in DATA.items():
        with open(PROJECT / "gezinsaanpak" / name, encoding="utf-8", newline="") as handle:
            for number, row in enumerate(csv.DictReader(handle), start=2):
                for column in columns:
                    yield f"{name} line {number} {column}", row[column] or ""


def test_the_glossary_names_a_dutch_word_for_every_term_and_variants_for_the_mixed_ones():
    rows = glossary_rows()
    assert all(row["English"] and row["Dutch"] for row in rows)
    dutch = {row["Dutch"] for row in rows}
    assert {"gezinscoach", "regisseur", "schuilnaam", "vertrouwen opbouwen", "contactmoment", "de ergste nood"} <= dutch
    variants = {variant for _word, variant, _pattern in forbidden()}
    assert {"coach", "gezinsondersteuner*", "coördinator*", "pseudoniem*", "aanmeld*", "relatie opbouwen",
            "check-in*", "opvolg*", "hoogste nood"} <= variants


@pytest.mark.parametrize("variant, text, matches", [
    ("coach", "Notitie voor de coach", True),
    ("coach", "Notitie voor de gezinscoach", False),
    ("aanmeld*", "Aanmeldformulier geopend", True),
    ("check-in*", "Geplande check-ins", True),
    ("opvolg*", "Vinger aan de pols", False),
])
def test_a_variant_matches_whole_words(variant, text, matches):
    assert bool(variant_pattern(variant).search(text)) is matches


def test_the_dutch_texts_use_the_glossary_words():
    patterns = forbidden()
    placeholder = re.compile(r"%\(\w+\)\w|\{\w+\}")  # %(coach)s is a name, not a word
    found = [f"{where}: {text!r} uses {variant!r}, say {word!r}"
             for where, text in dutch_texts() for word, variant, pattern in patterns
             if pattern.search(placeholder.sub("", text))]
    assert not found, "\n".join(found)

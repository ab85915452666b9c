"""Table cells parsed once per document print exactly as cells parsed one by one: with repeated texts, a text in
the header and in a row, markup characters, and a cell so long that its row splits over pages."""
import io

import pytest
from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.platypus import Paragraph, SimpleDocTemplate

from gezinsaanpak.pdf import TEXT_WIDTH, Styles, table

LONG = " ".join(["Samen naar de inloop in het buurthuis, en daarna boodschappen doen"] * 120)
ROWS = [["Wat", "Wie", "Afgerond"]] + [
    [f"Stap {n % 3}", "Dani & <Karlijn>" if n % 5 else "Wie", "–" if n % 2 else "nog niet"] for n in range(60)
] + [[LONG, "Dani", "–"]]


def printed(styles) -> bytes:
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4).build([table(ROWS, [TEXT_WIDTH / 2, TEXT_WIDTH / 4, TEXT_WIDTH / 4],
                                                     styles)])
    return out.getvalue()


@pytest.fixture
def invariant():
    """Without the moment of making and a random id in the file, two builds of one document are the same bytes."""
    before, rl_config.invariant = rl_config.invariant, 1
    yield
    rl_config.invariant = before


def test_cells_parsed_once_per_document_print_the_same_as_parsed_each(invariant, monkeypatch):
    shared = Styles()
    once = printed(shared)
    assert len(shared._cells) < 12  # the 184 cells hold a handful of texts
    monkeypatch.setattr(Styles, "cell", lambda self, text, style: Paragraph(text, style))
    each = printed(Styles())
    assert once == each
    assert once.count(b"/Type /Page\n") > 3  # the long row split over pages

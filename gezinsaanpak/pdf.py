"""What every PDF for a family shares: the fonts, the styles, escaping of typed text, tables that wrap and split,
and the footer with "page 2 of 3". The family plan (plans/pdf.py) and the overview of everything we hold
(privacy/pdf.py) are built from these.

Every text typed by a user is escaped before it reaches reportlab's paragraph markup, which would otherwise
interpret tags such as <img src=...> (and read the file it names). What a PDF costs is bounded by what it prints:
each typed text prints at most MAX_LINES lines (runs of empty lines count as one), the rest continues in the
application. A text with thousands of line breaks took minutes of server time and hundreds of pages.
"""
import math
import os
import re
from functools import lru_cache
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import CondPageBreak, Paragraph, Table, TableStyle

from .i18n import _

FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu")
BRAND = colors.HexColor("#0b5394")
LINE = colors.HexColor("#c8c8c8")
MARGINS = {"leftMargin": 18 * mm, "rightMargin": 18 * mm, "topMargin": 16 * mm, "bottomMargin": 18 * mm}
TEXT_WIDTH = A4[0] - 36 * mm


@lru_cache(maxsize=1)
def fonts() -> tuple[str, str]:
    """DejaVu Sans when the system has it (names in any script print); otherwise reportlab's Helvetica."""
    for folder in FONT_DIRS:
        regular, bold = os.path.join(folder, "DejaVuSans.ttf"), os.path.join(folder, "DejaVuSans-Bold.ttf")
        if os.path.exists(regular) and os.path.exists(bold):
            pdfmetrics.registerFont(TTFont("PlanSans", regular))
            pdfmetrics.registerFont(TTFont("PlanSans-Bold", bold))
            pdfmetrics.registerFontFamily("PlanSans", normal="PlanSans", bold="PlanSans-Bold",
                                          italic="PlanSans", boldItalic="PlanSans-Bold")
            return "PlanSans", "PlanSans-Bold"
    return "Helvetica", "Helvetica-Bold"


MAX_LINES = 40  # of one text on paper
LINE_CHARS = 100  # about a line of body text: a text of 4000 characters without line breaks prints whole
BLANK_LINES = re.compile(r"\n(?:[ \t]*\n){2,}")


def esc(text) -> str:
    """Plain text to paragraph markup: tags print as text, line breaks stay, at most MAX_LINES lines."""
    lines = BLANK_LINES.sub("\n\n", str(text).replace("\r\n", "\n").replace("\r", "\n")).split("\n")
    kept, room = [], MAX_LINES
    for line in lines:
        needs = max(1, math.ceil(len(line) / LINE_CHARS))
        if needs > room:
            if room:
                kept.append(line[:room * LINE_CHARS])
            note = escape(_("… continues in the application"))
            return "<br/>".join(escape(k) for k in kept) + f'<br/><font color="#4a4a4a">{note}</font>'
        kept.append(line)
        room -= needs
    return "<br/>".join(escape(k) for k in kept)


class Styles:
    def __init__(self):
        regular, bold = fonts()
        self.body = ParagraphStyle("body", fontName=regular, fontSize=10.5, leading=14, spaceAfter=3)
        self.small = ParagraphStyle("small", parent=self.body, fontSize=9, leading=11.5, spaceAfter=0)
        self.title = ParagraphStyle("title", parent=self.body, fontName=bold, fontSize=20, leading=24,
                                    textColor=BRAND, spaceAfter=6)
        self.h2 = ParagraphStyle("h2", parent=self.body, fontName=bold, fontSize=14, leading=18, textColor=BRAND,
                                 spaceBefore=10, spaceAfter=4)
        self.h3 = ParagraphStyle("h3", parent=self.body, fontName=bold, fontSize=11.5, leading=15, spaceBefore=6)
        self.head = ParagraphStyle("head", parent=self.small, fontName=bold)
        self._cells = {}  # (style, text) -> (text, fragments) of this document's plain table cells

    def cell(self, text: str, style) -> Paragraph:
        """A table cell of plain (escaped) text. A plan repeats many ("–", "not yet", dates, step and domain
        labels) and reportlab parses every paragraph as markup: a cell's text is parsed once per document.
        Only a paragraph of one fragment shares it; splitting such a paragraph copies the fragment, wrapping and
        drawing only read it. Kept for one document, so a family's texts are not kept after it."""
        key = (style.name, text)
        parsed = self._cells.get(key)
        if parsed is None:
            paragraph = Paragraph(text, style)
            if len(paragraph.frags) == 1:
                self._cells[key] = (paragraph.text, paragraph.frags)
            return paragraph
        return Paragraph(parsed[0], style, frags=list(parsed[1]))


def line(label, value, style):
    """A bold label and its value on one paragraph ("Goal: ...")."""
    return Paragraph(f"<b>{esc(label)}</b> {esc(value)}", style)


def table(rows, widths, s):
    """A grid with a header row; every cell a paragraph so long texts wrap, and a row taller than a page splits."""
    cells = [[s.cell(esc(c), s.head) for c in rows[0]]] + [[s.cell(esc(c), s.small) for c in r] for r in rows[1:]]
    grid = Table(cells, colWidths=widths, repeatRows=1, hAlign="LEFT", splitInRow=1)
    grid.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, LINE), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                              ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef3f8"))]))
    return grid


def with_start_of(lead, grid):
    """Lines that introduce a table start a new page unless the table's header and first row fit beneath them on
    this one: never a heading or a lone header row at the foot of a page. A longer table splits as usual and
    repeats its header."""
    needed = sum(flowable.wrap(TEXT_WIDTH, A4[1])[1] + flowable.getSpaceBefore() + flowable.getSpaceAfter()
                 for flowable in lead)
    grid.wrap(TEXT_WIDTH, A4[1])
    return [CondPageBreak(needed + sum(grid._rowHeights[:2]) + 4 * mm), *lead, grid]


def numbered_canvas(footer):
    """A canvas that knows the page count, for "page 2 of 3" in the footer; `footer(page, total)` is its text."""
    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            for state in self._pages:
                self.__dict__.update(state)
                self.setFont(fonts()[0], 8.5)
                self.setFillColor(colors.HexColor("#4a4a4a"))
                self.drawRightString(A4[0] - 18 * mm, 10 * mm, footer(self._pageNumber, len(self._pages)))
                super().showPage()
            super().save()
    return NumberedCanvas

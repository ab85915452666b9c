"""The family plan as a PDF, written for the family: first names, dreams, goals, who does what, agreed help.

Never on it: the household's pseudonym, the coaches' notes on assessments and reviews, anything of
another household. Every text typed by a user is escaped before it reaches reportlab's paragraph
markup, which would otherwise interpret tags such as <img src=...> (and read the file it names).

What a PDF costs is bounded by what it prints: each typed text prints at most MAX_LINES lines (runs of
empty lines count as one), the rest continues in the application. A plan of texts with thousands of line
breaks took minutes of server time and hundreds of pages.
"""
import math
import os
import re
from functools import lru_cache
from io import BytesIO
from xml.sax.saxutils import escape

from babel.lists import format_list
from flask_babel import format_date
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ..i18n import _, force_locale
from ..timeutil import today
from .labels import (
    COLOUR_LABELS,
    GOAL_STATUS_LABELS,
    REFERRAL_PLAN_LABELS,
    STEP_LABELS,
    STRENGTH_KIND_LABELS,
    carried_by,
    domain_label,
)

FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu")
BRAND = colors.HexColor("#0b5394")
LINE = colors.HexColor("#c8c8c8")


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


def _line(label, value, style):
    return Paragraph(f"<b>{esc(label)}</b> {esc(value)}", style)


def _table(rows, widths, s):
    """A grid with a header row; every cell a paragraph so long texts wrap, and a row taller than a page splits."""
    cells = [[Paragraph(esc(c), s.head) for c in rows[0]]] + [[Paragraph(esc(c), s.small) for c in r] for r in rows[1:]]
    table = Table(cells, colWidths=widths, repeatRows=1, hAlign="LEFT", splitInRow=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, LINE), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef3f8"))]))
    return table


TEXT_WIDTH = A4[0] - 36 * mm


def _with_start_of(lead, table):
    """Lines that introduce a table start a new page unless the table's header and first row fit beneath them on
    this one: never a heading or a lone header row at the foot of a page. A longer table splits as usual and
    repeats its header."""
    needed = sum(flowable.wrap(TEXT_WIDTH, A4[1])[1] + flowable.getSpaceBefore() + flowable.getSpaceAfter()
                 for flowable in lead)
    table.wrap(TEXT_WIDTH, A4[1])
    return [CondPageBreak(needed + sum(table._rowHeights[:2]) + 4 * mm), *lead, table]


def _goal(goal, lang, s):
    title = domain_label(goal.domain, lang)
    if goal.status != "active":
        title += f" ({GOAL_STATUS_LABELS[goal.status]})"
    parts = [Paragraph(esc(title), s.h3)]
    if goal.dream:
        parts.append(_line(_("The dream behind it:"), goal.dream, s.body))
    if goal.own_words:
        label = _("In my own words:") if goal.member_id else _("In our own words:")
        parts.append(_line(label, goal.own_words, s.body))
    parts.append(_line(_("Goal:"), goal.description, s.body))
    dates = []
    if goal.target_on:
        dates.append(_("target date %(date)s", date=format_date(goal.target_on)))
    if goal.next_review_on and goal.status in ("active", "adjusted"):
        dates.append(_("next review %(date)s", date=format_date(goal.next_review_on)))
    if dates:
        line = " · ".join(dates)
        parts.append(Paragraph(esc(line[:1].upper() + line[1:]), s.body))  # "Target date 20 Jan 2027": months keep
        # their capital
    if goal.actions:
        rows = [[_("What"), _("Who"), _("By when"), _("Support needed"), _("Done")]]
        rows += [[a.description, carried_by(a), format_date(a.due_on) if a.due_on else "–", a.support_needed or "–",
                  format_date(a.done_on) if a.done_on else _("not yet")] for a in goal.actions]
        parts.append(_table(rows, [52 * mm, 36 * mm, 22 * mm, 42 * mm, 22 * mm], s))
    for obstacle in goal.obstacles:
        parts.append(Paragraph(f"<b>{esc(_('If'))}</b> {esc(obstacle.condition)} <b>{esc(_('then'))}</b> "
                               f"{esc(obstacle.response)}", s.body))
    table = next((i for i, part in enumerate(parts) if isinstance(part, Table)), None)
    if table is None:
        return [KeepTogether(parts[:3]), *parts[3:], Spacer(1, 4)]
    return [*_with_start_of(parts[:table], parts[table]), *parts[table + 1:], Spacer(1, 4)]


def _standing(assessment, lang, s):
    """Where someone stands, in the words of the scale: no notes."""
    rows = [[_("Domain"), _("Where we stand")]]
    for score in sorted(assessment.scores, key=lambda x: x.domain.position):
        level = (f"{score.step} · {STEP_LABELS[score.step]}" if score.step is not None
                 else str(COLOUR_LABELS[score.colour]))
        rows.append([domain_label(score.domain, lang), level])
    return [Paragraph(esc(_("Where we stand (%(date)s)", date=format_date(assessment.assessed_on))), s.body),
            _table(rows, [90 * mm, 60 * mm], s)]


def _strengths(strengths, s):
    """What the family can build on, beside its goals: strengths first, then protective factors."""
    if not strengths:
        return []
    return [Paragraph(esc(_("What we can build on")), s.h3)] + [
        _line(f"{STRENGTH_KIND_LABELS[item.kind]}:", item.text, s.body) for item in strengths]


def _member(row, lang, s):
    member = row.member
    lead = [Paragraph(esc(member.first_name), s.h2)]
    if row.wish:
        label = _("What I wish for:") if member.is_child else _("My dream:")
        lead.append(_line(label, row.wish.words, s.body))
    lead += _strengths(row.strengths, s)
    if row.latest:
        *words, table = _standing(row.latest, lang, s)
        story = _with_start_of(lead + words, table)  # the name stays with what follows it
    else:
        story = [KeepTogether(lead)]
    for goal in row.goals:
        story += _goal(goal, lang, s)
    if not row.goals:
        story.append(Paragraph(esc(_("No goals yet.")), s.body))
    return story


def _referrals(referrals, s):
    rows = [[_("Help from"), _("For"), _("What"), _("Where it stands")]]
    for r in referrals:
        rows.append([r.fund.name if r.fund else r.organisation, r.member.first_name if r.member else _("the family"),
                     r.request, REFERRAL_PLAN_LABELS[r.status]])
    return _with_start_of([Paragraph(esc(_("Help we asked for together")), s.h2)],
                          _table(rows, [50 * mm, 28 * mm, 62 * mm, 34 * mm], s))


def _story(view, lang, name, s):
    household = view.household
    names = format_list([m.member.first_name for m in view.members], locale=lang) if view.members else ""
    story = [Paragraph(esc(_("Our family plan")), s.title),
             Paragraph(esc(name or _("The plan of %(names)s", names=names)), s.h3),
             Paragraph(esc(_("Made on %(date)s with %(coach)s, your coach.", date=format_date(today()),
                             coach=household.coordinator.name)), s.body)]
    if view.support_ends:
        story.append(Paragraph(esc(_("We work on this plan together until %(date)s at the latest.",
                                     date=format_date(view.support_ends))), s.body))
    family = view.family_plan
    if family and family.family_dream:
        story += [Paragraph(esc(_("Our dream as a family")), s.h2), Paragraph(esc(family.family_dream), s.body)]
    if family and family.next_meeting_on:
        when = format_date(family.next_meeting_on, "full")
        story.append(_line(_("Next appointment:"), f"{when} {family.next_meeting_note or ''}".strip(), s.body))
    story += _strengths(view.family_strengths, s)
    story.append(Paragraph(esc(_("Goals for the whole family")), s.h2))
    for goal in view.family_goals:
        story += _goal(goal, lang, s)
    if not view.family_goals:
        story.append(Paragraph(esc(_("No goals yet.")), s.body))
    for row in view.members:
        story += _member(row, lang, s)
    if view.referrals:
        story += _referrals(view.referrals, s)
    return story


def _numbered_canvas(footer):
    """A canvas that knows the page count, for "page 2 of 3" in the footer."""
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


def plan_pdf(view, lang: str, name: str | None = None) -> bytes:
    """The PDF bytes of a household's plan in `lang`; `name` is an optional title the coach typed."""
    buffer = BytesIO()
    with force_locale(lang):
        made_on = format_date(today())
        title = _("Family plan")
        story = _story(view, lang, name, Styles())

        def footer(page, total):
            with force_locale(lang):
                return _("Page %(page)d of %(total)d · %(date)s", page=page, total=total, date=made_on)

        doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=16 * mm,
                                bottomMargin=18 * mm, title=title, author="Gezinsaanpak", subject=title)
        doc.build(story, canvasmaker=_numbered_canvas(footer))
    return buffer.getvalue()

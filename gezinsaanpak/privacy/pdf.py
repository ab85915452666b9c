"""Everything we hold about a household as a PDF for the family: the parts of the readable overview
(privacy/overview.py) on paper, with the household's name, the date of the overview and page numbers. Built from
the shared PDF helpers (gezinsaanpak/pdf.py), like the family plan."""
from io import BytesIO

from flask_babel import format_date
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate

from ..i18n import _, force_locale
from ..pdf import MARGINS, Styles, esc, line, numbered_canvas, table, with_start_of
from .overview import made_on_day, overview


def _entry(entry, s, depth=0) -> list:
    """An entry's title, its facts and then its history, indented one step further per level."""
    indent = 10 * depth
    title = ParagraphStyle(f"entry{depth}", parent=s.body, fontName=s.head.fontName, leftIndent=indent,
                           spaceBefore=4 if depth == 0 else 2, spaceAfter=1)
    fact = ParagraphStyle(f"fact{depth}", parent=s.small, leftIndent=indent + 8, spaceAfter=1)
    story = [Paragraph(esc(entry.title), title)]
    story += [line(f"{label.rstrip('.')}:", value, fact) for label, value in entry.facts]  # "... op koers.:"
    for child in entry.children:
        story += _entry(child, s, depth + 1)
    return story


def _kept(lead, flowables):
    """The lead (a heading) with an entry's title and first lines on one page: never a title alone at its foot."""
    return [KeepTogether([*lead, *flowables[:4]]), *flowables[4:]]


def _part(part, s):
    heading = Paragraph(esc(part.title), s.h2)
    if part.columns and part.rows:
        return with_start_of([heading], table([part.columns, *part.rows], [34 * mm, 38 * mm, 76 * mm, 26 * mm], s))
    if not part.count:
        return [KeepTogether([heading, Paragraph(esc(part.empty), s.small)])]
    story = _kept([heading], _entry(part.entries[0], s))
    for entry in part.entries[1:]:
        story += _kept([], _entry(entry, s))
    return story


def overview_pdf(data: dict, name: str, lang: str) -> bytes:
    """The PDF bytes of an export made by `export_household`, in `lang`; `name` is the household's."""
    buffer = BytesIO()
    with force_locale(lang):
        s = Styles()
        made_on = format_date(made_on_day(data))
        title = _("Everything we hold about this household")
        story = [Paragraph(esc(title), s.title), Paragraph(esc(name), s.h3),
                 Paragraph(esc(_("Overview for the family (right of access, art. 15 AVG), made on %(date)s.",
                                 date=made_on)), s.body)]
        for part in overview(data):
            story += _part(part, s)

        short = name if len(name) <= 50 else name[:49] + "…"

        def footer(page, total):
            with force_locale(lang):
                return _("%(name)s · page %(page)d of %(total)d · %(date)s", name=short, page=page, total=total,
                         date=made_on)

        doc = SimpleDocTemplate(buffer, pagesize=A4, title=title, author="Gezinsaanpak", subject=title, **MARGINS)
        doc.build(story, canvasmaker=numbered_canvas(footer))
    return buffer.getvalue()

"""Small bar charts drawn on the server as inline SVG, beside the tables that hold their numbers.

No script and no style attribute (the CSP allows neither): the shapes carry classes that static/style.css colours
with the theme's custom properties. Each chart is one image to assistive technology (role="img", named by its
<title>); the table beside it stays the accessible source of the numbers. Every bar says its number in words, in the
reader's language; a marker (the national ambition) is a dashed line named in the row's text and in a legend, so
nothing is told by colour alone. A figure that is not there (a target group of unknown size, a group too small to
show) draws no bar: the row says why instead.
"""
from dataclasses import dataclass

from markupsafe import Markup, escape

from ..i18n import _, number, percent
from .labels import INCOME_GROUP_LABELS

WIDTH = 680
ROW = 60  # a row: its label on one line, the bar below
BAR = 22
PLOT = 400  # the length of a bar at the top of the scale, in a plain bar chart
HALF = 150  # the length of a bar at 100% on either side of the middle, in a change chart
FONT = 16


@dataclass(frozen=True)
class Bar:
    """One row of a bar chart: `value` on the chart's scale (a share: 1 is 100%), None for no figure."""
    label: str
    value: float | None
    text: str  # what the row says beside the bar, with its numbers
    marker: float | None = None  # a value marked on the row, such as the ambition
    suppressed: bool = False  # a group too small to show: nothing is drawn


@dataclass(frozen=True)
class Change:
    """One row of a change chart: the shares that went down (drawn to the left) and up (to the right)."""
    label: str
    worse: float | None
    better: float | None
    worse_text: str
    better_text: str
    note: str | None = None  # said instead of the bars when the group is too small to show


def _svg(name: str, title: str, height: int, body: list[str]) -> Markup:
    head = (f'<svg class="chart" id="{escape(name)}" role="img" aria-labelledby="{escape(name)}-title" '
            f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" xmlns="http://www.w3.org/2000/svg">'
            f'<title id="{escape(name)}-title">{escape(title)}</title>')
    return Markup(head + "".join(body) + "</svg>")


def _text(x, y, text, css, anchor="start") -> str:
    return f'<text class="{css}" x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}">{escape(text)}</text>'


def _rect(x, y, width, css) -> str:
    return f'<rect class="{css}" x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{BAR}"></rect>'


def _empty(name: str, title: str) -> Markup:
    return _svg(name, title, ROW, [_text(0, FONT + 4, _("No figures to show yet."), "chart-note")])


def bar_chart(name: str, title: str, bars: list[Bar], top: float = 1.0, marker_label: str | None = None) -> Markup:
    """Horizontal bars, one row each, on a scale from 0 to `top` (100%) or to the largest value or marker above it:
    a share over 100% gets a longer bar, not a clipped one. A row's marker is a dashed line, named in the legend."""
    if not bars:
        return _empty(name, title)
    scale = max([top, *(b.value for b in bars if b.value is not None and not b.suppressed),
                 *(b.marker for b in bars if b.marker is not None)])
    body = []
    for i, bar in enumerate(bars):
        y = i * ROW
        body.append(_text(0, y + FONT + 2, bar.label, "chart-label"))
        bar_y = y + FONT + 10
        if bar.value is not None and not bar.suppressed:  # no figure, no track: an empty track would read as 0
            body.append(_rect(0, bar_y, PLOT, "chart-track"))
            if bar.value > 0:
                body.append(_rect(0, bar_y, PLOT * bar.value / scale, "chart-bar"))
        if bar.marker is not None and not bar.suppressed:
            x = PLOT * bar.marker / scale
            body.append(f'<line class="chart-marker" x1="{x:.1f}" y1="{bar_y - 4:.1f}" x2="{x:.1f}" '
                        f'y2="{bar_y + BAR + 4:.1f}"></line>')
        body.append(_text(PLOT + 8, bar_y + BAR - 5, bar.text, "chart-value" if not bar.suppressed else "chart-note"))
    height = len(bars) * ROW + 8
    if scale > top:  # where 100% is, when a share went past it
        x = PLOT * top / scale
        body.append(f'<line class="chart-axis" x1="{x:.1f}" y1="{FONT + 6}" x2="{x:.1f}" y2="{height - 8}"></line>')
        body.append(_text(x, height + FONT, percent(top), "chart-note", "middle"))
        height += FONT + 6
    if marker_label and any(b.marker is not None for b in bars):
        y = height + 4
        body.append(f'<line class="chart-marker" x1="3" y1="{y:.1f}" x2="3" y2="{y + FONT + 4:.1f}"></line>')
        body.append(_text(14, y + FONT, marker_label, "chart-note"))
        height += FONT + 12
    return _svg(name, title, height, body)


def change_chart(name: str, title: str, rows: list[Change]) -> Markup:
    """Per row, the share that went down as a bar to the left of the middle line and the share that went up to the
    right, each with its number; the rest stayed the same. A row with a note (a group too small to show) draws
    nothing and says the note."""
    if not rows:
        return _empty(name, title)
    middle = WIDTH / 2
    body = []
    for i, row in enumerate(rows):
        y = i * ROW
        body.append(_text(0, y + FONT + 2, row.label, "chart-label"))
        bar_y = y + FONT + 10
        if row.note is not None:
            body.append(_text(middle, bar_y + BAR - 5, row.note, "chart-note", "middle"))
            continue
        worse, better = HALF * (row.worse or 0), HALF * (row.better or 0)
        if worse > 0:
            body.append(_rect(middle - worse, bar_y, worse, "chart-bar worse"))
        if better > 0:
            body.append(_rect(middle, bar_y, better, "chart-bar"))
        body.append(_text(middle - worse - 8, bar_y + BAR - 5, row.worse_text, "chart-value", "end"))
        body.append(_text(middle + better + 8, bar_y + BAR - 5, row.better_text, "chart-value"))
    height = len(rows) * ROW + 8
    body.append(f'<line class="chart-axis" x1="{middle}" y1="{FONT + 6}" x2="{middle}" y2="{height - 4}"></line>')
    return _svg(name, title, height, body)


def share_text(part: int, whole: int) -> str:
    """"2 of 8 (25%)", in the reader's language."""
    return _("%(part)s of %(whole)s (%(share)s)", part=number(part), whole=number(whole), share=percent(part / whole))


def reach_chart(rows, with_targets: bool) -> Markup:
    """The reach table as bars. For an area: per target group with an ambition, the share of the group reached
    against the ambition (no bar where the group's size is unknown). For a team, which has no target group: the
    share of its children in support that a provision in kind reached, per income group."""
    if with_targets:
        bars = [Bar(str(INCOME_GROUP_LABELS[r.income_group]), r.share,
                    (share_text(r.reached, r.target_group) if r.share is not None else _("size of the target group "
                                                                                         "not known"))
                    + " · " + _("ambition %(share)s", share=percent(r.ambition)), marker=r.ambition)
                for r in rows if r.ambition]
        return bar_chart("reach-chart", _("Share of each target group reached with a provision in kind, against the "
                                          "national ambition (dashed line)"), bars,
                         marker_label=_("national ambition"))
    bars = [Bar(str(INCOME_GROUP_LABELS[r.income_group]), r.reached / r.children if r.children else None,
                share_text(r.reached, r.children) if r.children else _("no children in support"))
            for r in rows]
    return bar_chart("reach-chart", _("Share of the children in support reached with a provision in kind, by income "
                                      "group"), bars)


def change_rows(groups, went_up, went_down, label, minimum: int) -> list[Change]:
    """Change rows from the outcome groups of one scale: `went_up(part)` and `went_down(part)` say which parts of a
    group moved which way; a group too small to show gets a note instead of bars."""
    rows = []
    for group in groups:
        if group.suppressed:
            rows.append(Change(label(group), None, None, "", "",
                               note=_("fewer than %(n)d households: not shown", n=minimum)))
            continue
        up = sum(n for part, n in group.parts.items() if went_up(part))
        down = sum(n for part, n in group.parts.items() if went_down(part))
        total = group.total
        rows.append(Change(label(group), down / total if total else 0, up / total if total else 0,
                           _("%(n)s worse (%(share)s)", n=number(down), share=percent(down / total if total else 0)),
                           _("%(n)s better (%(share)s)", n=number(up), share=percent(up / total if total else 0))))
    return rows

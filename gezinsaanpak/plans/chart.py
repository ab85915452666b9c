"""Geometry of the small progress chart on the member page: first and latest assessment per domain.

The SVG itself is drawn by a template (plans/_chart.html) with presentation attributes only, because
the content security policy allows no inline styles; the same figures are in a table beside it.
"""
from dataclasses import dataclass

from .assessments import Comparison, level_of
from .labels import domain_label
from .models import COLOURS

LABEL_WIDTH = 220
SCALE_WIDTH = 320
ROW_HEIGHT = 30
TOP = 34
FILL = {"red": "#b00020", "orange": "#c45f00", "green": "#1d6b2f", None: "#0b5394"}
FIRST_STROKE = "#6b6b6b"


@dataclass
class ChartRow:
    label: str
    y: int
    first_x: int | None
    latest_x: int | None
    first_fill: str
    latest_fill: str


@dataclass
class Chart:
    rows: list
    ticks: list  # (x, text)
    width: int
    height: int


def _x(level: int, levels: int) -> int:
    return LABEL_WIDTH + round((level - 1) * SCALE_WIDTH / (levels - 1))


def build_chart(comparisons: list[Comparison], scale: str, tick_labels: dict) -> Chart:
    """Steps 1-5 for the Bridge; red, orange, green for the Child Bridge (left is more concern)."""
    levels = 5 if scale == "bridge" else 3
    keys = list(range(1, 6)) if scale == "bridge" else list(COLOURS)
    ticks = [(_x(i + 1, levels), str(tick_labels[key])) for i, key in enumerate(keys)]
    rows = []
    for index, row in enumerate(comparisons):
        y = TOP + index * ROW_HEIGHT + ROW_HEIGHT // 2
        first_x = _x(level_of(row.first), levels) if row.first else None
        latest_x = _x(level_of(row.latest), levels) if row.latest else None
        rows.append(ChartRow(domain_label(row.domain), y, first_x, latest_x,
                             FILL[row.first.colour if row.first else None],
                             FILL[row.latest.colour if row.latest else None]))
    return Chart(rows, ticks, LABEL_WIDTH + SCALE_WIDTH + 30, TOP + len(rows) * ROW_HEIGHT + 34)

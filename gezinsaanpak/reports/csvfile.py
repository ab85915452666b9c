"""The one CSV writer for downloads: semicolon-separated with a byte-order mark, so Dutch spreadsheet programs
open it as-is, and every text cell safe to open.

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is a formula to a spreadsheet
(`=HYPERLINK(...)` in a pseudonym would be a live link, `+cmd|...` a command). Such text gets a leading
single quote, as OWASP advises, so it shows as typed; numbers the application writes stay numbers, fractions with
the decimal sign of the reader's language (a decimal comma in Dutch).
"""
import csv
import io
from decimal import Decimal

from flask import Response

from ..i18n import spreadsheet_number
from ..timeutil import today

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """Text that a spreadsheet would run as a formula, as text; a fraction in the reader's language; anything else
    unchanged."""
    if isinstance(value, float | Decimal):
        return spreadsheet_number(value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_response(name: str, header: list, rows) -> Response:
    """A download named `<name>-<date>.csv` with a header row and the rows."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    for row in [header, *rows]:
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    return Response("\ufeff" + out.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{name}-{today().isoformat()}.csv"'})

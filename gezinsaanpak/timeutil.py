"""One notion of "now" and one date format, so tests and pages agree."""
from datetime import UTC, date, datetime


def utcnow() -> datetime:
    """Naive UTC timestamp: what every `*_at` column holds, on SQLite and PostgreSQL alike."""
    return datetime.now(UTC).replace(tzinfo=None)


def today() -> date:
    return date.today()


def age_on(born: date, on: date) -> int:
    """Age in whole years on a given day."""
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def months_between(start: date, end: date) -> int:
    """Whole months from start to end (a support period is counted in months)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day:
        months -= 1
    return max(months, 0)

"""One notion of "now" and one date format, so tests and pages agree."""
from calendar import monthrange
from datetime import UTC, date, datetime


def _clock() -> datetime:
    """The current instant, aware: `utcnow` and `today` both read it, so a test that sets it moves both."""
    return datetime.now(UTC)


def utcnow() -> datetime:
    """Naive UTC timestamp: what every `*_at` column holds, on SQLite and PostgreSQL alike."""
    return _clock().replace(tzinfo=None)


def today() -> date:
    """Today's date where the server is (the municipality's day, not UTC's): the one place to read it."""
    return date.fromtimestamp(_clock().timestamp())  # local time, as astimezone() gives, at half the cost


def age_on(born: date, on: date) -> int:
    """Age in whole years on a given day."""
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def months_between(start: date, end: date) -> int:
    """Whole months from start to end (a support period is counted in months)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day:
        months -= 1
    return max(months, 0)


def add_months(day: date, months: int) -> date:
    """The same day some months later (or earlier, for a negative number), or the month's last day when it is
    shorter: support periods, renewals and retention all count in calendar months this way."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))

"""One state machine with history, for a household's stages, a signal's states and a referral's statuses.

Each declares its allowed moves and labels once; every move is checked the same way (allowed from where the
record is now, dated today or earlier and not before the previous step) and leaves a dated history row that the
area builds from its own table.
"""
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask_babel import format_date

from .errors import InvalidInput
from .i18n import _
from .timeutil import today


@dataclass(frozen=True)
class StateMachine:
    attribute: str                       # the record's state column ("stage", "state", "status")
    moves: Mapping[str, tuple[str, ...]]  # where each state may go
    labels: Mapping[str, Any]            # the states as a coach reads them
    refusal: Any                         # lazy text with %(now)s and %(to)s: why a move is not allowed
    to_field: str = "to_state"           # the form fields an operation's refusal is shown beside
    date_field: str = "changed_on"

    def next(self, record) -> tuple[str, ...]:
        return self.moves.get(getattr(record, self.attribute), ())

    def check(self, record, to: str, on: date, since: date | None, allowed: tuple[str, ...] | None = None) -> None:
        """Refuse a move that is not allowed from the record's state, or dated in the future or before `since`
        (the date of the previous step)."""
        now = getattr(record, self.attribute)
        if to not in (self.next(record) if allowed is None else allowed):
            raise InvalidInput(str(self.refusal) % {"now": self.labels.get(now, now), "to": self.labels.get(to, to)},
                               self.to_field)
        if on is None or on > today():
            raise InvalidInput(_("The date cannot be in the future."), self.date_field)
        if since is not None and on < since:
            raise InvalidInput(_("The date cannot be before the previous step (%(date)s).", date=format_date(since)),
                               self.date_field)

    def move(self, record, to: str, on: date, since: date | None, history: Callable[[str, str], Any],
             allowed: tuple[str, ...] | None = None):
        """Check the move, build its history row with `history(from_state, to_state)`, then change the state.
        The caller adds the row to its table and sets what else the move changes (dates, reasons)."""
        self.check(record, to, on, since, allowed)
        change = history(getattr(record, self.attribute), to)
        setattr(record, self.attribute, to)
        return change

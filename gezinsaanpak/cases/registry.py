"""Where the other areas plug into a household: its page sections, its timeline, the due list and audit labels.

`cases` owns the household but not what signals, plans and referrals record about it. Each area describes its
parts in a `parts.py` of its own and hands them over at start-up (`create_app` calls every area's `register`);
the household view, the timeline and the due list ask `household_parts()`, so `cases` imports none of them.
"""
from collections import namedtuple
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flask import current_app

from ..i18n import _l


@dataclass(frozen=True)
class Section:
    """A section of the household page: `load(household)` runs in the view, before rendering, and its result
    is `data` in `template` (templates do not query)."""
    name: str
    template: str
    load: Callable[[Any], Any]
    order: int


@dataclass(frozen=True)
class TimelineSource:
    """One kind of timeline entry. `select(hid)` returns a select of labelled columns: `on` (a date or time),
    `id`, and the fields `describe` reads by name from a row of its own type (`row.note`, `row.minutes`)."""
    name: str                       # unique per source ("coordinator")
    kind: str                       # what a coach filters on ("stage"); several sources may share one
    select: Callable[[Any], Any]
    describe: Callable[[Any, str], Any]   # (typed row, language) -> timeline.Entry


@dataclass(frozen=True)
class DueItem:
    due_on: date
    household: Any
    subject: str
    kind: str


@dataclass
class Parts:
    """Everything the areas contributed; one instance per application."""
    sections: list[Section] = field(default_factory=list)
    timeline: list[TimelineSource] = field(default_factory=list)
    timeline_kinds: dict[str, Any] = field(default_factory=dict)
    due: list[Callable[[Any, date], list[DueItem]]] = field(default_factory=list)
    upcoming: list[Callable[[Any], list[DueItem]]] = field(default_factory=list)
    domain_needs: list[Callable[[Any], dict]] = field(default_factory=list)
    closing: list[Callable[[Any], list]] = field(default_factory=list)
    closing_checks: list[Callable[[Any, str], str | None]] = field(default_factory=list)
    consent_withdrawn: list[Callable[[Any, Any, date], None]] = field(default_factory=list)
    audit_labels: dict[str, Any] = field(default_factory=dict)
    cache: dict = field(default_factory=dict)  # statements built once from the parts (see timeline.py)

    def add_section(self, section: Section) -> None:
        self.sections.append(section)
        self.sections.sort(key=lambda s: s.order)

    def add_timeline(self, source: TimelineSource, kind_label=None) -> None:
        self.timeline.append(source)
        if kind_label is not None:
            self.timeline_kinds[source.kind] = kind_label
        self.cache.clear()

    def add_due(self, source: Callable[[Any, date], list[DueItem]]) -> None:
        """`source(user, until)`: the area's items due up to `until` in the households `user` works on."""
        self.due.append(source)

    def add_upcoming(self, source: Callable[[Any], list[DueItem]]) -> None:
        """`source(household)`: the area's next dated items for one household (a goal review, a follow-up), for
        the "next" line at the top of the household page."""
        self.upcoming.append(source)

    def add_domain_needs(self, source: Callable[[Any], dict]) -> None:
        """`source(household)`: {member id or None: {domain code: count}}, where goals may be needed."""
        self.domain_needs.append(source)

    def add_closing(self, summary: Callable[[Any], list], check: Callable[[Any, str], str | None]) -> None:
        """`summary(household)`: [(what, its state)] the closing form shows, such as the goals and their status;
        `check(household, reason)`: why closing for that reason is refused, or None."""
        self.closing.append(summary)
        self.closing_checks.append(check)

    def add_consent_withdrawn(self, stop: Callable[[Any, Any, date], None]) -> None:
        """`stop(actor, household, on)`: what the area stops from day `on` when the family withdraws its consent to
        registration (sharing with the network); it records and audits that itself."""
        self.consent_withdrawn.append(stop)

    def add_audit_labels(self, labels: Mapping[str, Any]) -> None:
        clash = set(labels) & set(self.audit_labels)
        if clash:
            raise ValueError(f"audit actions labelled twice: {sorted(clash)}")
        self.audit_labels.update(labels)

    def audit_label(self, code: str):
        """A recorded action as a team lead reads it; a refused look at a record (`<table>.view`) is named as such,
        an unknown code is shown as it is."""
        if code in self.audit_labels:
            return self.audit_labels[code]
        if code.endswith(".view"):
            return _l("Looked at a record")
        return code


def install(app, registrars) -> Parts:
    """Collect every area's parts for `app`: `registrars` are the areas' `register(parts)` functions."""
    parts = Parts()
    for register in registrars:
        register(parts)
    app.extensions["household_parts"] = parts
    return parts


def household_parts() -> Parts:
    return current_app.extensions["household_parts"]


def row_type(source: TimelineSource, names: tuple[str, ...]):
    """The typed row a source's `describe` receives: a named tuple of its own fields."""
    return namedtuple(f"{source.name.title().replace('_', '')}Row", names)

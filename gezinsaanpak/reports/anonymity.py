"""k-anonymous aggregate tables: generalise step by step, then leave out what is still rare.

A table is built from records, one per thing counted (a household, a goal, a referral), each with the household it
belongs to and the facts of its key. `levels` turn those facts into the published columns, finest first: the first
level may show a quarter and a team, later ones a year, no team, and so on; the last usually shows nothing but "*".
Each record is published at the finest level where its group holds at least k households; groups found at a coarser
level only hold the records that were too rare before (a "*" means: not shown at this level). A group with the same
columns as one already published joins it. What is rare even at the coarsest level is left out and counted.

So every published row stands for at least k households, on every combination of its columns; no row holds an id,
and every record is counted in at most one row of its table, so no small group can be found by subtracting rows.
"""
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

ANY = "*"


@dataclass
class Record:
    household: int
    facts: dict
    counts: dict = field(default_factory=dict)


@dataclass
class Published:
    rows: list[dict]
    suppressed_records: int
    suppressed_households: int

    @property
    def k(self) -> int | None:
        """The smallest number of households behind a published row: the table's k."""
        return min((row["households"] for row in self.rows), default=None)


def anonymise(records: Iterable[Record], levels: list[Callable[[dict], dict]], k: int,
              counts: tuple[str, ...] = ()) -> Published:
    """Rows of at least k households each, from the finest level that allows it; the rest suppressed."""
    published: dict[tuple, list[Record]] = {}
    remaining = list(records)
    for level in levels:
        groups = defaultdict(list)
        for record in remaining:
            groups[tuple(level(record.facts).items())].append(record)
        remaining = []
        for key, members in groups.items():
            if key in published:
                published[key].extend(members)
            elif len({record.household for record in members}) >= k:
                published[key] = members
            else:
                remaining.extend(members)
    rows = []
    for key, members in published.items():
        row = {**dict(key), "households": len({record.household for record in members})}
        for name in counts:
            row[name] = sum(record.counts.get(name, 0) for record in members)
        rows.append(row)
    rows.sort(key=lambda row: tuple(str(value) for value in row.values()))
    return Published(rows, len(remaining), len({record.household for record in remaining}))


def steps(first: dict[str, Callable], *changes: dict[str, Callable]) -> list[Callable[[dict], dict]]:
    """Levels as a first view of the facts and then changes that each take effect from then on: each change
    replaces how one or more columns are shown."""
    levels, view = [], dict(first)
    for change in ({}, *changes):
        view = {**view, **change}
        levels.append(lambda facts, view=view: {column: show(facts) for column, show in view.items()})
    return levels


def hidden(_facts) -> str:
    return ANY

"""Optimistic locking: two coaches open the same record, both save; the second is told, sees both versions,
and the first change survives.

Versioned records carry a `version` column declared as SQLAlchemy's `version_id_col`: it is raised on every
update and checked in the UPDATE's WHERE clause, so a race between two requests is caught too. Forms carry the
version they were loaded with.
"""


class EditConflict(Exception):
    """The record changed since the form was loaded; `record` holds what is saved now."""

    def __init__(self, record):
        super().__init__("edit conflict")
        self.record = record


def check_version(record, submitted) -> None:
    """Refuse a change made on a stale copy. Every page sends the version it showed; a post without one (a
    script) is checked only by the version column at save time."""
    if submitted not in (None, "") and str(submitted) != str(record.version):
        raise EditConflict(record)

"""Optimistic locking: two coaches open the same record, both save; the second is told, sees both versions,
and the first change survives.

Versioned records carry a `version` column declared as SQLAlchemy's `version_id_col`: it is raised on every
update and checked in the UPDATE's WHERE clause, so a race between two requests is caught too. Forms carry the
version they were loaded with.
"""


from .errors import EditConflict


def check_version(record, submitted) -> None:
    """Refuse a change made on a stale copy. Every page sends the version it showed; a post without one (a
    script) is checked only by the version column at save time."""
    if submitted not in (None, "") and str(submitted) != str(record.version):
        raise EditConflict(record)

"""Optimistic locking: two coaches open the same record, both save; the second is told, sees both versions,
and the first change survives.

Every record a coach edits carries a `version` column declared as SQLAlchemy's `version_id_col`: it is raised on
every update and checked in the UPDATE's WHERE clause, so a race between two requests is caught too. Forms carry
the version they were loaded with; a save that does not say which version it changes is refused like a stale one.
Step forms (a referral's next status, a goal review, a handover) carry the version of the record they change too:
two coaches acting on the same old page do not both take their step.
"""
from .errors import EditConflict
from .i18n import _


def version_of(record) -> int:
    """The version a form carries: 0 for a record not saved yet (a family plan or a wish before its first save)."""
    return 0 if record is None else record.version


def check_version(record, submitted) -> None:
    """Refuse a change made on a stale copy, or one without a version (a page from before an update, a script):
    the user is shown what is saved now and saves again knowingly. `record` is None when none is saved yet."""
    if submitted in (None, "") or str(submitted) != str(version_of(record)):
        raise EditConflict(record)


def stale_step_message() -> str:
    """A step taken from a page opened before someone else changed the record (its status, its review, its
    coordinator): the step is not taken, since it was chosen for a state that is gone."""
    return _("Someone else changed this after you opened the page. Nothing was saved: check what is saved now and "
             "choose again.")

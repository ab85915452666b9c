"""What a goal or a referral said before it was changed, and who changed it: old and new value per field.

This is family data, kept with the household (the privacy export includes it, anonymising blanks it), not in
the audit trail, which holds only ids and actions. Values are stored as text: dates in ISO form, amounts as
cents, codes as codes; each area's page turns them back into what a coach reads.
"""
from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, select
from sqlalchemy.orm import Mapped, mapped_column

from .auth.models import User
from .extensions import db
from .timeutil import utcnow

RECORD_TYPES = ("goal", "referral")


class FieldChange(db.Model):
    """One field of one record, changed from an old to a new value."""
    __tablename__ = "field_changes"
    __table_args__ = (
        CheckConstraint("record_type IN ('goal', 'referral')", name="record_type"),
        Index("ix_field_changes_household_record", "household_id", "record_type", "record_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("households.id"))
    record_type: Mapped[str] = mapped_column(String(20))
    record_id: Mapped[int]
    field: Mapped[str] = mapped_column(String(40))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)

    def __repr__(self):
        return f"<FieldChange {self.record_type} {self.record_id} {self.field}>"


def as_text(value) -> str | None:
    """How a value is stored: dates in ISO form, amounts in cents as digits, nothing as NULL."""
    if value is None:
        return None
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


def as_date(text: str | None) -> date | None:
    """A stored ISO date back as a date, for the |dateformat filter (template filter `isodate`)."""
    return date.fromisoformat(text) if text else None


def record_changes(actor, household, record_type: str, obj, old: dict, new: dict) -> list[FieldChange]:
    """One row per field whose value differs between `old` and `new`; nothing when nothing changed."""
    if record_type not in RECORD_TYPES:
        raise ValueError(f"no change history for {record_type!r}")
    changes = [FieldChange(household_id=household.id, record_type=record_type, record_id=obj.id, field=field,
                           old_value=as_text(old.get(field)), new_value=as_text(value), by_id=actor.id)
               for field, value in new.items() if as_text(old.get(field)) != as_text(value)]
    db.session.add_all(changes)
    return changes


def changes_of(record_type: str, record_id: int, household_id: int | None = None) -> list[tuple[FieldChange, str]]:
    """A record's changes, newest first, each with the name of who made it (one query).

    Pages pass the household they show: the lookup then follows the household's index, and stays in it."""
    query = (select(FieldChange, User.name).join(User, User.id == FieldChange.by_id)
             .where(FieldChange.record_type == record_type, FieldChange.record_id == record_id)
             .order_by(FieldChange.changed_at.desc(), FieldChange.id.desc()))
    if household_id is not None:
        query = query.where(FieldChange.household_id == household_id)
    return [tuple(row) for row in db.session.execute(query)]

"""Checklist items and recorded signals.

A signal can be wrong (the guide warns that signals may have other causes), so it carries a state
whose every change is kept.
"""
from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..auth.models import User
from ..cases.models import Household, Member, _in
from ..extensions import db
from ..kept import Kept, Reference
from ..timeutil import utcnow

GROUPS = ("children", "youth_18plus", "parents", "home_visit")
KINDS = ("risk", "signal")
STATES = ("observed", "discussed", "confirmed", "not_applicable")


class ChecklistItem(db.Model):
    __tablename__ = "checklist_items"
    __table_args__ = (
        CheckConstraint(_in("group_code", GROUPS), name="group_code"),
        CheckConstraint(_in("kind", KINDS), name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(60), unique=True)
    group_code: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(10))
    heading_nl: Mapped[str] = mapped_column(String(200))
    heading_en: Mapped[str] = mapped_column(String(200))
    text_nl: Mapped[str] = mapped_column(Text)
    text_en: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(default=0)
    is_local: Mapped[bool] = mapped_column(default=False)
    retired_at: Mapped[datetime | None]

    def __repr__(self):
        return f"<ChecklistItem {self.code}>"


# The checklist as every request of a process reads it (see kept.py), in checklist order, retired items included.
CHECKLIST = Kept(ChecklistItem, order_by=(ChecklistItem.position, ChecklistItem.id))


class Signal(db.Model):
    """An item observed for a household, or for one member of it."""
    __tablename__ = "signals"
    __table_args__ = (
        CheckConstraint(_in("state", STATES), name="state"),
        Index("ix_signals_household_state", "household_id", "state"),
    )

    # Optimistic locking: raised on every update, checked in the UPDATE (see gezinsaanpak/locking.py).
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("households.id"))
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("checklist_items.id"), index=True)
    state: Mapped[str] = mapped_column(String(20), default="observed")
    observed_on: Mapped[date]
    note: Mapped[str | None] = mapped_column(Text)
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    household: Mapped[Household] = relationship()
    member: Mapped[Member | None] = relationship()
    item = Reference(CHECKLIST, "item_id")
    changes: Mapped[list["SignalChange"]] = relationship(order_by="SignalChange.id")


class SignalChange(db.Model):
    __tablename__ = "signal_changes"
    __table_args__ = (
        CheckConstraint(_in("to_state", STATES), name="to_state"),
        CheckConstraint(f"from_state IS NULL OR {_in('from_state', STATES)}", name="from_state"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    signal_id: Mapped[int] = mapped_column(ForeignKey("signals.id"), index=True)
    from_state: Mapped[str | None] = mapped_column(String(20))
    to_state: Mapped[str] = mapped_column(String(20))
    changed_on: Mapped[date]
    by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    by: Mapped[User] = relationship()

"""Sizes of the target groups a municipality enters, so reach can be set against the national ambitions."""
from datetime import datetime

from sqlalchemy import CheckConstraint, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..cases.models import INCOME_SITUATIONS, _in
from ..extensions import db
from ..timeutil import utcnow


class ReachTarget(db.Model):
    """How many children a target group holds in a year (for example from the CBS or the municipality's
    own income data); neighbourhood "" means the whole municipality."""
    __tablename__ = "reach_targets"
    __table_args__ = (
        UniqueConstraint("year", "income_situation", "neighbourhood", name="uq_reach_targets_group"),
        CheckConstraint(_in("income_situation", INCOME_SITUATIONS), name="income_situation"),
        CheckConstraint("children >= 0", name="children"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int]
    income_situation: Mapped[str] = mapped_column(String(20))
    neighbourhood: Mapped[str] = mapped_column(String(120), default="")
    children: Mapped[int]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

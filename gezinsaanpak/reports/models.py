"""Sizes of the target groups a municipality enters, so reach can be set against the national ambitions."""
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..cases.models import Neighbourhood, _in
from ..extensions import db
from ..timeutil import utcnow

# The income groups of the national ambition (social assistance; working parents on a low income, the self-employed
# included), and families on another benefit, for which a municipality may also know the size.
INCOME_GROUPS = ("social_assistance", "working", "other_benefit")


class TargetGroup(db.Model):
    """How many children under 18 an income group holds in a year (from the CBS or the municipality's own income
    data), for the whole municipality (no neighbourhood, no district), a district, or a neighbourhood of the list."""
    __tablename__ = "target_groups"
    __table_args__ = (
        UniqueConstraint("year", "income_group", "neighbourhood_id", name="uq_target_groups_neighbourhood"),
        UniqueConstraint("year", "income_group", "district", name="uq_target_groups_district"),
        Index("uq_target_groups_municipality", "year", "income_group", unique=True,
              sqlite_where=text("neighbourhood_id IS NULL AND district IS NULL"),
              postgresql_where=text("neighbourhood_id IS NULL AND district IS NULL")),
        CheckConstraint(_in("income_group", INCOME_GROUPS), name="income_group"),
        CheckConstraint("neighbourhood_id IS NULL OR district IS NULL", name="one_scope"),
        CheckConstraint("children >= 0", name="children"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int]
    income_group: Mapped[str] = mapped_column(String(20))
    neighbourhood_id: Mapped[int | None] = mapped_column(ForeignKey("neighbourhoods.id"))
    district: Mapped[str | None] = mapped_column(String(120))
    children: Mapped[int]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    neighbourhood: Mapped[Neighbourhood | None] = relationship()

"""Funds and referrals. A referral's status changes are kept, so follow-up can be seen."""
from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..auth.models import User
from ..cases.models import Household, Member, _in
from ..extensions import db
from ..kept import Kept, Reference
from ..timeutil import utcnow

APPLICANTS = ("parents", "intermediaries", "recognised_intermediaries", "professionals", "school")
REFERRAL_STATUSES = ("to_apply", "applied", "granted", "rejected", "delivered", "withdrawn")
OPEN_STATUSES = ("to_apply", "applied", "granted")
APPLIED_BY = ("coach", "family")
PARTICIPATION = ("unknown", "takes_part", "not_taking_part")


class FundFacts:
    """What a fund record and the kept copy of it both answer."""

    @property
    def applicant_list(self) -> list[str]:
        return [a for a in (self.applicants or "").split(";") if a]


class Fund(FundFacts, db.Model):
    __tablename__ = "funds"
    __table_args__ = (
        CheckConstraint("min_age IS NULL OR max_age IS NULL OR min_age <= max_age", name="age_range"),
        CheckConstraint("lead_time_days IS NULL OR lead_time_days >= 0", name="lead_time"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(160))
    provides_nl: Mapped[str] = mapped_column(Text)
    provides_en: Mapped[str] = mapped_column(Text)
    min_age: Mapped[int | None]
    max_age: Mapped[int | None]  # inclusive: the guide's "4 tot 18 jaar" is stored as 4 and 17
    applicants: Mapped[str] = mapped_column(String(120), default="")  # semicolon-separated APPLICANTS
    lead_time_days: Mapped[int | None]
    website: Mapped[str | None] = mapped_column(String(300))
    is_sam: Mapped[bool] = mapped_column(default=False)
    is_yearly: Mapped[bool] = mapped_column(default=False)  # the municipality renews its grants yearly (a setting)
    is_local: Mapped[bool] = mapped_column(default=False)
    retired_at: Mapped[datetime | None]
    edited_at: Mapped[datetime | None]  # an administrator changed it; the catalogue file no longer overwrites it

    def __repr__(self):
        return f"<Fund {self.code}>"


# The fund catalogue as every request of a process reads it (see kept.py): by name, retired funds included.
FUNDS = Kept(Fund, order_by=(Fund.name, Fund.id), facts=FundFacts)


class Referral(db.Model):
    """A request to a fund (or a local organisation) for a member or the whole household."""
    __tablename__ = "referrals"
    __table_args__ = (
        CheckConstraint(_in("status", REFERRAL_STATUSES), name="status"),
        CheckConstraint(_in("applied_by", APPLIED_BY), name="applied_by"),
        CheckConstraint(_in("participation", PARTICIPATION), name="participation"),
        CheckConstraint("fund_id IS NOT NULL OR organisation IS NOT NULL", name="fund_or_organisation"),
        CheckConstraint("amount_cents IS NULL OR amount_cents >= 0", name="amount"),
        Index("ix_referrals_household_status", "household_id", "status"),
        # A household's referrals with what they were for, without reading the table: the team lead's
        # "provisions delivered" then costs the team's referrals, not the municipality's, on PostgreSQL too.
        Index("ix_referrals_household_target", "household_id", "fund_id", postgresql_include=["id", "organisation"]),
        Index("ix_referrals_follow_up", "follow_up_on"),
    )

    # Optimistic locking: raised on every update, checked in the UPDATE (see gezinsaanpak/locking.py).
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("households.id"))
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"), index=True)
    fund_id: Mapped[int | None] = mapped_column(ForeignKey("funds.id"), index=True)
    organisation: Mapped[str | None] = mapped_column(String(160))
    request: Mapped[str] = mapped_column(Text)
    amount_cents: Mapped[int | None]
    applied_by: Mapped[str] = mapped_column(String(10), default="coach")
    status: Mapped[str] = mapped_column(String(20), default="to_apply")
    status_on: Mapped[date]
    follow_up_on: Mapped[date | None]
    decision_expected_on: Mapped[date | None]
    participation: Mapped[str] = mapped_column(String(20), default="unknown")
    participation_checked_on: Mapped[date | None]
    renewal_due_on: Mapped[date | None]  # a delivered yearly grant lapses; ask again before it does
    renewal_of_id: Mapped[int | None] = mapped_column(ForeignKey("referrals.id"), index=True)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    household: Mapped[Household] = relationship()
    member: Mapped[Member | None] = relationship()
    fund = Reference(FUNDS, "fund_id")
    changes: Mapped[list["ReferralChange"]] = relationship(order_by="ReferralChange.id")
    renewal_of: Mapped["Referral | None"] = relationship(remote_side=[id])

    @property
    def target(self) -> str:
        fund = self.fund
        return fund.name if fund else self.organisation

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def renewal_planned(self) -> bool:
        """A delivered grant with a renewal date, from a fund the municipality (still) renews yearly."""
        return (self.status == "delivered" and self.renewal_due_on is not None and self.fund is not None
                and self.fund.is_yearly)


class ReferralChange(db.Model):
    __tablename__ = "referral_changes"
    __table_args__ = (
        CheckConstraint(_in("to_status", REFERRAL_STATUSES), name="to_status"),
        CheckConstraint(f"from_status IS NULL OR {_in('from_status', REFERRAL_STATUSES)}", name="from_status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    referral_id: Mapped[int] = mapped_column(ForeignKey("referrals.id"), index=True)
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    changed_on: Mapped[date]
    by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    by: Mapped[User] = relationship()

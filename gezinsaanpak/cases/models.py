"""Households and what belongs to them.

A household starts as a pseudonymous contact track (no personal data) and becomes a registered
household once the family consents. It always has exactly one coordinator: a column that cannot be
empty, with the history of handovers beside it.
"""
from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..auth.models import Team, User
from ..extensions import db
from ..timeutil import utcnow

PHASES = ("contact", "registered")
STAGES = ("trust_building", "registered", "plan", "carrying_out", "follow_up", "aftercare", "closed")
SOURCES = ("school", "gp", "work_income", "food_bank", "outreach", "other")
INCOME_SITUATIONS = ("social_assistance", "working", "self_employed", "other_benefit", "unknown")
MEMBER_ROLES = ("parent", "child", "other_adult")
CONTACT_KINDS = ("home_visit", "phone", "network_meeting", "other")
CLOSE_REASONS = ("goals_reached", "family_stopped", "consent_refused", "moved_away", "specialised_care", "other")


def _in(column: str, values) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Neighbourhood(db.Model):
    """An entry of the municipality's list of neighbourhoods, kept by the administrator; coaches choose from it.

    A reference to the list is a category, not personal data. Entries the migration made from text coaches had typed
    are `to_review` until the administrator accepts, maps or removes them: their text may say anything."""
    __tablename__ = "neighbourhoods"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    cbs_code: Mapped[str | None] = mapped_column(String(10))  # CBS wijk (WK......) or buurt (BU........) code
    district: Mapped[str | None] = mapped_column(String(120))
    to_review: Mapped[bool] = mapped_column(default=False)
    retired_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    def __repr__(self):
        return f"<Neighbourhood {self.name!r}>"

    @property
    def is_listed(self) -> bool:
        """Offered to coaches: accepted by the administrator and not retired."""
        return not self.to_review and self.retired_at is None


class Household(db.Model):
    __tablename__ = "households"
    __table_args__ = (
        CheckConstraint(_in("phase", PHASES), name="phase"),
        CheckConstraint(_in("stage", STAGES), name="stage"),
        CheckConstraint(_in("source", SOURCES), name="source"),
        CheckConstraint(f"income_situation IS NULL OR {_in('income_situation', INCOME_SITUATIONS)}",
                        name="income_situation"),
        # A contact track is only ever trust building or closed; a registered household never is trust building.
        CheckConstraint("(phase = 'contact' AND stage IN ('trust_building', 'closed') AND registered_on IS NULL)"
                        " OR (phase = 'registered' AND stage <> 'trust_building' AND registered_on IS NOT NULL)",
                        name="phase_stage"),
        CheckConstraint("(stage = 'closed') = (closed_on IS NOT NULL AND close_reason IS NOT NULL)",
                        name="closed_has_reason"),
        CheckConstraint(f"close_reason IS NULL OR {_in('close_reason', CLOSE_REASONS)}", name="close_reason"),
        Index("ix_households_team_stage", "team_id", "stage"),
    )

    # Optimistic locking: raised on every update, checked in the UPDATE (see gezinsaanpak/locking.py).
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}

    id: Mapped[int] = mapped_column(primary_key=True)
    pseudonym: Mapped[str] = mapped_column(String(120))
    phase: Mapped[str] = mapped_column(String(20), default="contact")
    stage: Mapped[str] = mapped_column(String(20), default="trust_building")
    stage_since: Mapped[date]
    source: Mapped[str] = mapped_column(String(20), default="other")
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"))
    coordinator_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    income_situation: Mapped[str | None] = mapped_column(String(20))
    neighbourhood_id: Mapped[int | None] = mapped_column(ForeignKey("neighbourhoods.id"), index=True)
    opened_on: Mapped[date]
    reopened_on: Mapped[date | None]  # the last reopening: a new support period starts there
    registered_on: Mapped[date | None]
    closed_on: Mapped[date | None]
    close_reason: Mapped[str | None] = mapped_column(String(20))
    is_demo: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    anonymised_at: Mapped[datetime | None]  # erased (retention or the family's request): see privacy.anonymise

    team: Mapped[Team] = relationship()
    coordinator: Mapped[User] = relationship(foreign_keys=[coordinator_id])
    neighbourhood: Mapped[Neighbourhood | None] = relationship()
    members: Mapped[list["Member"]] = relationship(back_populates="household", order_by="Member.id")
    consents: Mapped[list["Consent"]] = relationship(order_by="Consent.given_on")
    coordinator_history: Mapped[list["CoordinatorAssignment"]] = relationship(
        order_by="CoordinatorAssignment.started_at")
    workers: Mapped[list["HouseholdWorker"]] = relationship(cascade="all, delete-orphan")
    transitions: Mapped[list["StageTransition"]] = relationship(order_by="StageTransition.id")
    contacts: Mapped[list["Contact"]] = relationship(order_by="Contact.contact_on.desc()")
    check_ins: Mapped[list["CheckIn"]] = relationship(order_by="CheckIn.due_on")
    extensions: Mapped[list["SupportExtension"]] = relationship(order_by="SupportExtension.id")
    closing_requests: Mapped[list["ClosingRequest"]] = relationship(order_by="ClosingRequest.id")

    def __repr__(self):
        return f"<Household {self.id} {self.pseudonym!r} {self.stage}>"

    @property
    def is_registered(self):
        return self.phase == "registered"

    @property
    def has_consent(self):
        """Registered with the family's consent, and that consent not withdrawn: what sharing the family's needs
        with a fund or organisation requires."""
        return self.is_registered and any(consent.withdrawn_on is None for consent in self.consents)

    @property
    def withdrawn_consent(self) -> "Consent | None":
        """The consent the family withdrew, when none is in force now: what the household page warns about."""
        if not self.is_registered or self.has_consent or not self.consents:
            return None
        return max(self.consents, key=lambda c: (c.withdrawn_on or date.min, c.id))

    @property
    def is_closed(self):
        return self.stage == "closed"

    @property
    def closing_request(self) -> "ClosingRequest | None":
        """The newest request to close while the household is open: waiting for the team lead, or sent back."""
        if self.is_closed or not self.closing_requests:
            return None
        latest = self.closing_requests[-1]
        return None if latest.approved else latest

    @property
    def support_started_on(self) -> date:
        """The support period starts at the first contact, trust building included (seed 000 line ~2897: no
        intake first); a reopened household starts a new period."""
        return self.reopened_on or self.opened_on

    @property
    def is_anonymised(self):
        """Erased (retention or the family's request); whatever pseudonym the coach chose says nothing about it."""
        return self.anonymised_at is not None


class Member(db.Model):
    """A person in a registered household. Only registered households have members."""
    __tablename__ = "members"
    __table_args__ = (CheckConstraint(_in("role", MEMBER_ROLES), name="role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("households.id"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    first_name: Mapped[str] = mapped_column(String(80))
    date_of_birth: Mapped[date]
    school: Mapped[str | None] = mapped_column(String(120))
    left_on: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    household: Mapped[Household] = relationship(back_populates="members")

    def __repr__(self):
        return f"<Member {self.first_name} {self.role}>"

    @property
    def is_child(self):
        return self.role == "child"


class Consent(db.Model):
    """The family's consent to be registered: when, what it covers, who recorded it; and its withdrawal, with the
    day, who recorded it and an optional note (cases/consent.py)."""
    __tablename__ = "consents"

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("households.id"), index=True)
    given_on: Mapped[date]
    scope: Mapped[str] = mapped_column(Text)
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    withdrawn_on: Mapped[date | None]
    withdrawn_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    withdrawal_note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    recorded_by: Mapped[User] = relationship(foreign_keys=[recorded_by_id])
    withdrawn_by: Mapped[User | None] = relationship(foreign_keys=[withdrawn_by_id])


class CoordinatorAssignment(db.Model):
    """Who coordinated a household when. At most one open assignment per household."""
    __tablename__ = "coordinator_assignments"
    __table_args__ = (
        Index("uq_coordinator_assignments_open", "household_id", unique=True,
              sqlite_where=text("ended_at IS NULL"), postgresql_where=text("ended_at IS NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("households.id"), index=True)
    coach_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    ended_at: Mapped[datetime | None]
    by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    note: Mapped[str | None] = mapped_column(Text)

    coach: Mapped[User] = relationship(foreign_keys=[coach_id])
    by: Mapped[User] = relationship(foreign_keys=[by_id])


class HouseholdWorker(db.Model):
    """A co-worker: another coach who has access to a household besides its coordinator."""
    __tablename__ = "household_workers"
    __table_args__ = (UniqueConstraint("household_id", "user_id", name="uq_household_workers_household_user"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("households.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    added_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    added_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship(foreign_keys=[user_id], lazy="joined")  # the page names every co-worker


class StageTransition(db.Model):
    __tablename__ = "stage_transitions"
    __table_args__ = (
        CheckConstraint(_in("to_stage", STAGES), name="to_stage"),
        CheckConstraint(f"from_stage IS NULL OR {_in('from_stage', STAGES)}", name="from_stage"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("households.id"), index=True)
    from_stage: Mapped[str | None] = mapped_column(String(20))
    to_stage: Mapped[str] = mapped_column(String(20))
    moved_on: Mapped[date]
    by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    reason: Mapped[str | None] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(Text)
    # On closing (003 lines 922-931): who the family can turn to from now on, and how the line stays open.
    turn_to: Mapped[str | None] = mapped_column(Text)
    aftercare: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    by: Mapped[User] = relationship()


class Contact(db.Model):
    """A home visit, call or meeting; in the contact phase under the pseudonym only."""
    __tablename__ = "contacts"
    __table_args__ = (
        CheckConstraint(_in("kind", CONTACT_KINDS), name="kind"),
        CheckConstraint("duration_minutes IS NULL OR (duration_minutes >= 0 AND duration_minutes <= 1440)",
                        name="duration"),
        Index("ix_contacts_household_date", "household_id", "contact_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("households.id"))
    kind: Mapped[str] = mapped_column(String(20))
    contact_on: Mapped[date]
    duration_minutes: Mapped[int | None]
    note: Mapped[str | None] = mapped_column(Text)
    by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    by: Mapped[User] = relationship()


class CheckIn(db.Model):
    """A planned "how did it go with ...?" moment in follow-up or aftercare."""
    __tablename__ = "check_ins"
    __table_args__ = (Index("ix_check_ins_due", "household_id", "due_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("households.id"))
    due_on: Mapped[date]
    subject: Mapped[str] = mapped_column(String(200))
    done_on: Mapped[date | None]
    by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class SupportExtension(db.Model):
    """Support past the usual period: asked with a reason, agreed or declined by the team lead of the team. It
    belongs to the period that started on `period_started_on`; a reopened household starts a new one."""
    __tablename__ = "support_extensions"

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("households.id"), index=True)
    period_started_on: Mapped[date]
    until_on: Mapped[date]
    explanation: Mapped[str] = mapped_column(Text)  # why the family needs longer ("reason" is a code column)
    requested_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    requested_on: Mapped[date]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_on: Mapped[date | None]
    agreed: Mapped[bool | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    requested_by: Mapped[User] = relationship(foreign_keys=[requested_by_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])

    @property
    def is_pending(self) -> bool:
        return self.decided_on is None


class ClosingRequest(db.Model):
    """A coach's request to close a household, where the municipality has closing signed off by the team lead
    (CLOSING_NEEDS_TEAM_LEAD): what the closing form asks, and the team lead's answer. Approved, the household
    closes with the team lead in its stage history; sent back, it stays where it was and the coach reads why."""
    __tablename__ = "closing_requests"
    __table_args__ = (CheckConstraint(_in("close_reason", CLOSE_REASONS), name="close_reason"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("households.id"), index=True)
    close_reason: Mapped[str] = mapped_column(String(20))
    closes_on: Mapped[date]                          # the day of closing the coach chose
    note: Mapped[str | None] = mapped_column(Text)
    turn_to: Mapped[str | None] = mapped_column(Text)
    aftercare: Mapped[str | None] = mapped_column(Text)
    requested_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    requested_on: Mapped[date]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_on: Mapped[date | None]
    approved: Mapped[bool | None]
    returned_note: Mapped[str | None] = mapped_column(Text)  # why the team lead sent it back
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    requested_by: Mapped[User] = relationship(foreign_keys=[requested_by_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])

    @property
    def is_pending(self) -> bool:
        return self.decided_on is None

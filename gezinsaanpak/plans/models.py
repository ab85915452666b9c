"""Domains (data), assessments and goals.

Adults are assessed on Bridge sub-domains with a step from 1 (crisis) to 5 (self-sufficient); children
on the Child Bridge benchmarks of their age band, a colour per benchmark, from which each domain's colour
follows. Goals sit on a domain, for one member or for the family as a whole.
"""
import re
from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy import false as sa_false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..auth.models import User
from ..cases.models import Household, Member, _in
from ..extensions import db
from ..kept import Kept, Reference
from ..network.models import Partner
from ..timeutil import utcnow

SCALES = ("bridge", "child_bridge", "family")
AGE_BANDS = ("by_5", "by_11", "by_18")
COLOURS = ("red", "orange", "green")  # from most to least concern: a move to the right is progress
GOAL_STATUSES = ("active", "achieved", "adjusted", "stopped")
STRENGTH_KINDS = ("strength", "protective_factor")
# Why a child's goal holds no words of the child's own: the guide leaves that to the situation and the age (003
# lines ~821-824), so not asking can be the right choice, and is recorded as one.
OWN_WORDS_SKIPPED = ("protect_child", "too_young", "child_declined", "not_able")


class Domain(db.Model):
    """A Bridge sub-domain, a Child Bridge domain or a family-wide theme."""
    __tablename__ = "domains"
    __table_args__ = (CheckConstraint(_in("scale", SCALES), name="scale"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(60), unique=True)
    scale: Mapped[str] = mapped_column(String(20))
    pillar_code: Mapped[str] = mapped_column(String(60))
    pillar_nl: Mapped[str] = mapped_column(String(120))
    pillar_en: Mapped[str] = mapped_column(String(120))
    label_nl: Mapped[str] = mapped_column(String(120))
    label_en: Mapped[str] = mapped_column(String(120))
    position: Mapped[int] = mapped_column(default=0)
    retired_at: Mapped[datetime | None]

    def __repr__(self):
        return f"<Domain {self.code}>"


# The domain catalogue as every request of a process reads it (see kept.py); scores, goals and benchmarks reach
# their domain through it.
DOMAINS = Kept(Domain, order_by=(Domain.position, Domain.id))


class DomainDescriptor(db.Model):
    """An organisation's licensed descriptor text for one Bridge step (the Child Bridge is scored per benchmark;
    rows loaded for it by earlier versions are no longer shown)."""
    __tablename__ = "domain_descriptors"
    __table_args__ = (
        UniqueConstraint("domain_id", "level", "age_band", "language", name="uq_domain_descriptors_level"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    domain_id: Mapped[int] = mapped_column(ForeignKey("domains.id"))
    level: Mapped[str] = mapped_column(String(10))
    age_band: Mapped[str] = mapped_column(String(10), default="")
    language: Mapped[str] = mapped_column(String(5))
    text: Mapped[str] = mapped_column(Text)


class Benchmark(db.Model):
    """One benchmark of the Child Bridge: what a child in an age band is expected to do or have in a domain."""
    __tablename__ = "benchmarks"
    __table_args__ = (CheckConstraint(_in("age_band", AGE_BANDS), name="age_band"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(80), unique=True)
    domain_id: Mapped[int] = mapped_column(ForeignKey("domains.id"), index=True)
    age_band: Mapped[str] = mapped_column(String(10))
    text_nl: Mapped[str] = mapped_column(Text)
    text_en: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(default=0)
    retired_at: Mapped[datetime | None]

    domain = Reference(DOMAINS, "domain_id")


class Assessment(db.Model):
    __tablename__ = "assessments"
    __table_args__ = (
        CheckConstraint("scale IN ('bridge', 'child_bridge')", name="scale"),
        CheckConstraint(f"(scale = 'bridge' AND age_band IS NULL) OR "
                        f"(scale = 'child_bridge' AND {_in('age_band', AGE_BANDS)})", name="age_band"),
        Index("ix_assessments_member_date", "member_id", "assessed_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("households.id"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    scale: Mapped[str] = mapped_column(String(20))
    age_band: Mapped[str | None] = mapped_column(String(10))
    assessed_on: Mapped[date]
    by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    member: Mapped[Member] = relationship()
    scores: Mapped[list["AssessmentScore"]] = relationship(back_populates="assessment",
                                                           cascade="all, delete-orphan")
    benchmark_scores: Mapped[list["BenchmarkScore"]] = relationship(back_populates="assessment",
                                                                    cascade="all, delete-orphan")


class AssessmentScore(db.Model):
    """A step (1-5) for a Bridge sub-domain, or a colour for a Child Bridge domain.

    A Child Bridge domain's colour follows from its benchmarks (`from_benchmarks`); assessments recorded before
    the benchmarks were scored one colour per domain and keep it as domain-level history."""
    __tablename__ = "assessment_scores"
    __table_args__ = (
        UniqueConstraint("assessment_id", "domain_id", name="uq_assessment_scores_domain"),
        CheckConstraint(f"(step BETWEEN 1 AND 5 AND colour IS NULL) OR "
                        f"(step IS NULL AND {_in('colour', sorted(COLOURS))})", name="step_or_colour"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id"))
    domain_id: Mapped[int] = mapped_column(ForeignKey("domains.id"), index=True)
    step: Mapped[int | None]
    colour: Mapped[str | None] = mapped_column(String(10))
    note: Mapped[str | None] = mapped_column(Text)
    from_benchmarks: Mapped[bool] = mapped_column(default=False, server_default=sa_false())

    assessment: Mapped[Assessment] = relationship(back_populates="scores")
    domain = Reference(DOMAINS, "domain_id")


class BenchmarkScore(db.Model):
    """The colour a coach gave one Child Bridge benchmark in an assessment."""
    __tablename__ = "benchmark_scores"
    __table_args__ = (
        UniqueConstraint("assessment_id", "benchmark_id", name="uq_benchmark_scores_benchmark"),
        CheckConstraint(_in("colour", sorted(COLOURS)), name="colour"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id"), index=True)
    benchmark_id: Mapped[int] = mapped_column(ForeignKey("benchmarks.id"), index=True)
    colour: Mapped[str] = mapped_column(String(10))

    assessment: Mapped[Assessment] = relationship(back_populates="benchmark_scores")
    benchmark: Mapped[Benchmark] = relationship()


class Goal(db.Model):
    """A goal of one member (member set) or of the family as a whole (member empty)."""
    __tablename__ = "goals"
    __table_args__ = (
        CheckConstraint(_in("status", GOAL_STATUSES), name="status"),
        CheckConstraint(f"own_words_skipped IS NULL OR {_in('own_words_skipped', OWN_WORDS_SKIPPED)}",
                        name="own_words_skipped"),
        Index("ix_goals_household_status", "household_id", "status"),
    )

    # Optimistic locking: raised on every update, checked in the UPDATE (see gezinsaanpak/locking.py).
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("households.id"))
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"), index=True)
    domain_id: Mapped[int] = mapped_column(ForeignKey("domains.id"), index=True)
    dream: Mapped[str | None] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text)
    own_words: Mapped[str | None] = mapped_column(Text)
    own_words_skipped: Mapped[str | None] = mapped_column(String(20))  # why a child's own words are not there
    target_on: Mapped[date | None]
    next_review_on: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(20), default="active")
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    household: Mapped[Household] = relationship()
    member: Mapped[Member | None] = relationship()
    domain = Reference(DOMAINS, "domain_id")
    actions: Mapped[list["Action"]] = relationship(order_by="Action.id", cascade="all, delete-orphan",
                                                   back_populates="goal")
    obstacles: Mapped[list["Obstacle"]] = relationship(order_by="Obstacle.id", cascade="all, delete-orphan",
                                                       back_populates="goal")
    reviews: Mapped[list["GoalReview"]] = relationship(order_by="GoalReview.id")


class Action(db.Model):
    """Who does what, by when, with what support. Who: a member of the family, the coach or someone else by name
    (`who`), or someone from the household's network (`partner`; `who` then keeps the name it had)."""
    __tablename__ = "actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("goals.id"), index=True)
    description: Mapped[str] = mapped_column(Text)
    who: Mapped[str] = mapped_column(String(120))
    partner_id: Mapped[int | None] = mapped_column(ForeignKey("network_partners.id"), index=True)
    due_on: Mapped[date | None]
    support_needed: Mapped[str | None] = mapped_column(Text)
    done_on: Mapped[date | None]

    goal: Mapped[Goal] = relationship(back_populates="actions")
    partner: Mapped[Partner | None] = relationship()

    @property
    def household_id(self):
        """Actions belong to a household through their goal (for `get_in_household_or_404`)."""
        return self.goal.household_id


_IF_WORDS = r"(?:als|if|wanneer|when)"
_THEN_WORDS = r"(?:dan|then)"
_ELLIPSIS = r"(?:…|\.\.\.)"


def if_clause(text: str) -> str:
    """What could happen, without the "if" and "then" the page prints around it ("Als de brief komt, dan" ->
    "de brief komt"): families and coaches often write the whole sentence."""
    text = re.sub(rf"^\s*{_ELLIPSIS}?\s*{_IF_WORDS}\b[\s,]*", "", text or "", flags=re.IGNORECASE)
    text = re.sub(rf"[\s,]*(?:\b{_THEN_WORDS})?[\s,]*{_ELLIPSIS}?[\s,]*$", "", text, flags=re.IGNORECASE)
    return text.strip()


def then_clause(text: str) -> str:
    """What the family will do, without a leading "… then" ("… dan bel ik" -> "bel ik")."""
    text = re.sub(rf"^\s*{_ELLIPSIS}?[\s,]*(?:{_THEN_WORDS}\b)?[\s,]*", "", text or "", flags=re.IGNORECASE)
    return re.sub(rf"\s*{_ELLIPSIS}\s*$", "", text).strip()


class Obstacle(db.Model):
    """An obstacle thought through in advance, with its if-then plan: printed as "If <obstacle> then <plan>"."""
    __tablename__ = "obstacles"

    id: Mapped[int] = mapped_column(primary_key=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("goals.id"), index=True)
    obstacle: Mapped[str] = mapped_column(Text)
    if_then_plan: Mapped[str] = mapped_column(Text)

    goal: Mapped[Goal] = relationship(back_populates="obstacles")

    @property
    def household_id(self):
        return self.goal.household_id

    @property
    def condition(self) -> str:
        """The obstacle as it follows "If" (also for plans saved before the words were taken off)."""
        return if_clause(self.obstacle) or self.obstacle

    @property
    def response(self) -> str:
        """The plan as it follows "then"."""
        return then_clause(self.if_then_plan) or self.if_then_plan


class GoalReview(db.Model):
    __tablename__ = "goal_reviews"
    __table_args__ = (CheckConstraint(_in("status", GOAL_STATUSES), name="status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("goals.id"), index=True)
    reviewed_on: Mapped[date]
    status: Mapped[str] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(Text)
    by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    by: Mapped[User] = relationship()


class FamilyPlan(db.Model):
    """What the plan holds for the household as a whole: the family's dream and the next appointment."""
    __tablename__ = "family_plans"

    # Optimistic locking: raised on every update, checked in the UPDATE (see gezinsaanpak/locking.py).
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("households.id"), unique=True)
    family_dream: Mapped[str | None] = mapped_column(Text)
    next_meeting_on: Mapped[date | None]
    next_meeting_note: Mapped[str | None] = mapped_column(String(200))
    updated_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class MemberWish(db.Model):
    """A member's dream or, for a child, their own wishes: in their own words, one current text per member."""
    __tablename__ = "member_wishes"

    version: Mapped[int] = mapped_column(default=1, server_default="1")  # optimistic locking, as on the plan
    __mapper_args__ = {"version_id_col": version}

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("households.id"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), unique=True)
    words: Mapped[str] = mapped_column(Text)
    updated_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    member: Mapped[Member] = relationship()


class Strength(db.Model):
    """What the family can build on: a strength (carrying capacity) or a protective factor such as a supportive
    network, self-insight or a stable relationship (003 lines 902-905), of one member or of the family as a whole."""
    __tablename__ = "strengths"
    __table_args__ = (CheckConstraint(_in("kind", STRENGTH_KINDS), name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("households.id"), index=True)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    member: Mapped[Member | None] = relationship()

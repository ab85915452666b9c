"""The people and organisations around a household, what the family agreed may be shared with each, and the
routes that run through them: a warm handover to another organisation and the debt-help route.

The coordinator is the contact for every professional involved (the guide: "één huishouden, één plan, één
regisseur"); these tables say who those are, so a plan can name them and nothing is shared without consent."""
from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..auth.models import User
from ..cases.models import Household, _in
from ..extensions import db
from ..timeutil import utcnow

PARTNER_KINDS = ("school", "gp", "housing_corporation", "debt_counselling", "neighbourhood_team", "youth_care",
                 "foundation", "volunteer", "experience_expert", "family_friends", "other")
HANDOVER_STATUSES = ("planned", "meeting_held", "taken_over", "stopped")
DEBT_ROUTES = ("self_help", "online_volunteer", "local_volunteer", "budget_buddy", "debt_counselling")
DEBT_STATUSES = ("registered", "intake", "in_programme", "finished", "stopped")


class Partner(db.Model):
    """Someone in the family's network: a professional, an organisation, a volunteer or someone close to them."""
    __tablename__ = "network_partners"
    __table_args__ = (CheckConstraint(_in("kind", PARTNER_KINDS), name="kind"),)
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("households.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    name: Mapped[str] = mapped_column(String(120))            # a person or an organisation
    organisation: Mapped[str | None] = mapped_column(String(160))
    relation: Mapped[str | None] = mapped_column(Text)         # "mentor of Sam", "aunt, picks the children up"
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(160))
    added_on: Mapped[date]
    ended_on: Mapped[date | None]                              # no longer involved; kept for the history
    added_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    household: Mapped[Household] = relationship()
    consents: Mapped[list["PartnerConsent"]] = relationship(order_by="PartnerConsent.id", back_populates="partner")

    @property
    def is_active(self) -> bool:
        return self.ended_on is None

    @property
    def consent(self) -> "PartnerConsent | None":
        """The consent in force: the newest one not withdrawn."""
        current = [c for c in self.consents if c.withdrawn_on is None]
        return current[-1] if current else None


class PartnerConsent(db.Model):
    """What the family agreed may be shared with one partner, when, and who asked; withdrawable at any time."""
    __tablename__ = "partner_consents"

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("households.id"), index=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("network_partners.id"), index=True)
    given_on: Mapped[date]
    given_by: Mapped[str] = mapped_column(Text)                # who of the family agreed ("both parents", "Sam (15)")
    scope: Mapped[str] = mapped_column(Text)                   # what may be shared
    asked_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    withdrawn_on: Mapped[date | None]
    withdrawn_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    partner: Mapped[Partner] = relationship(back_populates="consents")
    asked_by: Mapped[User] = relationship(foreign_keys=[asked_by_id])


class WarmHandover(db.Model):
    """Handing the family over to another organisation in person: what was shared under which consent, the joint
    meeting, and the receiver's confirmation that they took over."""
    __tablename__ = "warm_handovers"
    __table_args__ = (CheckConstraint(_in("status", HANDOVER_STATUSES), name="status"),)
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("households.id"), index=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("network_partners.id"), index=True)
    consent_id: Mapped[int] = mapped_column(ForeignKey("partner_consents.id"))
    purpose: Mapped[str] = mapped_column(Text)                 # what the receiver takes over
    shared: Mapped[str] = mapped_column(Text)                  # what was passed on
    status: Mapped[str] = mapped_column(String(20), default="planned")
    status_on: Mapped[date]
    meeting_on: Mapped[date | None]
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    partner: Mapped[Partner] = relationship()
    consent: Mapped[PartnerConsent] = relationship()


class DebtHelp(db.Model):
    """A household's route through debt help, from being registered to finished: the team lead keeps the
    children of these families in view (families in debt counselling are a group the national approach names)."""
    __tablename__ = "debt_help"
    __table_args__ = (CheckConstraint(_in("status", DEBT_STATUSES), name="status"),
                      CheckConstraint(_in("route", DEBT_ROUTES), name="route"))
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("households.id"), index=True)
    partner_id: Mapped[int | None] = mapped_column(ForeignKey("network_partners.id"), index=True)
    route: Mapped[str] = mapped_column(String(30))
    status: Mapped[str] = mapped_column(String(20), default="registered")
    status_on: Mapped[date]
    started_on: Mapped[date]
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    partner: Mapped[Partner | None] = relationship()

    @property
    def is_open(self) -> bool:
        return self.status not in ("finished", "stopped")


class NetworkStep(db.Model):
    """One dated step of a warm handover or a debt-help route: the history both keep."""
    __tablename__ = "network_steps"

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("households.id"), index=True)
    handover_id: Mapped[int | None] = mapped_column(ForeignKey("warm_handovers.id"), index=True)
    debt_help_id: Mapped[int | None] = mapped_column(ForeignKey("debt_help.id"), index=True)
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    changed_on: Mapped[date]
    note: Mapped[str | None] = mapped_column(Text)
    by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    by: Mapped[User] = relationship()

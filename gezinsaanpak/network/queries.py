"""What the household page, the due list and the team lead read about the network."""
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, bindparam, func, select
from sqlalchemy.orm import joinedload, selectinload

from ..cases.access import visible_households_clause
from ..cases.models import Household, Member
from ..cases.registry import DueItem
from ..extensions import db
from ..i18n import _
from ..timeutil import add_months, today
from .models import DebtHelp, Partner, WarmHandover


@dataclass
class Network:
    partners: list          # involved now, then those no longer involved
    handovers: list         # warm handovers, newest first
    debt_help: list         # debt-help routes, newest first

    @property
    def open_debt_help(self):
        return next((d for d in self.debt_help if d.is_open), None)


# Built once with the household as a parameter: building and keying a statement costs about what running it does.
_PARTNERS = (select(Partner).where(Partner.household_id == bindparam("hid")).options(selectinload(Partner.consents))
             .order_by(Partner.ended_on.is_not(None), Partner.kind, Partner.name))
_HANDOVERS = select(WarmHandover).where(WarmHandover.household_id == bindparam("hid")).order_by(WarmHandover.id.desc())
_DEBT_HELP = select(DebtHelp).where(DebtHelp.household_id == bindparam("hid")).order_by(DebtHelp.id.desc())


def household_network(household) -> Network:
    """The household's network for its page: three statements whatever its size (two without partners)."""
    hid = {"hid": household.id}
    partners = db.session.scalars(_PARTNERS, hid).all()
    handovers = db.session.scalars(_HANDOVERS, hid).all() if partners else []  # a handover is to a partner
    debts = db.session.scalars(_DEBT_HELP, hid).all()
    # `handover.partner` then resolves from the session's identity map: no statement per row.
    return Network(partners, handovers, debts)


def active_partners(household) -> list[Partner]:
    return db.session.scalars(select(Partner).where(Partner.household_id == household.id,
                                                    Partner.ended_on.is_(None))
                              .order_by(Partner.kind, Partner.name)).all()


def network_due_items(user, until: date) -> list[DueItem]:
    """A planned joint meeting whose day has come, on the coach's due list."""
    rows = db.session.execute(
        select(WarmHandover, Household, Partner.name)
        .join(Household, Household.id == WarmHandover.household_id)
        .join(Partner, Partner.id == WarmHandover.partner_id)
        .where(visible_households_clause(user), Household.stage != "closed", WarmHandover.status == "planned",
               WarmHandover.meeting_on <= until)).all()
    return [DueItem(handover.meeting_on, household, _("Joint meeting for the warm handover to %(name)s", name=name),
                    "handover") for handover, household, name in rows]


@dataclass
class DebtRow:
    household: Household
    debt: DebtHelp
    children: int           # members under 18 today


def team_debt_help(team_id: int) -> list[DebtRow]:
    """Every open debt-help route in the team, with the number of children in the family: the children of
    parents in debt help are a group to keep in view."""
    adult_from = add_months(today(), -18 * 12)
    children = (select(Member.household_id, func.count().label("n")).where(Member.date_of_birth > adult_from)
                .group_by(Member.household_id).subquery())
    rows = db.session.execute(
        select(Household, DebtHelp, func.coalesce(children.c.n, 0)).options(joinedload(Household.coordinator))
        .join(DebtHelp, and_(DebtHelp.household_id == Household.id, DebtHelp.status.not_in(("finished", "stopped"))))
        .outerjoin(children, children.c.household_id == Household.id)
        .where(Household.team_id == team_id, Household.anonymised_at.is_(None))
        .order_by(DebtHelp.status, DebtHelp.started_on)).all()
    return [DebtRow(household, debt, n) for household, debt, n in rows]

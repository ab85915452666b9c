"""The municipality's list of neighbourhoods: the administrator keeps it, coaches choose from it.

A household refers to an entry of the list, so what reaches a report or an export is a category the administrator
wrote, never what a coach typed. Entries made by the migration from the old free-text field are `to_review`: the
administrator accepts them (correcting the name, adding a CBS code and a district), maps them onto another entry,
or removes them; until then they are offered to nobody and exported as unknown.
"""
import re

from sqlalchemy import delete, func, select, update

from .. import audit
from ..auth.permissions import can_administer, require
from ..errors import InvalidInput
from ..extensions import db
from ..i18n import _
from ..timeutil import utcnow
from ..web import record_id
from .models import Household, Neighbourhood

CBS_CODE = re.compile(r"(WK\d{6}|BU\d{8})")


def listed() -> list[Neighbourhood]:
    """The entries a coach may choose: accepted and not retired, by name."""
    return db.session.scalars(select(Neighbourhood).where(Neighbourhood.to_review.is_(False),
                                                          Neighbourhood.retired_at.is_(None))
                              .order_by(Neighbourhood.name)).all()


def districts() -> list[str]:
    """The districts named on accepted entries, by name."""
    return db.session.scalars(select(Neighbourhood.district).distinct().where(
        Neighbourhood.district.is_not(None), Neighbourhood.to_review.is_(False))
        .order_by(Neighbourhood.district)).all()


def chosen(neighbourhood_id, current: Neighbourhood | None = None) -> Neighbourhood | None:
    """The entry a coach chose (an id, or empty for none). A household keeps the entry it has even when that was
    retired or awaits review since; anything else must be on the list."""
    if neighbourhood_id in (None, "", 0, "0"):
        return None
    try:
        entry = db.session.get(Neighbourhood, record_id(neighbourhood_id))  # a number no row can have is none
    except (TypeError, ValueError):
        entry = None
    if entry is None or not (entry.is_listed or entry is current):
        raise InvalidInput(_("Choose a neighbourhood from the list."), "neighbourhood_id")
    return entry


def _checked(name: str, cbs_code: str | None, district: str | None, entry: Neighbourhood | None = None):
    name = " ".join((name or "").split())
    if not name:
        raise InvalidInput(_("Enter the name of the neighbourhood."), "name")
    if len(name) > 120:
        raise InvalidInput(_("A name has at most 120 characters."), "name")
    cbs_code = "".join((cbs_code or "").split()).upper() or None
    if cbs_code and not CBS_CODE.fullmatch(cbs_code):
        raise InvalidInput(_("A CBS code is WK and six digits (a wijk) or BU and eight digits (a buurt), for "
                             "example WK059901."), "cbs_code")
    district = " ".join((district or "").split()) or None
    if district and len(district) > 120:
        raise InvalidInput(_("A district name has at most 120 characters."), "district")
    # Compared here, as SQLite's lower() folds ASCII only; the list holds a few hundred entries at most.
    twin = next((n for n in db.session.scalars(select(Neighbourhood))
                 if n is not entry and n.name.casefold() == name.casefold()), None)
    if twin is not None:
        raise InvalidInput(_("“%(name)s” is already on the list.", name=twin.name), "name")
    return name, cbs_code, district


def add_neighbourhood(actor, name: str, cbs_code: str | None = None, district: str | None = None) -> Neighbourhood:
    """A new entry coaches can choose at once."""
    require(can_administer(actor))
    name, cbs_code, district = _checked(name, cbs_code, district)
    entry = Neighbourhood(name=name, cbs_code=cbs_code, district=district)
    db.session.add(entry)
    db.session.flush()
    audit.record(actor, "neighbourhood.add", obj=entry)
    return entry


def edit_neighbourhood(actor, entry: Neighbourhood, name: str, cbs_code: str | None, district: str | None) -> None:
    """Correct an entry; saving an entry that awaits review accepts it onto the list."""
    require(can_administer(actor))
    entry.name, entry.cbs_code, entry.district = _checked(name, cbs_code, district, entry)
    accepted = entry.to_review
    entry.to_review = False
    db.session.flush()
    audit.record(actor, "neighbourhood.accept" if accepted else "neighbourhood.edit", obj=entry)


def map_neighbourhood(actor, entry: Neighbourhood, onto: Neighbourhood | None) -> int:
    """An entry awaiting review is the same neighbourhood as one on the list: its households move there and its
    typed text is deleted. Returns the number of households moved."""
    require(can_administer(actor))
    if not entry.to_review:
        raise InvalidInput(_("Only an entry awaiting review can be mapped; retire an entry of the list instead."))
    if onto is None or not onto.is_listed:
        raise InvalidInput(_("Choose the neighbourhood of the list it stands for."), "onto")
    moved = db.session.execute(update(Household).where(Household.neighbourhood_id == entry.id)
                               .values(neighbourhood_id=onto.id, version=Household.version + 1)).rowcount
    db.session.execute(delete(Neighbourhood).where(Neighbourhood.id == entry.id))
    db.session.expire_all()
    audit.record(actor, "neighbourhood.map", obj=onto, detail={"households": moved})
    return moved


def retire_neighbourhood(actor, entry: Neighbourhood) -> None:
    """An entry of the list is no longer offered; households that have it keep it as their category. An entry
    awaiting review is removed with its typed text: its households then have no neighbourhood."""
    require(can_administer(actor))
    if entry.to_review:
        db.session.execute(update(Household).where(Household.neighbourhood_id == entry.id)
                           .values(neighbourhood_id=None, version=Household.version + 1))
        db.session.execute(delete(Neighbourhood).where(Neighbourhood.id == entry.id))
        db.session.expire_all()
        audit.record(actor, "neighbourhood.remove")
        return
    entry.retired_at = utcnow()
    db.session.flush()
    audit.record(actor, "neighbourhood.retire", obj=entry)


def restore_neighbourhood(actor, entry: Neighbourhood) -> None:
    """A retired entry is offered again."""
    require(can_administer(actor))
    entry.retired_at = None
    db.session.flush()
    audit.record(actor, "neighbourhood.restore", obj=entry)


def forget_unreviewed(household: Household) -> None:
    """On erasure: an entry awaiting review holds text a coach typed, which may name the family. The household
    drops it, and the entry goes when no other household has it. An entry of the list stays: it is a category."""
    entry = household.neighbourhood
    if entry is None or not entry.to_review:
        return
    household.neighbourhood_id = None
    db.session.flush()
    if not db.session.scalar(select(func.count(Household.id)).where(Household.neighbourhood_id == entry.id)):
        db.session.delete(entry)
        db.session.flush()

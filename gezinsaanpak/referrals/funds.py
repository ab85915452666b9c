"""The fund catalogue as an administrator keeps it: local schemes added, entries edited, retired and restored.

Retiring keeps the fund, so old referrals still show where they went; it is only no longer offered.
"""
import re
import unicodedata

from sqlalchemy import select

from .. import audit
from ..auth.permissions import can_administer, require
from ..errors import InvalidInput
from ..extensions import db
from ..i18n import _
from ..timeutil import utcnow
from .models import APPLICANTS, FUNDS, Fund

EDITABLE = ("name", "provides_nl", "provides_en", "min_age", "max_age", "applicants", "lead_time_days", "website",
            "is_sam", "is_yearly")
SETTINGS = ("is_yearly",)  # the municipality's choices, not facts of the fund: changing them is not an edit


def active_funds() -> list[Fund]:
    """The funds offered for new referrals, by name, as this process keeps the catalogue (read-only entries)."""
    return [fund for fund in FUNDS.copy().entries if fund.retired_at is None]


def create_fund(actor, **values) -> Fund:
    """A local scheme: the municipality's own provision, the panic budget, a neighbourhood foundation."""
    require(can_administer(actor))
    values = _checked(values)
    fund = Fund(code=_free_code(values["name"]), is_local=True, edited_at=utcnow(), **values)
    db.session.add(fund)
    db.session.flush()
    audit.record(actor, "fund.create", obj=fund, detail={"code": fund.code})
    return fund


def update_fund(actor, fund: Fund, **values) -> Fund:
    """Edit an entry; an edited entry is marked so a catalogue update does not overwrite it. Switching yearly
    renewal on or off is a setting, not an edit: the fund keeps receiving the catalogue's corrections."""
    require(can_administer(actor))
    values = _checked(values)
    changed = sorted(key for key, value in values.items() if getattr(fund, key) != value)
    for key, value in values.items():
        setattr(fund, key, value)
    if set(changed) - set(SETTINGS):
        fund.edited_at = utcnow()
    audit.record(actor, "fund.update", obj=fund, detail={"fields": changed})
    db.session.flush()
    return fund


def set_retired(actor, fund: Fund, retired: bool) -> Fund:
    """Retire a fund that stopped (or restore it); referrals to it keep their history."""
    require(can_administer(actor))
    fund.retired_at = utcnow() if retired else None
    audit.record(actor, "fund.retire" if retired else "fund.restore", obj=fund)
    db.session.flush()
    return fund


def _checked(values: dict) -> dict:
    values = {key: values.get(key) for key in EDITABLE}
    for key in ("name", "provides_nl", "provides_en", "website"):
        values[key] = (values[key] or "").strip()
    if not values["name"]:
        raise InvalidInput(_("Enter the name of the fund or scheme."), "name")
    if not values["provides_nl"]:
        raise InvalidInput(_("Describe in Dutch what the fund provides."), "provides_nl")
    values["provides_en"] = values["provides_en"] or values["provides_nl"]
    values["website"] = values["website"] or None
    if values["website"] and not re.match(r"^https?://\S+$", values["website"]):
        raise InvalidInput(_("Enter a web address starting with https://."), "website")
    low, high = values["min_age"], values["max_age"]
    for key in ("min_age", "max_age"):
        if values[key] is not None and not 0 <= values[key] <= 27:
            raise InvalidInput(_("An age is between 0 and 27."), key)
    if low is not None and high is not None and low > high:
        raise InvalidInput(_("The lowest age cannot be above the highest age."), "max_age")
    if values["lead_time_days"] is not None and not 0 <= values["lead_time_days"] <= 365:
        raise InvalidInput(_("A lead time is between 0 and 365 days."), "lead_time_days")
    applicants = values["applicants"] or []
    if isinstance(applicants, str):
        applicants = applicants.split(";")
    if any(a not in APPLICANTS for a in applicants if a):
        raise InvalidInput(_("Choose who may apply from the list."), "applicants")
    values["applicants"] = ";".join(a for a in APPLICANTS if a in applicants)
    values["is_sam"], values["is_yearly"] = bool(values["is_sam"]), bool(values["is_yearly"])
    return values


def _free_code(name: str) -> str:
    """A stable code for a local entry ("local_paniekbudget"), never one the shipped catalogue uses."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    base = "local_" + (re.sub(r"[^a-z0-9]+", "_", ascii_name).strip("_")[:40] or "fund")
    taken = set(db.session.scalars(select(Fund.code).where(Fund.code.like(base + "%"))))
    code, number = base, 2
    while code in taken:
        code, number = f"{base}_{number}", number + 1
    return code

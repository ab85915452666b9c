"""The family's rights under the AVG/GDPR: everything held about one household (art. 15), and anonymising
households whose retention period after closing has passed (art. 17).

Both walk the schema instead of listing tables by hand: every table with a `household_id` column, and every
table hanging below one of those, belongs to the household. A table added later is covered automatically.
"""
from datetime import date, datetime, time

from sqlalchemy import String, Text, case, delete, func, or_, select, update

from .. import audit, erasures
from ..auth.models import User
from ..auth.permissions import can_erase_household
from ..cases import neighbourhoods
from ..cases.models import Household
from ..errors import InvalidInput, PermissionDenied
from ..extensions import db
from ..i18n import _
from ..referrals.models import Fund
from ..timeutil import add_months, today, utcnow

# Columns that hold codes from a fixed list, not free text: they stay when a household is anonymised.
CODE_COLUMNS = {"phase", "stage", "source", "income_situation", "close_reason", "role", "kind",
                "state", "from_state", "to_state", "from_stage", "to_stage", "reason", "scale", "age_band", "colour",
                "status", "applied_by", "participation", "from_status", "to_status", "level", "language", "outcome",
                "action", "object_type", "record_type", "field", "route", "own_words_skipped"}
SKIP_TABLES = {"audit_events", "erasures"}  # evidence and the erasure register: only ids, actions and times


def household_tables():
    """[(table, parent table, foreign-key column)], parents before children; the root has no parent.

    A table below two household tables (an action point hangs below its goal and may name a network partner) is
    reached through a column that cannot be empty when it has one: through the optional one, only the rows that
    fill it would be found."""
    tables = db.metadata.tables
    found = [(tables["households"], None, None)]
    seen = {"households"}
    for optional in (False, True):
        changed = True
        while changed:
            changed = False
            for table in db.metadata.sorted_tables:
                if table.name in seen or table.name in SKIP_TABLES:
                    continue
                if "household_id" in table.c:
                    found.append((table, tables["households"], table.c.household_id))
                    seen.add(table.name)
                    changed = True
                    continue
                for fk in sorted(table.foreign_keys, key=lambda fk: fk.parent.name):
                    parent = fk.column.table
                    if parent.name in seen and parent.name != "users" and fk.parent.name != "renewal_of_id" \
                            and (optional or not fk.parent.nullable):
                        found.append((table, parent, fk.parent))
                        seen.add(table.name)
                        changed = True
                        break
    return found


def _rows_by_table(household_id: int) -> dict[str, list[dict]]:
    ids = {"households": [household_id]}
    result = {}
    for table, parent, column in household_tables():
        if parent is None:
            query = select(table).where(table.c.id == household_id)
        elif column.name == "household_id":
            query = select(table).where(column == household_id)
        else:
            query = select(table).where(column.in_(ids.get(parent.name) or [-1]))
        rows = [dict(row._mapping) for row in db.session.execute(query.order_by(table.c.id))]
        ids[table.name] = [row["id"] for row in rows]
        result[table.name] = rows
    return result


def export_household(actor, household) -> dict:
    """Everything held about a household, with who recorded it by name, and who it was shared with."""
    data = _rows_by_table(household.id)
    names = dict(db.session.execute(select(User.id, User.name)).all())
    for rows in data.values():
        for row in rows:
            for key in [k for k in row if k.endswith("by_id") or k in ("coach_id", "user_id", "coordinator_id")]:
                row[key.removesuffix("_id")] = names.get(row[key])
    funds = dict(db.session.execute(select(Fund.id, Fund.name)).all())
    shared = sorted({funds.get(r["fund_id"]) or r.get("organisation") or "" for r in data.get("referrals", [])} - {""})
    events = db.session.execute(select(audit.AuditEvent.at, audit.AuditEvent.action, audit.AuditEvent.actor_id,
                                       audit.AuditEvent.outcome)
                                .where(audit.AuditEvent.household_id == household.id)
                                .order_by(audit.AuditEvent.at)).all()
    audit.record(actor, "household.privacy_export", household)
    return {"household_id": household.id, "exported_on": today().isoformat(), "shared_with": shared,
            "tables": data,
            "access_log": [{"at": at.isoformat(timespec="seconds"), "action": action, "by": names.get(actor_id),
                            "outcome": outcome} for at, action, actor_id, outcome in events]}


def erase_on_request(actor, household, confirmation: str) -> None:
    """The family asked to be forgotten (art. 17 AVG): anonymise now rather than after the retention period.

    Only a closed household (the coach closes the support first, so nobody works on a file that is being
    erased), and only when the team lead types its pseudonym, because it cannot be undone."""
    if not can_erase_household(actor, household):
        raise PermissionDenied()
    if household.is_anonymised:
        raise InvalidInput(_("This household has already been erased."))
    if not household.is_closed:
        raise InvalidInput(_("Close the support first; then the file can be erased."))
    if (confirmation or "").strip() != household.pseudonym:
        raise InvalidInput(_("Type the pseudonym exactly as shown to confirm."), "confirmation")
    anonymise(actor, household, reason="request")


def anonymise(actor, household, reason: str = "retention", erased_at: datetime | None = None) -> None:
    """Erase everything personal and keep what anonymous counts need: stages, categories, months, age. The
    erasure register remembers it, so it is made again when an older backup is restored."""
    erased_at = erased_at or utcnow()
    neighbourhoods.forget_unreviewed(household)
    ids = {"households": [household.id]}
    for table, parent, column in household_tables():
        if parent is None:
            where = table.c.id == household.id
        elif column.name == "household_id":
            where = column == household.id
        else:
            where = column.in_(ids.get(parent.name) or [-1])
        ids[table.name] = list(db.session.scalars(select(table.c.id).where(where)))
        # A text that was there becomes a dash, an empty one stays empty: every rule that a record holds some text
        # (a referral names a fund or an organisation) still holds, and nothing of what it said is left.
        values = {col.name: case((col.is_not(None), "–")) for col in table.c
                  if isinstance(col.type, (String, Text)) and not (col.primary_key or col.foreign_keys
                                                                   or col.name in CODE_COLUMNS)}
        if table.name == "households":
            values.update(pseudonym=f"#{household.id}", anonymised_at=erased_at)
        if values and ids[table.name]:
            db.session.execute(update(table).where(table.c.id.in_(ids[table.name])).values(**values))
    members = db.metadata.tables["members"]  # the birth year stays, for age bands; the day goes
    for member_id, born in db.session.execute(select(members.c.id, members.c.date_of_birth)
                                              .where(members.c.household_id == household.id)).all():
        db.session.execute(update(members).where(members.c.id == member_id)
                           .values(date_of_birth=date(born.year, 7, 1)))
    # A form kept after an expired session (drafts.py) may hold what a coach typed about this family.
    drafts = db.metadata.tables["drafts"]
    page = f"/households/{household.id}"
    db.session.execute(delete(drafts).where(or_(drafts.c.path == page, drafts.c.path.like(f"{page}/%"))))
    erasures.remember(household.id, erased_at)
    db.session.expire_all()
    erasures.mark_erased(db.session)
    audit.record(actor, "household.anonymise", household, detail={"reason": reason})


def reapply_erasures(since: date | None = None, carried: list[tuple[int, datetime]] = ()) -> int:
    """Anonymise again every household of the erasure register that is not anonymised in this database, as after
    restoring a backup made before the erasure; returns how many. `carried` are the register's entries from before
    the restore (the backup's own register is as old as the backup); `since` leaves out older erasures.

    A household created after its id's erasure is another family (the id was used again): it stays."""
    if not erasures.has_register():
        if carried:
            raise erasures.RegisterMissing(carried)
        return 0
    for household_id, erased_at in carried:
        erasures.remember(household_id, erased_at)
    db.session.flush()
    query = (select(Household.id, func.min(erasures.Erasure.erased_at))
             .join(erasures.Erasure, erasures.Erasure.household_id == Household.id)
             .where(Household.anonymised_at.is_(None), Household.created_at < erasures.Erasure.erased_at)
             .group_by(Household.id))
    if since is not None:
        query = query.where(erasures.Erasure.erased_at >= datetime.combine(since, time.min))
    again = db.session.execute(query).all()
    for household_id, erased_at in again:
        anonymise(None, db.session.get(Household, household_id), reason="restore", erased_at=erased_at)
    return len(again)


def due_for_anonymising(retention_months: int, on: date | None = None):
    """Closed households whose retention period has passed and that still hold personal data (the period counts
    in calendar months, as everywhere: closed on 31 January with one month's retention is due from 1 March)."""
    cutoff = add_months(on or today(), -retention_months)
    return db.session.scalars(select(Household).where(Household.stage == "closed", Household.closed_on < cutoff,
                                                      Household.anonymised_at.is_(None))).all()

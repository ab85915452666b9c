"""Catalogues that are data: the signalling checklist, Bridge domains, Child Bridge benchmarks and funds.

Each ships as a CSV file beside its area's code. Loading is an upsert by `code`, so it can run on
every deployment: shipped texts are refreshed, local entries and retirements made by an
administrator are left alone. A fund's yearly renewal is not in the file: it is the municipality's setting.
"""
import csv
from pathlib import Path

from sqlalchemy import select

from .extensions import db
from .i18n import _l
from .plans.models import Benchmark, Domain
from .referrals.models import Fund
from .signals.models import ChecklistItem

PACKAGE = Path(__file__).resolve().parent


def _int_or_none(value: str):
    value = (value or "").strip()
    return int(value) if value else None


def _checklist_row(row, position):
    return {"group_code": row["group"], "kind": row["kind"], "heading_nl": row["heading_nl"],
            "heading_en": row["heading_en"], "text_nl": row["text_nl"], "text_en": row["text_en"],
            "position": position}


def _domain_row(row, position):
    return {"scale": row["scale"], "pillar_code": row["pillar_code"], "pillar_nl": row["pillar_nl"],
            "pillar_en": row["pillar_en"], "label_nl": row["label_nl"], "label_en": row["label_en"],
            "position": position}


def _benchmark_row(row, position):
    """A benchmark names its domain by code: the domain catalogue is loaded before it."""
    domain_id = db.session.scalar(select(Domain.id).where(Domain.code == row["domain_code"]))
    if domain_id is None:
        raise ValueError(f"benchmark {row['code']}: unknown domain_code {row['domain_code']!r}")
    return {"domain_id": domain_id, "age_band": row["age_band"], "text_nl": row["text_nl"],
            "text_en": row["text_en"], "position": position}


def _fund_row(row, position):
    return {"name": row["name"], "provides_nl": row["provides_nl"], "provides_en": row["provides_en"],
            "min_age": _int_or_none(row["min_age"]), "max_age": _int_or_none(row["max_age"]),
            "applicants": row["applicants"], "lead_time_days": _int_or_none(row["lead_time_days"]),
            "website": row["website"] or None, "is_sam": row["sam"] == "1"}


LABELS = {"checklist": _l("signalling checklist"), "domains": _l("Bridge domains"),
          "benchmarks": _l("Child Bridge benchmarks"), "funds": _l("funds")}
CATALOGUES = {
    "checklist": (ChecklistItem, PACKAGE / "signals" / "data" / "checklist.csv", _checklist_row),
    "domains": (Domain, PACKAGE / "plans" / "data" / "domains.csv", _domain_row),
    "benchmarks": (Benchmark, PACKAGE / "plans" / "data" / "benchmarks.csv", _benchmark_row),
    "funds": (Fund, PACKAGE / "referrals" / "data" / "funds.csv", _fund_row),
}


def load_catalogue(name: str, path: Path | None = None) -> tuple[int, int]:
    """Upsert one catalogue from its CSV file; returns (added, updated)."""
    model, default_path, convert = CATALOGUES[name]
    with open(path or default_path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    existing = {row.code: row for row in db.session.scalars(select(model))}
    added = updated = 0
    for position, row in enumerate(rows, start=1):
        values = convert(row, position)
        record = existing.get(row["code"])
        if record is None:
            db.session.add(model(code=row["code"], **values))
            added += 1
        elif getattr(record, "edited_at", None) is None and any(getattr(record, key) != value
                                                                for key, value in values.items()):
            # an administrator's edit of a shipped entry wins over the file
            for key, value in values.items():
                setattr(record, key, value)
            updated += 1
    db.session.flush()
    return added, updated


def load_all() -> dict[str, tuple[int, int]]:
    return {name: load_catalogue(name) for name in CATALOGUES}

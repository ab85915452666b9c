"""Licensed descriptor texts for the Bridge steps, loaded by an organisation as data.

The application ships only short neutral labels for the steps. An organisation that holds a licence for EMPath's
texts loads them from a CSV file (format in plans/data/README.md) with
`flask --app gezinsaanpak plans load-descriptors FILE`. A file is checked completely before anything
is saved: one bad row loads nothing. The Child Bridge is scored per benchmark, and its benchmark texts are a
catalogue of their own (plans/data/benchmarks.csv), so it takes no descriptors.
"""
import csv
from dataclasses import dataclass

from sqlalchemy import select

from .. import audit
from ..extensions import db
from ..i18n import _
from .models import Domain, DomainDescriptor

COLUMNS = ("domain_code", "level", "age_band", "language", "text")
LANGUAGES = ("nl", "en")
MAX_TEXT = 2000


class DescriptorFileError(ValueError):
    """The file cannot be loaded; `problems` lists every bad row, by line number."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class LoadResult:
    added: int
    updated: int
    unchanged: int


def _check_row(row, domains) -> tuple[str | None, tuple | None]:
    domain = domains.get((row.get("domain_code") or "").strip())
    level = (row.get("level") or "").strip()
    band = (row.get("age_band") or "").strip()
    language = (row.get("language") or "").strip().lower()
    text = (row.get("text") or "").strip()
    if domain is None:
        return _("unknown domain_code %(code)s", code=repr(row.get("domain_code"))), None
    if domain.scale == "bridge" and (level not in {"1", "2", "3", "4", "5"} or band):
        return _("a Bridge sub-domain needs level 1-5 and an empty age_band"), None
    if domain.scale == "child_bridge":
        return _("the Child Bridge is scored per benchmark: its texts are in plans/data/benchmarks.csv "
                 "(catalogues load), not descriptors"), None
    if domain.scale == "family":
        return _("family themes have no steps or benchmarks"), None
    if language not in LANGUAGES:
        return _("language must be one of %(languages)s", languages=", ".join(LANGUAGES)), None
    if not text or len(text) > MAX_TEXT:
        return _("text must be between 1 and %(max)d characters", max=MAX_TEXT), None
    return None, (domain.id, level, band, language, text)


def load_descriptors(handle) -> LoadResult:
    """Upsert descriptors from an open CSV file; raises DescriptorFileError and saves nothing on any bad row."""
    reader = csv.DictReader(handle)
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise DescriptorFileError([_("missing columns: %(missing)s (expected %(columns)s)", missing=", ".join(missing),
                                     columns=", ".join(COLUMNS))])
    domains = {d.code: d for d in db.session.scalars(select(Domain))}
    problems, rows, seen = [], [], set()
    for row in reader:
        line = reader.line_num
        problem, values = _check_row(row, domains)
        if values and values[:4] in seen:
            problem = _("the same domain, level, age_band and language appear twice")
        if problem:
            problems.append(_("line %(line)d: %(problem)s", line=line, problem=problem))
            continue
        seen.add(values[:4])
        rows.append(values)
    if problems:
        raise DescriptorFileError(problems)
    existing = {(d.domain_id, d.level, d.age_band, d.language): d for d in db.session.scalars(select(DomainDescriptor))}
    result = LoadResult(0, 0, 0)
    for domain_id, level, band, language, text in rows:
        record = existing.get((domain_id, level, band, language))
        if record is None:
            db.session.add(DomainDescriptor(domain_id=domain_id, level=level, age_band=band, language=language,
                                            text=text))
            result.added += 1
        elif record.text != text:
            record.text = text
            result.updated += 1
        else:
            result.unchanged += 1
    audit.record(None, "descriptors.load", detail={"added": result.added, "updated": result.updated})
    db.session.flush()
    return result


def descriptors_for(scale: str, age_band: str | None, lang: str) -> dict[tuple[int, str], str]:
    """{(domain_id, level): text} for one scale (and age band), in `lang` where loaded, else the other language."""
    query = (select(DomainDescriptor).join(Domain, Domain.id == DomainDescriptor.domain_id)
             .where(Domain.scale == scale, DomainDescriptor.age_band == (age_band or "")))
    texts = {}
    for descriptor in db.session.scalars(query):
        key = (descriptor.domain_id, descriptor.level)
        if descriptor.language == lang or key not in texts:
            texts[key] = descriptor.text
    return texts

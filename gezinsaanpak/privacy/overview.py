"""Everything we hold about a household, in words a family reads (art. 15 AVG): the page and the PDF show this.

It is made from the same rows as the machine-readable export (`export_household`), one part per kind of record:
codes become the labels the rest of the application prints, people are named, dates are written as dates, and
ids, versions and other fields that only the application needs are left out. Nothing a coach recorded about the
family is left out, also not what the family plan leaves out (notes on assessments, why a child was not asked):
the family has the right to see all of it.

Every table of the export belongs to one part (PARTS); a test fails when a new table has none.
"""
from dataclasses import dataclass, field
from datetime import date, datetime

from flask_babel import format_date, format_datetime
from sqlalchemy import select

from ..auth.models import Team
from ..cases.labels import CLOSE_REASON_LABELS, CONTACT_LABELS, INCOME_LABELS, ROLE_LABELS, SOURCE_LABELS, STAGE_LABELS
from ..cases.models import Neighbourhood
from ..cases.registry import household_parts
from ..extensions import db
from ..history import as_date
from ..i18n import _, _l, euros, in_language, ngettext
from ..network.labels import DEBT_ROUTE_LABELS, DEBT_STATUS_LABELS, HANDOVER_LABELS
from ..network.labels import KIND_LABELS as PARTNER_KIND_LABELS
from ..plans.labels import (
    AGE_BAND_LABELS,
    COLOUR_LABELS,
    GOAL_DATE_FIELDS,
    GOAL_FIELD_LABELS,
    GOAL_STATUS_LABELS,
    OWN_WORDS_SKIPPED_LABELS,
    SCALE_LABELS,
    STEP_LABELS,
    STRENGTH_KIND_LABELS,
    benchmark_text,
    domain_label,
)
from ..plans.models import Benchmark, Domain
from ..referrals.labels import APPLIED_BY_LABELS, DATE_FIELDS, FIELD_LABELS, PARTICIPATION_LABELS, STATUS_LABELS
from ..referrals.models import Fund
from ..signals.labels import STATE_LABELS
from ..signals.models import ChecklistItem


@dataclass
class Entry:
    """One record: a title, what it says as (label, value) pairs, and the records below it (its history)."""
    title: str
    facts: list[tuple[str, str]] = field(default_factory=list)
    children: list["Entry"] = field(default_factory=list)


@dataclass
class Part:
    """A section of the overview; `rows` (with `columns`) for a long list that reads best as a table."""
    key: str
    title: str
    entries: list[Entry] = field(default_factory=list)
    empty: str = ""
    columns: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.rows) if self.columns else len(self.entries)


def facts(*pairs) -> list[tuple[str, str]]:
    """The pairs that say something: an empty value is left out rather than printed as a dash."""
    return [(str(label), str(value)) for label, value in pairs if value not in (None, "")]


def day(value) -> str | None:
    """A date (or the day of a moment) as "5 dec 2026"."""
    return format_date(value) if value else None


def moment(value) -> str | None:
    """A moment to the minute, where the time matters ("5 dec 2026, 14:30")."""
    return format_datetime(value, "short") if value else None


def label(labels, code) -> str | None:
    return str(labels.get(code, code)) if code is not None else None


class Reader:
    """The export's rows with what they refer to looked up once: members, funds, checklist items, domains."""

    def __init__(self, data: dict):
        self.data, self.tables = data, data["tables"]
        self.members = {row["id"]: row["first_name"] for row in self.rows("members")}
        self.funds = self._names(Fund, Fund.name, "referrals", "fund_id")
        self.items = self._objects(ChecklistItem, "signals", "item_id")
        domain_ids = {row["domain_id"] for table in ("goals", "assessment_scores") for row in self.rows(table)}
        self.domains = {d.id: d for d in db.session.scalars(select(Domain).where(Domain.id.in_(domain_ids)))}
        codes = {row[value] for row in self.rows("field_changes") if row["field"] == "domain"
                 for value in ("old_value", "new_value") if row[value]}
        self.domain_codes = {d.code: d for d in db.session.scalars(select(Domain).where(Domain.code.in_(codes)))}
        self.benchmarks = self._objects(Benchmark, "benchmark_scores", "benchmark_id")
        self.partners = {row["id"]: row["name"] for row in self.rows("network_partners")}

    def rows(self, table: str, by: str | None = None) -> list[dict]:
        """A table's rows, in the order they were recorded or, `by` a date column, in the order of that date."""
        rows = self.tables.get(table, [])
        return sorted(rows, key=lambda row: (row[by] is not None, row[by] or 0, row["id"])) if by else rows

    def _ids(self, table, column):
        return {row[column] for row in self.rows(table) if row[column] is not None}

    def _names(self, model, name, table, column):
        return dict(db.session.execute(select(model.id, name).where(model.id.in_(self._ids(table, column)))).all())

    def _objects(self, model, table, column):
        return {obj.id: obj for obj in db.session.scalars(select(model).where(model.id.in_(self._ids(table, column))))}

    def member(self, member_id, whole=None) -> str:
        """A member's first name; a record of nobody in particular is the family's."""
        if member_id is None:
            return whole or _("The whole family")
        return self.members.get(member_id, "–")

    def children_of(self, table: str, column: str, parent_id) -> list[dict]:
        return [row for row in self.rows(table) if row[column] == parent_id]


def _household(r: Reader) -> list[Entry]:
    entries = []
    for h in r.rows("households"):
        team = db.session.get(Team, h["team_id"])
        place = db.session.get(Neighbourhood, h["neighbourhood_id"]) if h["neighbourhood_id"] else None
        entries.append(Entry(h["pseudonym"], facts(
            (_("Name of the household in our files"), h["pseudonym"]),
            (_("Stage"), _("%(stage)s (since %(date)s)", stage=label(STAGE_LABELS, h["stage"]),
                           date=day(h["stage_since"]))),
            (_("How we came into contact"), label(SOURCE_LABELS, h["source"])),
            (_("Neighbourhood"), place.name if place else None),
            (_("Income situation"), label(INCOME_LABELS, h["income_situation"])),
            (_("Coordinator"), h["coordinator"]),
            (_("Team"), team.name if team else None),
            (_("First contact on"), day(h["opened_on"])),
            (_("Registered on"), day(h["registered_on"])),
            (_("Support started again on"), day(h["reopened_on"])),
            (_("Closed on"), day(h["closed_on"])),
            (_("Closed because"), label(CLOSE_REASON_LABELS, h["close_reason"])),
            (_("Erased on"), day(h["anonymised_at"])))))
    return entries


def _members(r: Reader) -> list[Entry]:
    return [Entry(m["first_name"], facts((_("Role"), label(ROLE_LABELS, m["role"])),
                                         (_("Date of birth"), day(m["date_of_birth"])), (_("School"), m["school"]),
                                         (_("Left the household on"), day(m["left_on"]))))
            for m in r.rows("members")]


def _consents(r: Reader) -> list[Entry]:
    return [Entry(_("Consent given on %(date)s", date=day(c["given_on"])),
                  facts((_("What for"), c["scope"]), (_("Recorded by"), c["recorded_by"]),
                        (_("Withdrawn on"), day(c["withdrawn_on"])), (_("Withdrawal recorded by"), c["withdrawn_by"]),
                        (_("Note on the withdrawal"), c["withdrawal_note"])))
            for c in r.rows("consents")]


def _people(r: Reader) -> list[Entry]:
    entries = [Entry(_("%(name)s, coordinator", name=a["coach"] or "–"),
                     facts((_("From"), day(a["started_at"])), (_("Until"), day(a["ended_at"])),
                           (_("Made coordinator by"), a["by"]), (_("Note"), a["note"])))
               for a in r.rows("coordinator_assignments")]
    entries += [Entry(_("%(name)s, co-worker", name=w["user"] or "–"),
                      facts((_("Co-worker since"), day(w["added_at"])), (_("Added by"), w["added_by"])))
                for w in r.rows("household_workers")]
    return entries


def _stages(r: Reader) -> list[Entry]:
    return [Entry(f"{day(t['moved_on'])} · {label(STAGE_LABELS, t['to_stage'])}",
                  facts((_("Before that"), label(STAGE_LABELS, t["from_stage"])),
                        (_("Closed because"), label(CLOSE_REASON_LABELS, t["reason"])), (_("Note"), t["note"]),
                        (_("The family can turn to"), t["turn_to"]), (_("Aftercare agreed"), t["aftercare"]),
                        (_("By"), t["by"])))
            for t in r.rows("stage_transitions", by="moved_on")] + [
        Entry(_("%(date)s · asked the team lead to close", date=day(c["requested_on"])),
              facts((_("Closing on"), day(c["closes_on"])), (_("Closed because"), label(CLOSE_REASON_LABELS,
                                                                                        c["close_reason"])),
                    (_("Note"), c["note"]), (_("The family can turn to"), c["turn_to"]),
                    (_("Aftercare agreed"), c["aftercare"]), (_("Asked by"), c["requested_by"]),
                    (_("Decision"), {True: _("Agreed"), False: _("Sent back"), None: _("Not decided yet")}
                     [c["approved"]]),
                    (_("Decided by"), c["decided_by"]), (_("Decided on"), day(c["decided_on"])),
                    (_("Why it was sent back"), c["returned_note"])))
        for c in r.rows("closing_requests", by="requested_on")]


def _support(r: Reader) -> list[Entry]:
    decisions = {True: _("Agreed"), False: _("Declined"), None: _("Not decided yet")}
    return [Entry(_("Longer support asked on %(date)s", date=day(e["requested_on"])),
                  facts((_("Support period started on"), day(e["period_started_on"])),
                        (_("Longer until"), day(e["until_on"])), (_("Why"), e["explanation"]),
                        (_("Asked by"), e["requested_by"]), (_("Decision"), decisions[e["agreed"]]),
                        (_("Decided by"), e["decided_by"]), (_("Decided on"), day(e["decided_on"]))))
            for e in r.rows("support_extensions")]


def _contacts(r: Reader) -> list[Entry]:
    return [Entry(f"{day(c['contact_on'])} · {label(CONTACT_LABELS, c['kind'])}",
                  facts((_("How long"), ngettext("%(num)d minute", "%(num)d minutes", c["duration_minutes"])
                         if c["duration_minutes"] else None), (_("Note"), c["note"]), (_("By"), c["by"])))
            for c in r.rows("contacts", by="contact_on")]


def _check_ins(r: Reader) -> list[Entry]:
    return [Entry(f"{day(c['due_on'])} · {c['subject']}",
                  facts((_("Done on"), day(c["done_on"]) or _("not yet")), (_("Planned by"), c["by"])))
            for c in r.rows("check_ins", by="due_on")]


def _signals(r: Reader) -> list[Entry]:
    entries = []
    for s in r.rows("signals", by="observed_on"):
        item = r.items.get(s["item_id"])
        history = [Entry(f"{day(c['changed_on'])} · {label(STATE_LABELS, c['to_state'])}",
                         facts((_("Note"), c["note"]), (_("By"), c["by"])))
                   for c in r.children_of("signal_changes", "signal_id", s["id"])]
        entries.append(Entry(in_language(item, "text") if item else "–", facts(
            (_("About"), r.member(s["member_id"])), (_("Seen on"), day(s["observed_on"])),
            (_("Where it stands"), label(STATE_LABELS, s["state"])), (_("Note"), s["note"]),
            (_("Recorded by"), s["recorded_by"])), history))
    return entries


def _level(score) -> str:
    if score["step"] is not None:
        return f"{score['step']} · {label(STEP_LABELS, score['step'])}"
    return label(COLOUR_LABELS, score["colour"]) or "–"


def _assessments(r: Reader) -> list[Entry]:
    entries = []
    for a in r.rows("assessments", by="assessed_on"):
        lines = [(_("By"), a["by"]), (_("Age group"), label(AGE_BAND_LABELS, a["age_band"]))]
        for score in r.children_of("assessment_scores", "assessment_id", a["id"]):
            domain = r.domains.get(score["domain_id"])
            name = domain_label(domain) if domain else "–"
            lines.append((name, _level(score)))
            if score["note"]:
                lines.append((_("Note on %(domain)s", domain=name), score["note"]))
        for score in r.children_of("benchmark_scores", "assessment_id", a["id"]):
            benchmark = r.benchmarks.get(score["benchmark_id"])
            lines.append((benchmark_text(benchmark) if benchmark else "–", label(COLOUR_LABELS, score["colour"])))
        entries.append(Entry(_("%(scale)s of %(name)s, %(date)s", scale=label(SCALE_LABELS, a["scale"]),
                               name=r.member(a["member_id"]), date=day(a["assessed_on"])), facts(*lines)))
    return entries


def _plan(r: Reader) -> list[Entry]:
    entries = [Entry(_("Family plan"), facts((_("Our dream as a family"), p["family_dream"]),
                                             (_("Next appointment"), day(p["next_meeting_on"])),
                                             (_("About the appointment"), p["next_meeting_note"]),
                                             (_("Last changed by"), p["updated_by"]),
                                             (_("Last changed on"), day(p["updated_at"]))))
               for p in r.rows("family_plans")]
    entries += [Entry(_("Wish of %(name)s", name=r.member(w["member_id"])),
                      facts((_("In their own words"), w["words"]), (_("Written down by"), w["updated_by"])))
                for w in r.rows("member_wishes")]
    entries += [Entry(f"{label(STRENGTH_KIND_LABELS, s['kind'])}: {r.member(s['member_id'])}",
                      facts((_("What"), s["text"]), (_("Written down by"), s["created_by"]),
                            (_("On"), day(s["created_at"]))))
                for s in r.rows("strengths")]
    return entries


def _goals(r: Reader) -> list[Entry]:
    entries = []
    for g in r.rows("goals"):
        domain = r.domains.get(g["domain_id"])
        children = [Entry(_("Action: %(what)s", what=a["description"]),
                          facts((_("Who"), a["who"]), (_("By when"), day(a["due_on"])),
                                (_("Support needed"), a["support_needed"]),
                                (_("Done"), day(a["done_on"]) or _("not yet"))))
                    for a in r.children_of("actions", "goal_id", g["id"])]
        children += [Entry(_("If-then plan"), facts((_("If"), o["obstacle"]), (_("then"), o["if_then_plan"])))
                     for o in r.children_of("obstacles", "goal_id", g["id"])]
        children += [Entry(_("Review on %(date)s", date=day(v["reviewed_on"])),
                           facts((_("Status"), label(GOAL_STATUS_LABELS, v["status"])), (_("Note"), v["note"]),
                                 (_("By"), v["by"])))
                     for v in r.children_of("goal_reviews", "goal_id", g["id"])]
        entries.append(Entry(f"{r.member(g['member_id'])} · {domain_label(domain) if domain else '–'}", facts(
            (_("Goal"), g["description"]), (_("The dream behind it"), g["dream"]),
            (_("In their own words"), g["own_words"]),
            (_("Not in the child's own words, because"), label(OWN_WORDS_SKIPPED_LABELS, g["own_words_skipped"])),
            (_("Target date"), day(g["target_on"])), (_("Next review"), day(g["next_review_on"])),
            (_("Status"), label(GOAL_STATUS_LABELS, g["status"])), (_("Set by"), g["created_by"]),
            (_("Set on"), day(g["created_at"]))), children))
    return entries


def _referral_name(r: Reader, referral) -> str:
    return r.funds.get(referral["fund_id"]) or referral["organisation"] or "–"


def _referrals(r: Reader) -> list[Entry]:
    by_id = {row["id"]: row for row in r.rows("referrals")}
    entries = []
    for f in r.rows("referrals"):
        earlier = by_id.get(f["renewal_of_id"])
        history = [Entry(f"{day(c['changed_on'])} · {label(STATUS_LABELS, c['to_status'])}",
                         facts((_("Note"), c["note"]), (_("By"), c["by"])))
                   for c in r.children_of("referral_changes", "referral_id", f["id"])]
        entries.append(Entry(_referral_name(r, f), facts(
            (_("For"), r.member(f["member_id"])), (_("What is asked"), f["request"]),
            (_("Amount"), euros(f["amount_cents"]) if f["amount_cents"] is not None else None),
            (_("Who applies"), label(APPLIED_BY_LABELS, f["applied_by"])),
            (_("Where it stands"), _("%(status)s (since %(date)s)", status=label(STATUS_LABELS, f["status"]),
                                     date=day(f["status_on"]))),
            (_("Follow up on"), day(f["follow_up_on"])), (_("Decision expected on"), day(f["decision_expected_on"])),
            (_("Participation"), label(PARTICIPATION_LABELS, f["participation"])),
            (_("Participation checked on"), day(f["participation_checked_on"])),
            (_("Renewal due"), day(f["renewal_due_on"])),
            (_("Renews the application of"), day(earlier["created_at"]) if earlier else None),
            (_("Recorded by"), f["created_by"])), history))
    return entries


def _shared(r: Reader) -> list[Entry]:
    return [Entry(name) for name in r.data["shared_with"]]


def _panic(r: Reader) -> list[Entry]:
    return [Entry(f"{day(p['spent_on'])} · {euros(p['amount_cents'])}",
                  facts((_("What for"), p["purpose"]), (_("By"), p["coach"])))
            for p in r.rows("panic_spendings", by="spent_on")]


def _steps(r: Reader, column: str, parent_id, labels) -> list[Entry]:
    return [Entry(f"{day(s['changed_on'])} · {label(labels, s['to_status'])}",
                  facts((_("Note"), s["note"]), (_("By"), s["by"])))
            for s in r.children_of("network_steps", column, parent_id)]


def _network(r: Reader) -> list[Entry]:
    entries = [Entry(f"{p['name']} · {label(PARTNER_KIND_LABELS, p['kind'])}", facts(
        (_("Organisation"), p["organisation"]), (_("Who they are to the family"), p["relation"]),
        (_("Phone"), p["phone"]), (_("Email"), p["email"]), (_("Involved since"), day(p["added_on"])),
        (_("No longer involved since"), day(p["ended_on"])), (_("Added by"), p["added_by"])))
        for p in r.rows("network_partners")]
    entries += [Entry(_("Consent to share with %(name)s", name=r.partners.get(c["partner_id"], "–")), facts(
        (_("Given on"), day(c["given_on"])), (_("Given by"), c["given_by"]), (_("What may be shared"), c["scope"]),
        (_("Asked by"), c["asked_by"]), (_("Withdrawn on"), day(c["withdrawn_on"])),
        (_("Withdrawal recorded by"), c["withdrawn_by"])))
        for c in r.rows("partner_consents")]
    entries += [Entry(_("Warm handover to %(name)s", name=r.partners.get(w["partner_id"], "–")), facts(
        (_("What they take over"), w["purpose"]), (_("What was passed on"), w["shared"]),
        (_("Where it stands"), _("%(status)s (since %(date)s)", status=label(HANDOVER_LABELS, w["status"]),
                                 date=day(w["status_on"]))),
        (_("Joint meeting on"), day(w["meeting_on"])), (_("Started by"), w["created_by"])),
        _steps(r, "handover_id", w["id"], HANDOVER_LABELS))
        for w in r.rows("warm_handovers")]
    entries += [Entry(_("Debt help: %(route)s", route=label(DEBT_ROUTE_LABELS, d["route"])), facts(
        (_("With"), r.partners.get(d["partner_id"])), (_("Started on"), day(d["started_on"])),
        (_("Where it stands"), _("%(status)s (since %(date)s)", status=label(DEBT_STATUS_LABELS, d["status"]),
                                 date=day(d["status_on"]))),
        (_("Started by"), d["created_by"])),
        _steps(r, "debt_help_id", d["id"], DEBT_STATUS_LABELS))
        for d in r.rows("debt_help")]
    either = {**HANDOVER_LABELS, **DEBT_STATUS_LABELS}  # a step of neither (none is made so): still in words
    entries += [Entry(f"{day(s['changed_on'])} · {label(either, s['to_status'])}",
                      facts((_("Note"), s["note"]), (_("By"), s["by"])))
                for s in r.rows("network_steps") if s["handover_id"] is None and s["debt_help_id"] is None]
    return entries


def _changed_value(r: Reader, record_type: str, name: str, text):
    """A stored old or new value the way the goal and referral pages show it."""
    if not text:
        return "–"
    if name in GOAL_DATE_FIELDS or name in DATE_FIELDS:
        return day(as_date(text))
    if name == "domain":
        domain = r.domain_codes.get(text)
        return domain_label(domain) if domain else text
    if name == "amount_cents":
        return euros(int(text)) if text.lstrip("-").isdigit() else text
    labels = {"status": GOAL_STATUS_LABELS if record_type == "goal" else STATUS_LABELS,
              "own_words_skipped": OWN_WORDS_SKIPPED_LABELS, "applied_by": APPLIED_BY_LABELS,
              "participation": PARTICIPATION_LABELS}.get(name)
    return label(labels, text) if labels else text


def _changes(r: Reader) -> list[Entry]:
    goals = {g["id"]: g for g in r.rows("goals")}
    referrals = {f["id"]: f for f in r.rows("referrals")}
    entries = []
    for c in r.rows("field_changes"):
        if c["record_type"] == "goal":
            what, names = _("Goal: %(goal)s", goal=goals[c["record_id"]]["description"]
                            if c["record_id"] in goals else "–"), GOAL_FIELD_LABELS
        else:
            what, names = _("Help from %(name)s", name=_referral_name(r, referrals[c["record_id"]])
                            if c["record_id"] in referrals else "–"), FIELD_LABELS
        entries.append(Entry(f"{moment(c['changed_at'])} · {what}", facts(
            (_("What changed"), label(names, c["field"])),
            (_("Was"), _changed_value(r, c["record_type"], c["field"], c["old_value"])),
            (_("Became"), _changed_value(r, c["record_type"], c["field"], c["new_value"])), (_("By"), c["by"]))))
    return entries


# (part, title, the export's tables it shows, how its entries are made); the order is the page's.
PARTS = (
    ("household", _l("The household"), ("households",), _household),
    ("members", _l("Members"), ("members",), _members),
    ("consent", _l("Consent"), ("consents",), _consents),
    ("people", _l("Who works with you"), ("coordinator_assignments", "household_workers"), _people),
    ("contacts", _l("Contacts and home visits"), ("contacts",), _contacts),
    ("check-ins", _l("Planned contact moments"), ("check_ins",), _check_ins),
    ("signals", _l("Signals"), ("signals", "signal_changes"), _signals),
    ("assessments", _l("Where you stand (Bridge and Child Bridge)"),
     ("assessments", "assessment_scores", "benchmark_scores"), _assessments),
    ("plan", _l("Dreams, wishes and strengths"), ("family_plans", "member_wishes", "strengths"), _plan),
    ("goals", _l("Goals, actions and reviews"), ("goals", "actions", "obstacles", "goal_reviews"), _goals),
    ("referrals", _l("Help from funds and organisations"), ("referrals", "referral_changes"), _referrals),
    ("shared", _l("Shared with"), (), _shared),
    ("panic", _l("Panic budget"), ("panic_spendings",), _panic),
    ("network", _l("The network"),
     ("network_partners", "partner_consents", "warm_handovers", "debt_help", "network_steps"), _network),
    ("stages", _l("Stages"), ("stage_transitions", "closing_requests"), _stages),
    ("support", _l("Support period"), ("support_extensions",), _support),
    ("changes", _l("Changes to goals and help"), ("field_changes",), _changes),
)
COVERED_TABLES = {table for _key, _title, tables, _make in PARTS for table in tables}


def made_on_day(data: dict) -> date:
    """The day an export was made."""
    return date.fromisoformat(data["exported_on"])


def overview(data: dict) -> list[Part]:
    """The readable parts of an export made by `export_household`, in the reader's language; then who opened it."""
    reader = Reader(data)
    parts = [Part(key, str(title), make(reader), empty=_("Nothing recorded.")) for key, title, _tables, make in PARTS]
    audit_label = household_parts().audit_label
    access = [[moment(datetime.fromisoformat(e["at"])), e["by"] or "–", str(audit_label(e["action"])),
               _("refused") if e["outcome"] == "denied" else _("allowed")] for e in data["access_log"]]
    parts.append(Part("access", _("Who opened this file"), empty=_("Nothing recorded."),
                      columns=[_("When"), _("Who"), _("What"), _("Result")], rows=access))
    return parts

"""The outcomes page as tables: one header and the same rows for the page and its CSV download, so the two always
say the same. Each header names what its figures count; a row's parts add up to its total."""
from dataclasses import dataclass

from markupsafe import Markup

from ..i18n import _, in_language, ngettext
from ..plans.labels import GOAL_STATUS_LABELS, SCALE_LABELS
from ..referrals.labels import PARTICIPATION_LABELS, STATUS_LABELS
from . import charts, outcomes
from .outcomes import ALL, COLOUR_CHANGES, MIN_HOUSEHOLDS

GOAL_ORDER = ("achieved", "active", "adjusted", "stopped")
REFERRAL_ORDER = ("to_apply", "applied", "granted", "delivered", "rejected", "withdrawn")
PARTICIPATION_ORDER = ("takes_part", "not_taking_part", "unknown")


@dataclass
class Table:
    name: str  # the `table` parameter of its CSV download, and the file name
    caption: str
    header: list
    rows: list  # each row: its label, then figures; None is a figure not shown (a group too small)
    chart: Markup | None = None  # the same figures drawn, shown beside the table


def change_label(change) -> str:
    if change in COLOUR_CHANGES:
        return {"better": _("better"), "same": _("same"), "worse": _("worse")}[change]
    if change == 0:
        return _("same step")
    if change > 0:
        return ngettext("%(num)d step up", "%(num)d steps up", change)
    return ngettext("%(num)d step down", "%(num)d steps down", -change)


def _row(label, group, order, share_of=None) -> list:
    """Label, households, total and parts (and a share of one part); a small group shows only that it is small."""
    if group.suppressed:
        return [label, _("fewer than %(n)d", n=MIN_HOUSEHOLDS), None] + [None] * (len(order) + bool(share_of))
    row = [label, group.households, group.total] + [group.parts.get(part, 0) for part in order]
    if share_of:
        row.append(f"{group.parts[share_of] / group.total:.0%}" if group.total else "–")
    return row


def goals_table(team_id: int) -> Table:
    header = [_("Goals on"), _("Households"), _("Goals set")] + [str(GOAL_STATUS_LABELS[s]) for s in GOAL_ORDER] + \
        [_("Share achieved")]
    rows = [_row(str(SCALE_LABELS[g.key]) if g.key != ALL else _("All goals"), g, GOAL_ORDER, share_of="achieved")
            for g in outcomes.goals_by_status(team_id)]
    return Table("goals", _("Goals in the plans, by their status"), header, rows)


def referrals_table(team_id: int) -> Table:
    header = [_("Referrals"), _("Households"), _("Referrals made")] + \
        [str(STATUS_LABELS[s]) for s in REFERRAL_ORDER]
    return Table("referrals", _("Referrals, by their current status"), header,
                 [_row(_("All referrals"), outcomes.referrals_by_status(team_id), REFERRAL_ORDER)])


def participation_table(team_id: int) -> Table:
    header = [_("Fund or organisation"), _("Households"), _("Granted or delivered")] + \
        [str(PARTICIPATION_LABELS[p]) for p in PARTICIPATION_ORDER]
    rows = [_row(g.key if g.key != ALL else _("All funds and organisations"), g, PARTICIPATION_ORDER)
            for g in outcomes.participation_by_fund(team_id)]
    return Table("participation", _("Referrals granted or delivered: does the child or family take part?"),
                 header, rows)


def _domain(group) -> str:
    return in_language(group.key, "label")


def change_tables(team_id: int) -> list[Table]:
    """A table for the Bridge (members, by steps) and one for the Child Bridge (children, by colour)."""
    changes = outcomes.assessment_changes(team_id)
    tables = []
    bridge = changes.get("bridge", [])
    if bridge:
        steps = sorted({step for group in bridge for step in group.parts})
        tables.append(Table("bridge", _("Bridge: members by their change in steps"),
                            [_("Domain"), _("Households"), _("Members compared")] + [change_label(s) for s in steps],
                            [_row(_domain(g), g, steps) for g in bridge],
                            charts.change_chart("bridge-chart", _("Bridge: share of the members compared who went up "
                                                                  "or down a step or more, per domain"),
                                                charts.change_rows(bridge, lambda s: s > 0, lambda s: s < 0,
                                                                   _domain, MIN_HOUSEHOLDS))))
    children = changes.get("child_bridge", [])
    if children:
        tables.append(Table("child_bridge", _("Child Bridge: children by their change in colour"),
                            [_("Domain"), _("Households"), _("Children compared")] +
                            [change_label(c) for c in COLOUR_CHANGES],
                            [_row(_domain(g), g, COLOUR_CHANGES) for g in children],
                            charts.change_chart("child-bridge-chart", _("Child Bridge: share of the children compared "
                                                                        "whose colour got better or worse, per domain"),
                                                charts.change_rows(children, lambda c: c == "better",
                                                                   lambda c: c == "worse", _domain, MIN_HOUSEHOLDS))))
    return tables


def outcome_tables(team_id: int) -> dict[str, Table]:
    """Every table of the page by name, in page order."""
    tables = [goals_table(team_id), referrals_table(team_id), participation_table(team_id), *change_tables(team_id)]
    return {table.name: table for table in tables}

"""Team lead pages: caseload dashboard, the lists behind its numbers, reach and outcomes; each table also as CSV.
Anyone but a team lead gets a 404; a team lead sees only their own team."""
from datetime import date

from flask import Blueprint, abort, current_app, render_template, request
from flask_login import current_user
from sqlalchemy import select

from .. import audit
from ..auth.endpoints import refuse
from ..auth.models import User
from ..cases.closing import waiting_requests
from ..cases.labels import CLOSE_REASON_LABELS, STAGE_LABELS
from ..cases.models import STAGES, Household, Neighbourhood
from ..extensions import db
from ..i18n import _
from ..timeutil import today
from ..web import record_id
from . import caseload, charts, outcome_tables, outcomes, reach
from .csvfile import csv_response
from .figures import figure_of
from .labels import INCOME_GROUP_LABELS

bp = Blueprint("reports", __name__, url_prefix="/team")


@bp.before_request
def record_report_view():
    """Team pages show figures about families: every view is audited. Who may see them is declared in
    auth/endpoints.py, like every page."""
    audit.record(current_user, f"report.{request.endpoint.split('.')[-1]}")


def wants_csv():
    return request.args.get("format") == "csv"


@bp.route("/")
def dashboard():
    rows = caseload.caseload(current_user.team_id)
    if wants_csv():
        header = [_("Coach")] + [str(STAGE_LABELS[s]) for s in STAGES] + [_("Open"), _("Weighted caseload")] + \
            [str(caseload.METRIC_LABELS[m]) for m in caseload.ATTENTION_METRICS]
        return csv_response("caseload", header, [
            [r.coach.name] + [r.stages.get(s, 0) for s in STAGES] + [r.total, round(r.weighted, 1)] +
            [r.metrics.get(m, 0) for m in caseload.ATTENTION_METRICS] for r in rows])
    return render_template("reports/dashboard.html", rows=rows, total=caseload.team_total(rows), stages=STAGES,
                           metrics=caseload.ATTENTION_METRICS, metric_labels=caseload.METRIC_LABELS,
                           weights=caseload.STAGE_WEIGHTS, closing_requests=waiting_requests(current_user))


@bp.route("/households")
def households():
    metric = request.args.get("metric", "open")
    coach_id = request.args.get("coach", type=record_id)
    page = None if wants_csv() else request.args.get("page", 1, type=record_id)  # the CSV holds the whole list
    try:
        listed = caseload.households_behind(current_user.team_id, metric, coach_id, page=page,
                                            per_page=current_app.config["PAGE_SIZE"])
    except KeyError:
        abort(404)
    coach = db.session.get(User, coach_id) if coach_id else None
    if coach is not None and coach.team_id != current_user.team_id:
        refuse(404)
    title = STAGE_LABELS[metric[6:]] if metric.startswith("stage:") else caseload.METRIC_LABELS[metric]
    headings = [str(heading) for heading in figure_of(metric).headings]
    if wants_csv():
        return csv_response("households", [_("Household"), _("Stage"), _("Neighbourhood"), _("Coordinator"), *headings],
                            [[row.household.pseudonym, STAGE_LABELS[row.household.stage],
                              _accepted_name(row.household.neighbourhood), row.household.coordinator.name, *row.cells]
                             for row in listed])
    return render_template("reports/households.html", page=listed, title=title, coach=coach, metric=metric,
                           headings=headings)


def _accepted_name(entry) -> str:
    """A download names only entries of the administrator's list; one awaiting review holds a coach's typed text."""
    return entry.name if entry is not None and not entry.to_review else ""


def period():
    def parse(name, default):
        try:
            return date.fromisoformat(request.args.get(name, ""))
        except ValueError:
            return default
    start = parse("from", date(today().year, 1, 1))
    end = parse("to", today())
    return (start, end) if start <= end else (end, start)


def reach_download(table: str, rows, provisions, left):
    """One of the reach page's tables as CSV, for the team lead and the policy officer alike."""
    if table == "provisions":
        return csv_response("provisions", [_("Fund or organisation"), _("Delivered")], provisions)
    if table == "left":
        return csv_response("closed", [_("Reason"), _("Households")],
                            [[CLOSE_REASON_LABELS.get(r, r), n] for r, n in left])
    return reach_csv(rows)


def reach_csv(rows):
    """The reach table with the page's headings: a share only where the target group is known."""
    return csv_response("reach", [_("Income group"), _("Children under 18 in support"), _("Children reached"),
                                  _("Of whom self-employed"), _("Target group"), _("Share reached"),
                                  _("National ambition")],
                        [[INCOME_GROUP_LABELS[r.income_group], r.children, r.reached, r.self_employed,
                          "" if r.target_group is None else r.target_group,
                          f"{r.share:.0%}" if r.share is not None else "",
                          f"{r.ambition:.0%}" if r.ambition else ""] for r in rows])


@bp.route("/reach")
def reach_report():
    """The team's reach as counts: target groups are sizes of areas, so a team's reach is no share of them."""
    start, end = period()
    neighbourhood = request.args.get("neighbourhood", type=record_id)
    scope = reach.Scope(team_id=current_user.team_id, neighbourhood_id=neighbourhood)
    rows = reach.reach(start, end, scope)
    provisions = reach.provisions_delivered(start, end, scope)
    entered, left = reach.flow(start, end, scope)
    table = request.args.get("table", "reach")
    if wants_csv():
        return reach_download(table, rows, provisions, left)
    team = current_user.team_id
    neighbourhoods = db.session.scalars(select(Neighbourhood).where(Neighbourhood.id.in_(
        select(Household.neighbourhood_id).where(Household.team_id == team))).order_by(Neighbourhood.name)).all()
    return render_template("reports/reach.html", rows=rows, chart=charts.reach_chart(rows, with_targets=False),
                           provisions=provisions, entered=entered, left=left,
                           start=start, end=end, neighbourhood=neighbourhood, neighbourhoods=neighbourhoods,
                           group_labels=INCOME_GROUP_LABELS)


@bp.route("/outcomes")
def outcomes_report():
    tables = outcome_tables.outcome_tables(current_user.team_id)
    if wants_csv():
        table = tables.get(request.args.get("table", "goals")) or abort(404)
        return csv_response(table.name, table.header, [["" if cell is None else cell for cell in row]
                                                       for row in table.rows])
    return render_template("reports/outcomes.html", tables=tables, minimum=outcomes.MIN_HOUSEHOLDS)

"""Team lead pages: caseload dashboard, the lists behind its numbers, reach and outcomes; each table also as CSV.
Anyone but a team lead gets a 404; a team lead sees only their own team."""
from datetime import date

from flask import Blueprint, abort, current_app, render_template, request
from flask_login import current_user
from sqlalchemy import select

from .. import audit
from ..auth.endpoints import refuse
from ..auth.models import User
from ..cases.labels import CLOSE_REASON_LABELS, INCOME_LABELS, STAGE_LABELS
from ..cases.models import STAGES, Household
from ..extensions import db
from ..i18n import _
from ..timeutil import today
from ..web import record_id
from . import caseload, outcome_tables, outcomes, reach
from .csvfile import csv_response

bp = Blueprint("reports", __name__, url_prefix="/team")


@bp.before_request
def record_report_view():
    """Team pages show figures about families: every view is audited. Who may see them is declared in
    auth/endpoints.py, like every page."""
    audit.record(current_user, f"report.{request.endpoint.split('.')[-1]}")


def _wants_csv():
    return request.args.get("format") == "csv"


@bp.route("/")
def dashboard():
    rows = caseload.caseload(current_user.team_id)
    if _wants_csv():
        header = [_("Coach")] + [str(STAGE_LABELS[s]) for s in STAGES] + [_("Open"), _("Weighted caseload")] + \
            [str(caseload.METRIC_LABELS[m]) for m in caseload.ATTENTION_METRICS]
        return csv_response("caseload", header, [
            [r.coach.name] + [r.stages.get(s, 0) for s in STAGES] + [r.total, round(r.weighted, 1)] +
            [r.metrics.get(m, 0) for m in caseload.ATTENTION_METRICS] for r in rows])
    return render_template("reports/dashboard.html", rows=rows, stages=STAGES, metrics=caseload.ATTENTION_METRICS,
                           metric_labels=caseload.METRIC_LABELS, weights=caseload.STAGE_WEIGHTS)


@bp.route("/households")
def households():
    metric = request.args.get("metric", "open")
    coach_id = request.args.get("coach", type=record_id)
    page = None if _wants_csv() else request.args.get("page", 1, type=record_id)  # the CSV holds the whole list
    try:
        listed = caseload.households_behind(current_user.team_id, metric, coach_id, page=page,
                                            per_page=current_app.config["PAGE_SIZE"])
    except KeyError:
        abort(404)
    coach = db.session.get(User, coach_id) if coach_id else None
    if coach is not None and coach.team_id != current_user.team_id:
        refuse(404)
    title = STAGE_LABELS[metric[6:]] if metric.startswith("stage:") else caseload.METRIC_LABELS[metric]
    if _wants_csv():
        return csv_response("households", [_("Household"), _("Stage"), _("Neighbourhood"), _("Coordinator")],
                            [[h.pseudonym, STAGE_LABELS[h.stage], h.neighbourhood or "", h.coordinator.name]
                             for h in listed])
    return render_template("reports/households.html", page=listed, title=title, coach=coach, metric=metric)


def _period():
    def parse(name, default):
        try:
            return date.fromisoformat(request.args.get(name, ""))
        except ValueError:
            return default
    start = parse("from", date(today().year, 1, 1))
    end = parse("to", today())
    return (start, end) if start <= end else (end, start)


@bp.route("/reach")
def reach_report():
    start, end = _period()
    neighbourhood = request.args.get("neighbourhood") or None
    team = current_user.team_id
    rows = reach.reach(team, start, end, neighbourhood)
    provisions = reach.provisions_delivered(team, start, end, neighbourhood)
    entered, left = reach.flow(team, start, end, neighbourhood)
    table = request.args.get("table", "reach")
    if _wants_csv():
        if table == "provisions":
            return csv_response("provisions", [_("Fund or organisation"), _("Delivered")], provisions)
        if table == "left":
            return csv_response("closed", [_("Reason"), _("Households")],
                                [[CLOSE_REASON_LABELS.get(r, r), n] for r, n in left])
        return csv_response("reach", [_("Income situation"), _("Children reached"), _("Target group"), _("Share"),
                                      _("Ambition")],
                            [[INCOME_LABELS[r.income_situation], r.children, r.target_group or "",
                              f"{r.share:.0%}" if r.share is not None else "",
                              f"{r.ambition:.0%}" if r.ambition else ""] for r in rows])
    neighbourhoods = db.session.scalars(select(Household.neighbourhood).distinct().where(
        Household.team_id == team, Household.neighbourhood.is_not(None)).order_by(Household.neighbourhood)).all()
    return render_template("reports/reach.html", rows=rows, provisions=provisions, entered=entered, left=left,
                           start=start, end=end, neighbourhood=neighbourhood, neighbourhoods=neighbourhoods)


@bp.route("/outcomes")
def outcomes_report():
    tables = outcome_tables.outcome_tables(current_user.team_id)
    if _wants_csv():
        table = tables.get(request.args.get("table", "goals")) or abort(404)
        return csv_response(table.name, table.header, [["" if cell is None else cell for cell in row]
                                                       for row in table.rows])
    return render_template("reports/outcomes.html", tables=tables, minimum=outcomes.MIN_HOUSEHOLDS)

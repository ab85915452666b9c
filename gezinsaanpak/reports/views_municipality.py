"""The policy officer's pages: the municipality's reach against the target groups, its outcomes and the anonymised
monitoring export. Counts, shares and categories only: a policy officer opens no family's file."""
import io
import tempfile
from pathlib import Path

from flask import Blueprint, abort, render_template, request, send_file
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import DateField, SubmitField
from wtforms.validators import InputRequired

from .. import audit
from ..errors import InvalidInput
from ..i18n import _, _l
from ..timeutil import today
from . import charts, outcome_tables, outcomes, reach
from .csvfile import csv_response
from .export import export_monitoring
from .labels import INCOME_GROUP_LABELS
from .operations import parse_scope, scope_choices
from .views import period, reach_download, wants_csv

bp = Blueprint("municipality", __name__, url_prefix="/municipality")


@bp.before_request
def record_report_view():
    """Figures about families, even as counts: every view is audited, like the team pages."""
    audit.record(current_user, f"report.municipality_{request.endpoint.split('.')[-1]}")


@bp.route("/reach")
def reach_report():
    start, end = period()
    error = None
    try:
        scope = parse_scope(request.args.get("scope"))
    except InvalidInput as refused:
        scope, error = reach.Scope(), str(refused)
    rows = reach.reach(start, end, scope)
    teams = reach.reach_by_team(start, end, scope)
    provisions = reach.provisions_delivered(start, end, scope)
    entered, left = reach.flow(start, end, scope)
    if wants_csv():
        table = request.args.get("table", "reach")
        if table == "teams":
            return csv_response("reach-teams", [_("Team"), _("Income group"), _("Children under 18 in support"),
                                                _("Children reached")],
                                [[name, INCOME_GROUP_LABELS[r.income_group], r.children, r.reached]
                                 for name, team_rows in teams for r in team_rows])
        return reach_download(table, rows, provisions, left)
    return render_template("reports/reach_municipality.html", rows=rows, chart=charts.reach_chart(rows, True),
                           teams=teams, provisions=provisions,
                           entered=entered, left=left, start=start, end=end, scope=scope,
                           scope_value=request.args.get("scope", "") if error is None else "",
                           scopes=scope_choices(), error=error, group_labels=INCOME_GROUP_LABELS), \
        400 if error else 200


@bp.route("/outcomes")
def outcomes_report():
    tables = outcome_tables.outcome_tables(None)
    if wants_csv():
        table = tables.get(request.args.get("table", "goals")) or abort(404)
        return csv_response(table.name, table.header, [["" if cell is None else cell for cell in row]
                                                       for row in table.rows])
    return render_template("reports/outcomes.html", tables=tables, minimum=outcomes.MIN_HOUSEHOLDS)


class ExportForm(FlaskForm):
    start = DateField(_l("From"), default=lambda: today().replace(month=1, day=1),
                      validators=[InputRequired(message=_l("Enter the first day of the period."))])
    end = DateField(_l("To"), default=today,
                    validators=[InputRequired(message=_l("Enter the last day of the period."))])
    submit = SubmitField(_l("Download the export"))


@bp.route("/export", methods=["GET", "POST"])
def export():
    """The anonymised monitoring export as an SQLite file, the same as `flask export monitoring` writes."""
    form = ExportForm()
    if form.validate_on_submit():
        if form.start.data > form.end.data:
            form.end.errors = [*form.end.errors, _("The last day comes after the first.")]
        else:
            with tempfile.TemporaryDirectory() as folder:
                out = Path(folder) / "monitoring.db"
                export_monitoring(str(out), form.start.data, form.end.data)
                data = out.read_bytes()
            audit.record(current_user, "report.municipality_export_download",
                         detail={"from": form.start.data.isoformat(), "to": form.end.data.isoformat()})
            name = f"monitoring-{form.start.data.isoformat()}-{form.end.data.isoformat()}.db"
            return send_file(io.BytesIO(data), mimetype="application/vnd.sqlite3", as_attachment=True,
                             download_name=name)
    return render_template("reports/export.html", form=form), 400 if form.errors else 200

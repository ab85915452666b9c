"""The administrator enters how many children each target group holds, per year and neighbourhood."""
from flask import flash, redirect, render_template, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import IntegerField, SelectField, StringField, SubmitField
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from ..admin.views import bp
from ..cases.labels import INCOME_LABELS
from ..errors import InvalidInput
from ..extensions import db
from ..forms import show_error
from ..i18n import _, _l
from ..timeutil import today
from .models import ReachTarget
from .operations import save_reach_target


class TargetForm(FlaskForm):
    year = IntegerField(_l("Year"), default=lambda: today().year, validators=[
        InputRequired(message=_l("Enter a year.")), NumberRange(min=2000, max=2100, message=_l("Enter a year."))])
    income_situation = SelectField(_l("Target group"), choices=[(k, v) for k, v in INCOME_LABELS.items()
                                                                if k in ("social_assistance", "working",
                                                                         "self_employed", "other_benefit")])
    neighbourhood = StringField(_l("Neighbourhood (empty for the whole municipality)"),
                                validators=[Optional(), Length(max=120)])
    children = IntegerField(_l("Number of children in this group"), validators=[
        InputRequired(message=_l("Enter the number of children.")),
        NumberRange(min=0, max=10_000_000, message=_l("Enter a number of 0 or more."))])
    submit = SubmitField(_l("Save"))


@bp.route("/targets", methods=["GET", "POST"])
def targets():
    form = TargetForm()
    if form.validate_on_submit():
        try:
            save_reach_target(current_user, form.year.data, form.income_situation.data, form.neighbourhood.data,
                              form.children.data)
        except InvalidInput as error:
            show_error(form, error, "children")
        else:
            flash(_("Target group saved."), "success")
            return redirect(url_for("admin.targets"))
    rows = db.session.scalars(select(ReachTarget).order_by(ReachTarget.year.desc(), ReachTarget.neighbourhood,
                                                           ReachTarget.income_situation)).all()
    return render_template("reports/targets.html", form=form, rows=rows), 400 if form.errors else 200

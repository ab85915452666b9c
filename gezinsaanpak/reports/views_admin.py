"""The administrator enters how many children each target group holds, per year, for the whole municipality, a
district or a neighbourhood."""
from flask import flash, redirect, render_template, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from sqlalchemy.orm import joinedload
from wtforms import IntegerField, SelectField, SubmitField
from wtforms.validators import InputRequired, NumberRange

from ..admin.views import bp
from ..errors import InvalidInput
from ..extensions import db
from ..forms import show_error
from ..i18n import _, _l
from ..timeutil import today
from .labels import INCOME_GROUP_LABELS
from .models import INCOME_GROUPS, TargetGroup
from .operations import parse_scope, save_target_group, scope_choices


class TargetForm(FlaskForm):
    year = IntegerField(_l("Year"), default=lambda: today().year, validators=[
        InputRequired(message=_l("Enter a year.")), NumberRange(min=2000, max=2100, message=_l("Enter a year."))])
    income_group = SelectField(_l("Target group"), choices=list(INCOME_GROUP_LABELS.items()))
    scope = SelectField(_l("Area"), choices=[], validate_choice=False)
    children = IntegerField(_l("Number of children under 18 in this group"), validators=[
        InputRequired(message=_l("Enter the number of children.")),
        NumberRange(min=0, max=10_000_000, message=_l("Enter a number of 0 or more."))])
    submit = SubmitField(_l("Save"))


def _in_page_order(target: TargetGroup):
    """Newest year first; the municipality, then districts, then neighbourhoods; groups as the ambition names them."""
    area = ((2, target.neighbourhood.name) if target.neighbourhood else (1, target.district) if target.district
            else (0, ""))
    return -target.year, area, INCOME_GROUPS.index(target.income_group)


@bp.route("/targets", methods=["GET", "POST"])
def targets():
    form = TargetForm()
    form.scope.choices = scope_choices()
    if form.validate_on_submit():
        try:
            save_target_group(current_user, form.year.data, form.income_group.data, parse_scope(form.scope.data),
                              form.children.data)
        except InvalidInput as error:
            show_error(form, error, "children")
        else:
            flash(_("Target group saved."), "success")
            return redirect(url_for("admin.targets"))
    rows = sorted(db.session.scalars(select(TargetGroup).options(joinedload(TargetGroup.neighbourhood))),
                  key=_in_page_order)
    return render_template("reports/targets.html", form=form, rows=rows,
                           group_labels=INCOME_GROUP_LABELS), 400 if form.errors else 200

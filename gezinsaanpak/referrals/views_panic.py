"""Panic budget pages: spending for a household, and the yearly limits an administrator sets."""
from flask import flash, redirect, render_template, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import DateField, IntegerField, SelectField, StringField, SubmitField
from wtforms.validators import InputRequired, Length, NumberRange, ValidationError

from ..auth.models import Team, User
from ..cases.access import get_household_or_404
from ..errors import InvalidInput
from ..extensions import db
from ..forms import show_error
from ..i18n import _, _l
from ..timeutil import today
from . import panic
from .operations import parse_amount
from .views import bp


class AmountMixin:
    amount_cents = None

    def validate_amount(self, field):
        try:
            self.amount_cents = parse_amount(field.data)
        except InvalidInput as error:
            raise ValidationError(str(error))
        if self.amount_cents is None:
            raise ValidationError(_l("Enter an amount, for example 45,00."))


class SpendingForm(AmountMixin, FlaskForm):
    spent_on = DateField(_l("Date"), default=today, validators=[InputRequired(message=_l("Enter the date."))])
    amount = StringField(_l("Amount in euros"), validators=[Length(max=20)], description=_l("For example 45,00."))
    purpose = StringField(_l("What for"), validators=[Length(max=300)],
                          description=_l("For example: groceries until the benefit is paid; a bus card."))
    submit = SubmitField(_l("Record spending"))


class LimitForm(AmountMixin, FlaskForm):
    year = IntegerField(_l("Year"), default=lambda: today().year, validators=[
        InputRequired(message=_l("Enter a year.")), NumberRange(min=2000, max=2100, message=_l("Enter a year."))])
    team_id = SelectField(_l("Team"), coerce=int)
    coach_id = SelectField(_l("Coach (empty for the whole team)"), coerce=int)
    amount = StringField(_l("Yearly limit in euros"), validators=[Length(max=20)])
    submit = SubmitField(_l("Save limit"))


@bp.route("/households/<int:household_id>/panic-budget", methods=["GET", "POST"])
def panic_budget(household_id):
    household = get_household_or_404(household_id, need="edit", action="panic_budget.form")
    form = SpendingForm()
    if form.validate_on_submit():
        try:
            panic.record_spending(current_user, household, form.spent_on.data, form.amount_cents, form.purpose.data)
        except InvalidInput as error:
            show_error(form, error)
        else:
            flash(_("Spending recorded."), "success")
            return redirect(url_for("referrals.panic_budget", household_id=household.id))
    spendings = db.session.scalars(select(panic.PanicSpending).where(panic.PanicSpending.household_id == household.id)
                                   .order_by(panic.PanicSpending.spent_on.desc())).all()
    left = panic.remaining(household.team_id, current_user.id, today().year)
    return render_template("referrals/panic_budget.html", household=household, form=form, spendings=spendings,
                           left=left), 400 if form.errors or form.form_errors else 200


@bp.route("/admin/panic-budget", methods=["GET", "POST"])
def panic_limits():
    form = LimitForm()
    form.team_id.choices = [(t.id, t.name) for t in db.session.scalars(select(Team).order_by(Team.name))]
    form.coach_id.choices = [(0, _("The whole team"))] + [
        (u.id, f"{u.name} ({u.team.name})") for u in db.session.scalars(
            select(User).where(User.role == "coach").order_by(User.name))]
    if form.validate_on_submit():
        try:
            panic.set_limit(current_user, form.year.data, form.team_id.data, form.amount_cents,
                            form.coach_id.data or None)
        except InvalidInput as error:
            show_error(form, error, "amount")
        else:
            flash(_("Limit saved."), "success")
            return redirect(url_for("referrals.panic_limits"))
    limits = db.session.execute(select(panic.PanicBudget, Team).join(Team, Team.id == panic.PanicBudget.team_id)
                                .order_by(panic.PanicBudget.year.desc(), Team.name)).all()
    rows = [(budget, team, panic.remaining(team.id, budget.coach_id or 0, budget.year)) for budget, team in limits]
    status = 400 if form.errors else 200
    return render_template("referrals/panic_limits.html", form=form, rows=rows), status

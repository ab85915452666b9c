"""The support period of a household: how long it runs, and extending it with a reason and the team lead's word."""
from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from ..auth.permissions import can_extend_support
from ..errors import InvalidInput
from ..forms import show_error
from ..i18n import _
from . import support
from .access import get_household_or_404
from .forms import DecisionForm, ExtensionForm
from .views import bp


@bp.route("/households/<int:household_id>/support-period", methods=["GET", "POST"])
def support_period(household_id):
    """The period, its extensions; a coach asks to extend, the team lead extends at once."""
    need, action = ("edit", "support.form") if request.method == "POST" else ("view", "support.view")
    household = get_household_or_404(household_id, need=need, action=action)
    form = ExtensionForm()
    may_decide = can_extend_support(current_user, household)
    if may_decide:
        form.submit.label.text = _("Extend")
    if form.validate_on_submit():
        try:
            extension = support.request_extension(current_user, household, form.until_on.data, form.reason.data)
        except InvalidInput as error:
            show_error(form, error)
        else:
            flash(_("The support period is extended.") if extension.agreed else
                  _("Your request is waiting for the team lead."), "success")
            return redirect(url_for("cases.support_period", household_id=household.id))
    return render_template("cases/support_period.html", household=household, form=form,
                           period=support.support_period(household), may_decide=may_decide,
                           decision=DecisionForm()), 400 if form.errors or form.form_errors else 200


@bp.route("/households/<int:household_id>/support-period/decision", methods=["POST"])
def decide_extension(household_id):
    """The team lead agrees to a waiting request or declines it."""
    household = get_household_or_404(household_id, need="lead", action="support.decide")
    form = DecisionForm()
    if form.validate_on_submit():
        try:
            extension = support.decide_extension(current_user, household, agree=bool(form.agree.data))
        except InvalidInput as error:
            flash(str(error), "error")
        else:
            flash(_("The support period is extended.") if extension.agreed else _("The request is declined."),
                  "success")
    return redirect(url_for("cases.support_period", household_id=household.id))

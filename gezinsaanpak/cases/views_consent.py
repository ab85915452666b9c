"""The family's consent to registration: recording its withdrawal, and a new consent when the family agrees again."""
from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from ..errors import InvalidInput
from ..forms import show_error
from ..i18n import _
from . import consent
from .access import get_household_or_404
from .forms import ConsentForm, WithdrawConsentForm
from .views import bp


@bp.route("/households/<int:household_id>/consent/withdraw", methods=["GET", "POST"])
def withdraw_consent(household_id):
    """The coach records that the family withdrew its consent; the next step the guide asks is closing."""
    household = get_household_or_404(household_id, need="edit", action="household.consent_withdraw_form")
    if not household.has_consent:
        flash(_("There is no consent to registration in force to withdraw."), "error")
        return redirect(url_for("cases.household", household_id=household.id) + "#facts")
    form = WithdrawConsentForm()
    if form.validate_on_submit():
        try:
            consent.withdraw_registration_consent(current_user, household, form.withdrawn_on.data, form.note.data)
        except InvalidInput as error:
            show_error(form, error, "withdrawn_on")
        else:
            flash(_("The withdrawal is recorded: nothing is shared with the network any more and no new referral "
                    "can be made."), "success")
            return redirect(url_for("cases.household", household_id=household.id))
    return render_template("cases/consent.html", household=household, form=form, withdrawing=True,
                           title=_("The family withdraws its consent")), 400 if form.errors else 200


@bp.route("/households/<int:household_id>/consent/new", methods=["GET", "POST"])
def new_consent(household_id):
    """The family agrees again after withdrawing its consent."""
    household = get_household_or_404(household_id, need="edit", action="household.consent_form")
    form = ConsentForm()
    if form.validate_on_submit():
        try:
            consent.record_consent(current_user, household, form.consent_on.data, form.consent_scope.data)
        except InvalidInput as error:
            show_error(form, error, "consent_on")
        else:
            flash(_("The family's consent is recorded again."), "success")
            return redirect(url_for("cases.household", household_id=household.id))
    return render_template("cases/consent.html", household=household, form=form, withdrawing=False,
                           title=_("The family consents again")), 400 if form.errors else 200

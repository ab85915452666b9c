"""Pages of the referrals area: start a referral, follow it up step by step, and the household overview."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_login import current_user

from ..cases.access import get_household_or_404, get_in_household_or_404
from ..errors import EditConflict, InvalidInput
from ..forms import show_error
from ..history import changes_of
from ..i18n import _, euros
from ..locking import check_version, stale_step_message
from . import labels, operations
from .forms import FollowUpForm, ParticipationForm, ReferralDetailsForm, ReferralForm, StatusForm
from .funds import active_funds
from .models import Referral
from .operations import NEXT_STATUSES
from .queries import household_overview

bp = Blueprint("referrals", __name__)


@bp.app_context_processor
def inject_referral_labels():
    return {"referral_labels": labels}


def _show(household, referral, message=None, category="success"):
    if message:
        flash(message, category)
    return redirect(url_for("referrals.show", household_id=household.id, referral_id=referral.id))


@bp.route("/households/<int:household_id>/referrals/new", methods=["GET", "POST"])
def new(household_id):
    """Start a referral; a suggestion prefills member, fund and who applies."""
    household = get_household_or_404(household_id, need="edit", action="referral.form")
    if not household.has_consent and request.method == "GET":
        flash(str(operations.NO_CONSENT_YET), "error")
        return redirect(url_for("cases.household", household_id=household.id))
    form = ReferralForm()
    form.member_id.choices = [(0, _("The whole household"))] + [(m.id, m.first_name) for m in household.members]
    form.fund_id.choices = [(0, _("– a local organisation (name it below) –"))] + [
        (f.id, f.name) for f in active_funds()]
    if request.method == "GET":
        form.member_id.data = request.args.get("member_id", 0, type=int)
        form.fund_id.data = request.args.get("fund_id", 0, type=int)
        if request.args.get("applied_by") in labels.APPLIED_BY_LABELS:
            form.applied_by.data = request.args["applied_by"]
    elif form.validate_on_submit():
        try:
            referral = operations.create_referral(
                current_user, household, form.request.data, fund_id=form.fund_id.data or None,
                organisation=form.organisation.data, member_id=form.member_id.data or None,
                amount_cents=form.amount_cents, applied_by=form.applied_by.data,
                follow_up_on=form.follow_up_on.data, decision_expected_on=form.decision_expected_on.data)
        except InvalidInput as error:
            show_error(form, error, "request")
        else:
            return _show(household, referral, _("Referral started. It shows on your start page on the "
                                                "follow-up date."))
    return render_template("referrals/new.html", household=household, form=form), 400 if form.errors else 200


@bp.route("/households/<int:household_id>/referrals/<int:referral_id>", methods=["GET", "POST"])
def show(household_id, referral_id):
    """The referral with its history, and the forms for its next step, a new follow-up date and participation.

    The forms post here, so a mistake re-renders this page with what was typed.
    """
    posted = request.method == "POST"
    household = get_household_or_404(household_id, need="edit" if posted else "view",
                                     action="referral.step" if posted else "referral.view")
    referral = get_in_household_or_404(Referral, referral_id, household)
    step = request.form.get("step") if posted else None
    if posted and step not in STEPS:
        return _show(household, referral, _("The request could not be processed. Please go back and try again."),
                     "error")
    forms = {name: form_class(prefix=prefix) if name == step else form_class(formdata=None, prefix=prefix)
             for name, (form_class, prefix) in FORMS.items()}
    status = 400 if posted else 200
    if posted:
        try:
            message = STEPS[step](household, referral, forms[step])
        except EditConflict:
            flash(stale_step_message(), "error")
            status = 409
            forms = {name: form_class(formdata=None, prefix=prefix) for name, (form_class, prefix) in FORMS.items()}
        else:
            if message:
                return _show(household, referral, message)
    for form in forms.values():
        if form.version.data in (None, ""):
            form.version.data = referral.version
    forms["status"].to_status.choices = [(s, labels.STATUS_LABELS[s]) for s in NEXT_STATUSES[referral.status]]
    if not posted and request.args.get("to") in NEXT_STATUSES[referral.status]:
        forms["status"].to_status.data = request.args["to"]
    overview = household_overview(household, suggest=False)
    return render_template("referrals/show.html", household=household, referral=referral, status_form=forms["status"],
                           follow_up_form=forms["follow_up"], participation_form=forms["participation"],
                           attention=overview.attention(referral), may_renew=overview.may_renew(referral),
                           renewals=[r for r in overview.referrals if r.renewal_of_id == referral.id],
                           changes=changes_of("referral", referral.id, household.id)), status


def _status_step(household, referral, form):
    form.to_status.choices = [(s, labels.STATUS_LABELS[s]) for s in NEXT_STATUSES[referral.status]]
    check_version(referral, form.version.data)  # before the choices: they were those of the old page
    if form.validate_on_submit():
        try:
            operations.change_status(current_user, household, referral, form.to_status.data, form.changed_on.data,
                                     form.note.data, form.follow_up_on.data, form.decision_expected_on.data)
        except InvalidInput as error:
            show_error(form, error, "to_status")
        else:
            return _("Status changed to “%(status)s”.", status=labels.STATUS_LABELS[referral.status])
    return None


def _follow_up_step(household, referral, form):
    check_version(referral, form.version.data)  # before the choices: they were those of the old page
    if form.validate_on_submit():
        try:
            operations.follow_up_again(current_user, household, referral, form.follow_up_on.data)
        except InvalidInput as error:
            show_error(form, error, "follow_up_on")
        else:
            return _("Next follow-up planned.")
    return None


def _participation_step(household, referral, form):
    check_version(referral, form.version.data)  # before the choices: they were those of the old page
    if form.validate_on_submit():
        try:
            operations.record_participation(current_user, household, referral, form.participation.data,
                                            form.checked_on.data)
        except InvalidInput as error:
            show_error(form, error, "participation")
        else:
            return _("Participation recorded.")
    return None


FORMS = {"status": (StatusForm, ""), "follow_up": (FollowUpForm, "again"),
         "participation": (ParticipationForm, "participation")}
STEPS = {"status": _status_step, "follow_up": _follow_up_step, "participation": _participation_step}


@bp.route("/households/<int:household_id>/referrals/<int:referral_id>/edit", methods=["GET", "POST"])
def edit(household_id, referral_id):
    household = get_household_or_404(household_id, need="edit", action="referral.edit_form")
    referral = get_in_household_or_404(Referral, referral_id, household)
    form = ReferralDetailsForm(obj=referral if request.method == "GET" else None)  # a post says its own version
    if request.method == "GET" and referral.amount_cents is not None:
        form.amount.data = euros(referral.amount_cents, symbol=False)
    conflict = None
    if form.validate_on_submit():
        try:
            check_version(referral, form.version.data)
            operations.update_referral(current_user, household, referral, form.request.data, form.amount_cents,
                                       form.applied_by.data, form.follow_up_on.data, form.decision_expected_on.data)
        except InvalidInput as error:
            show_error(form, error, "request")
        except EditConflict:
            conflict = _referral_conflict(referral)
            form.version.data = referral.version
        else:
            return _show(household, referral, _("Referral saved."))
    status = 409 if conflict else 400 if form.errors else 200
    return render_template("referrals/edit.html", household=household, referral=referral, form=form,
                           conflict=conflict), status


def _referral_conflict(referral):
    """What is saved now, to show beside what the user typed."""
    return [(_("What is asked"), referral.request), (_("Amount in euros (optional)"), euros(referral.amount_cents)),
            (_("Who applies"), labels.APPLIED_BY_LABELS[referral.applied_by]),
            (_("Follow up on"), format_date(referral.follow_up_on) if referral.follow_up_on else "–")]


@bp.route("/households/<int:household_id>/referrals/<int:referral_id>/renew", methods=["POST"])
def renew(household_id, referral_id):
    """One click: the renewal of a yearly grant, ready to apply."""
    household = get_household_or_404(household_id, need="edit", action="referral.renew")
    referral = get_in_household_or_404(Referral, referral_id, household)
    try:
        check_version(referral, request.form.get("version"))
        renewal = operations.renew_referral(current_user, household, referral)
    except InvalidInput as error:
        return _show(household, referral, str(error), "error")
    except EditConflict:
        return _show(household, referral, stale_step_message(), "error")
    return _show(household, renewal, _("Renewal started. Check what is asked and apply before the grant lapses."))


@bp.route("/households/<int:household_id>/referrals/<int:referral_id>/skip-renewal", methods=["POST"])
def skip_renewal(household_id, referral_id):
    household = get_household_or_404(household_id, need="edit", action="referral.skip_renewal")
    referral = get_in_household_or_404(Referral, referral_id, household)
    try:
        check_version(referral, request.form.get("version"))
        operations.skip_renewal(current_user, household, referral)
    except InvalidInput as error:
        return _show(household, referral, str(error), "error")
    except EditConflict:
        return _show(household, referral, stale_step_message(), "error")
    return _show(household, referral, _("No renewal: the reminder is removed."))


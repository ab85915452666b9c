"""The fund catalogue for administrators: list, add local schemes, edit, retire and restore."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import func, select

from ..errors import InvalidInput
from ..extensions import db
from ..forms import ask_first, show_error
from ..i18n import _
from . import funds as catalogue
from .forms import FundForm
from .models import Fund, Referral
from .views import bp


@bp.route("/admin/funds")
def funds():
    """Every fund, active ones first, with how many referrals went to each (counts only, no family data)."""
    rows = db.session.execute(
        select(Fund, func.count(Referral.id)).outerjoin(Referral, Referral.fund_id == Fund.id)
        .group_by(Fund.id).order_by(Fund.retired_at.is_not(None), Fund.name)).all()
    return render_template("referrals/admin_funds.html", rows=rows)


@bp.route("/admin/funds/new", methods=["GET", "POST"])
def new_fund():
    form = FundForm()
    if form.validate_on_submit():
        try:
            fund = catalogue.create_fund(current_user, **_values(form))
        except InvalidInput as error:
            show_error(form, error, "name")
        else:
            flash(_("%(name)s is added to the catalogue.", name=fund.name), "success")
            return redirect(url_for("referrals.funds"))
    return render_template("referrals/admin_fund_form.html", form=form, fund=None,
                           title=_("Add a local scheme")), 400 if form.errors else 200


@bp.route("/admin/funds/<int:fund_id>/edit", methods=["GET", "POST"])
def edit_fund(fund_id):
    fund = db.session.get(Fund, fund_id) or abort(404)
    form = FundForm(obj=fund)
    if request.method == "GET":
        form.applicants.data = fund.applicant_list
    if form.validate_on_submit():
        try:
            catalogue.update_fund(current_user, fund, **_values(form))
        except InvalidInput as error:
            show_error(form, error, "name")
        else:
            flash(_("%(name)s is saved.", name=fund.name), "success")
            return redirect(url_for("referrals.funds"))
    return render_template("referrals/admin_fund_form.html", form=form, fund=fund,
                           title=_("Edit %(name)s", name=fund.name)), 400 if form.errors else 200


@bp.route("/admin/funds/<int:fund_id>/retire", methods=["POST"])
def retire_fund(fund_id):
    """Retire (or restore) a fund; old referrals keep showing it, new referrals no longer offer it."""
    fund = db.session.get(Fund, fund_id) or abort(404)
    question = fund.retired_at is None and ask_first(
        _("Are you sure you want to retire “%(what)s”?", what=fund.name),
        _("It is no longer offered for new referrals; referrals that use it keep it. It can be offered again."),
        _("Yes, retire"), url_for("referrals.funds"))
    if question:
        return question
    catalogue.set_retired(current_user, fund, fund.retired_at is None)
    if fund.retired_at:
        flash(_("%(name)s is retired: it is no longer offered for new referrals.", name=fund.name), "success")
    else:
        flash(_("%(name)s is offered again.", name=fund.name), "success")
    return redirect(url_for("referrals.funds"))


def _values(form) -> dict:
    return {key: getattr(form, key).data for key in catalogue.EDITABLE}

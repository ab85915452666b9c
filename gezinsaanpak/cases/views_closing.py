"""A request to close, where closing needs the team lead's sign-off (cases/closing.py): the coach reads where it
stands, the team lead of the team signs it off or sends it back."""
from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from ..auth.permissions import can_extend_support
from ..errors import InvalidInput
from ..forms import show_error
from ..i18n import _
from . import closing
from .access import get_household_or_404
from .forms import ClosingDecisionForm
from .registry import household_parts
from .views import bp


def _page(household, form, status=200):
    request = household.closing_request
    may_decide = (request is not None and request.is_pending and can_extend_support(current_user, household)
                  and current_user.id not in (request.requested_by_id, household.coordinator_id))
    summary = [item for part in household_parts().closing for item in part(household)]
    return render_template("cases/closing_request.html", household=household, asked=request, form=form,
                           may_decide=may_decide, summary=summary), status


@bp.route("/households/<int:household_id>/closing")
def closing_request(household_id):
    """The request to close: what the coach wrote down, where the goals stand, and the team lead's answer."""
    household = get_household_or_404(household_id, action="household.closing_view")
    return _page(household, ClosingDecisionForm())


@bp.route("/households/<int:household_id>/closing/decision", methods=["POST"])
def decide_closing(household_id):
    """The team lead of the team signs off (the household closes) or sends back with why."""
    household = get_household_or_404(household_id, need="lead", action="household.closing_decide")
    form = ClosingDecisionForm()
    if not form.validate_on_submit():
        return redirect(url_for("cases.household", household_id=household.id))
    try:
        if form.approve.data:
            closing.approve_closing(current_user, household)
            flash(_("Signed off: the household is closed."), "success")
            return redirect(url_for("cases.household", household_id=household.id))
        closing.send_back(current_user, household, form.why.data)
    except InvalidInput as error:
        if household.closing_request is None:
            flash(str(error), "error")
            return redirect(url_for("cases.household", household_id=household.id))
        if error.field == "why":
            show_error(form, error)
        else:  # the closing itself is refused (a goal still open): above the form, for the coach to sort out
            form.form_errors.append(str(error))
        return _page(household, form, 400)
    flash(_("Sent back to the coach with your reason."), "success")
    return redirect(url_for("reports.dashboard"))

"""The home-visit screen: log the visit, tick what was seen per member, review the goals that are due; one save."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user

from ..cases.access import get_household_or_404
from ..errors import InvalidInput
from ..extensions import db
from ..forms import show_error
from ..i18n import _
from ..plans.queries import goals_to_review
from ..signals.forms import read_ticks
from ..signals.queries import open_signals, recording_sections
from ..timeutil import today
from . import operations
from .forms import VisitForm, read_reviews

bp = Blueprint("visits", __name__)


@bp.route("/households/<int:household_id>/home-visit", methods=["GET", "POST"])
def home_visit(household_id):
    """Everything of one visit on one screen; a refusal brings the screen back with all that was typed."""
    household = get_household_or_404(household_id, need="edit", action="home_visit.form")
    if household.is_closed:
        flash(_("Reopen this household before recording a home visit."), "warning")
        return redirect(url_for("cases.household", household_id=household.id))
    form = VisitForm()
    on = form.contact_on.data if form.contact_on.data and form.contact_on.data <= today() else today()
    sections = recording_sections(household, on)
    due, other = goals_to_review(household, on) if household.is_registered else ([], [])
    typed, reviewed, errors, problem = {}, {}, {}, None
    if request.method == "POST":
        ticks, typed, errors = read_ticks(request.form, sections)
        reviews, reviewed, review_errors = read_reviews(request.form, due + other)
        errors |= review_errors
        if form.validate_on_submit() and not errors:
            try:
                operations.record_home_visit(current_user, household, form.contact_on.data, form.note.data,
                                             form.duration_minutes.data, ticks, reviews)
            except InvalidInput as error:
                db.session.rollback()  # nothing of the visit is kept; the screen shows it all again
                if error.field in form._fields:
                    show_error(form, error)
                elif error.field in typed or (error.field or "").startswith("goal"):
                    errors[error.field] = str(error)
                else:
                    problem = str(error)
            else:
                flash(_("Home visit saved: %(signals)d signals, %(reviews)d goal reviews.", signals=len(ticks),
                        reviews=len(reviews)), "success")
                return redirect(url_for("cases.household", household_id=household.id))
    failed = bool(form.errors or errors or problem)
    if failed:
        form.contact_on.render_kw = {}  # the summary of what to correct takes the focus instead
    open_other = any(reviewed.get(f"goal{g.id}", {}).get("status")
                     or any(key.startswith(f"goal{g.id}.") for key in errors) for g in other)
    return render_template("visits/home_visit.html", household=household, form=form, sections=sections,
                           typed=typed, reviewed=reviewed, errors=errors, problem=problem, due=due, other=other,
                           open_other=open_other, taken=open_signals(household)), 400 if failed else 200

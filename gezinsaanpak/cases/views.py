"""The coach's pages: my households and the household overview."""
from flask import Blueprint, current_app, redirect, render_template, request, url_for
from flask_login import current_user

from ..auth.permissions import get_household_or_404
from ..timeutil import age_on, today
from . import labels
from .queries import months_in_support, visible_households

bp = Blueprint("cases", __name__)


@bp.app_context_processor
def inject_labels():
    return {"labels": labels, "months_in_support": months_in_support, "age_on": age_on, "today": today}


@bp.route("/")
def index():
    if current_user.role == "admin":
        return redirect(url_for("admin.users"))
    return redirect(url_for("cases.my_households"))


@bp.route("/my-households")
def my_households():
    include_closed = request.args.get("closed") == "1"
    page = visible_households(current_user, include_closed=include_closed, page=request.args.get("page", 1, type=int),
                         per_page=current_app.config["PAGE_SIZE"])
    return render_template("cases/my_households.html", page=page, include_closed=include_closed,
                           warning_months=current_app.config["SUPPORT_WARNING_MONTHS"])


@bp.route("/households/<int:household_id>")
def household(household_id: int):
    household = get_household_or_404(household_id)
    return render_template("cases/household.html", household=household,
                           warning_months=current_app.config["SUPPORT_WARNING_MONTHS"])

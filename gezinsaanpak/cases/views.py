"""The coach's pages: start page, my households, and the household overview with its timeline."""
from flask import Blueprint, current_app, redirect, render_template, request, url_for
from flask_login import current_user

from .. import audit
from ..auth.permissions import can_hand_over, can_view_audit
from ..timeutil import age_on, today
from . import labels
from .access import get_household_or_404
from .models import STAGES
from .operations import NEXT_STAGES
from .queries import Page, due_items, neighbourhoods, visible_households
from .registry import household_parts
from .support import support_period
from .timeline import kinds as timeline_kinds
from .timeline import timeline_page

bp = Blueprint("cases", __name__)
RECENT_ENTRIES = 10  # on the household page; the timeline page has the rest


@bp.app_context_processor
def inject_labels():
    return {"labels": labels, "support_period": support_period, "age_on": age_on, "today": today}


@bp.route("/")
def index():
    if current_user.role == "admin":
        return redirect(url_for("admin.users"))
    return redirect(url_for("cases.start"))


@bp.route("/start")
def start():
    """What needs doing: overdue and due this week, a page at a time (a team lead sees the whole team's)."""
    overdue, this_week = due_items(current_user)
    per_page = current_app.config["PAGE_SIZE"]
    everything = overdue + this_week  # oldest first: what waits longest comes first
    number = Page.within(request.args.get("page", 1, type=int), len(everything), per_page)
    first, last, split = (number - 1) * per_page, number * per_page, len(overdue)
    audit.record(current_user, "households.due", detail={"results": len(everything)})
    return render_template("cases/start.html", page=Page(everything[first:last], number, per_page, len(everything)),
                           overdue=everything[first:min(last, split)], this_week=everything[max(first, split):last],
                           overdue_count=len(overdue), this_week_count=len(this_week))


@bp.route("/my-households")
def my_households():
    args = request.args
    include_closed = args.get("closed") == "1"
    filters = {"stage": args.get("stage") or None, "neighbourhood": args.get("neighbourhood") or None,
               "search": (args.get("q") or "").strip()[:80] or None}
    page = visible_households(current_user, include_closed=include_closed, page=args.get("page", 1, type=int),
                              per_page=current_app.config["PAGE_SIZE"], **filters)
    # That a search happened and how many it found; never the text, which may hold a family's name.
    audit.record(current_user, "households.search" if filters["search"] else "households.list",
                 detail={"results": page.total})
    return render_template("cases/my_households.html", page=page, include_closed=include_closed, filters=filters,
                           stages=STAGES, neighbourhoods=neighbourhoods(current_user))


@bp.route("/households/<int:household_id>")
def household(household_id: int):
    household = get_household_or_404(household_id)
    sections = [(section, section.load(household)) for section in household_parts().sections]
    return render_template("cases/household.html", household=household, sections=sections,
                           recent=timeline_page(household, per_page=RECENT_ENTRIES),
                           next_stages=NEXT_STAGES[household.stage],
                           open_check_ins=[c for c in household.check_ins if not c.done_on],
                           may_hand_over=can_hand_over(current_user, household),
                           may_view_audit=can_view_audit(current_user, household),
                           support=support_period(household),
                           closing=household.transitions[-1] if household.is_closed else None)


@bp.route("/households/<int:household_id>/timeline")
def household_timeline(household_id: int):
    """Everything that happened, a page at a time, optionally one kind of entry."""
    household = get_household_or_404(household_id, action="household.timeline")
    kinds = timeline_kinds()
    kind = request.args.get("kind") if request.args.get("kind") in kinds else None
    page = timeline_page(household, page=request.args.get("page", 1, type=int),
                         per_page=current_app.config["PAGE_SIZE"], kind=kind)
    return render_template("cases/timeline.html", household=household, page=page, kind=kind, kinds=kinds)

"""The coach's pages: start page, my households, and the household overview with its timeline."""
from flask import Blueprint, current_app, redirect, render_template, request, url_for
from flask_login import current_user

from .. import audit
from ..auth.changes import TEAM_CHANGES_DAYS, team_changes
from ..auth.permissions import can_edit_household, can_export_household, can_hand_over, can_view_audit
from ..timeutil import age_on, today
from ..web import preload, record_id
from . import labels
from .access import get_household_or_404
from .models import STAGES
from .operations import NEXT_STAGES, is_backward
from .queries import Page, due_items, neighbourhoods, visible_households
from .registry import DueItem, household_parts
from .support import support_period
from .timeline import kinds as timeline_kinds
from .timeline import timeline_page

bp = Blueprint("cases", __name__)
RECENT_ENTRIES = 6  # on the household page; the timeline page has the rest
UPCOMING_SHOWN = 4  # dated items at the top of the household page


@bp.app_context_processor
def inject_labels():
    return {"labels": labels, "support_period": support_period, "age_on": age_on, "today": today,
            "may_edit": may_edit}


def may_edit(household) -> bool:
    """Whether a page shows the buttons and forms that change this household (not once it is erased)."""
    return can_edit_household(current_user._get_current_object(), household)


@bp.route("/")
def index():
    if current_user.role == "admin":
        return redirect(url_for("admin.users"))
    if current_user.role == "policy":
        return redirect(url_for("municipality.reach_report"))
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
    # A team lead notices an account in their team they did not expect (an administrator cannot slip one in).
    account_changes = team_changes(current_user.team_id) if current_user.role == "teamlead" else []
    return render_template("cases/start.html", page=Page(everything[first:last], number, per_page, len(everything)),
                           overdue=everything[first:min(last, split)], this_week=everything[max(first, split):last],
                           overdue_count=len(overdue), this_week_count=len(this_week), account_changes=account_changes,
                           account_change_days=TEAM_CHANGES_DAYS)


@bp.route("/my-households")
def my_households():
    args = request.args
    include_closed = args.get("closed") == "1"
    filters = {"stage": args.get("stage") or None, "neighbourhood": args.get("neighbourhood", type=record_id),
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
    """The household as a workspace: what it is and what comes next on top, one primary action, the stage moves
    forward before backward, and each area's part as a section that opens."""
    household = get_household_or_404(household_id)
    user = current_user._get_current_object()
    # What the page reads of the household's own small lists: the consent (may it refer?), the support period's
    # extensions and the planned contact moments; the closing request only while sign-off is asked, and the
    # stage moves only of a closed household (how it was closed).
    sign_off = current_app.config["CLOSING_NEEDS_TEAM_LEAD"]
    preload(household, "consents", "extensions", "check_ins", *(["closing_requests"] if sign_off else []),
            *(["transitions"] if household.is_closed else []))
    parts = household_parts()
    sections = [(section, section.load(household)) for section in parts.sections]
    open_check_ins = sorted((c for c in household.check_ins if not c.done_on and not household.is_closed),
                            key=lambda c: (c.due_on, c.id))
    coming = [(DueItem(c.due_on, household, c.subject, "check_in"), c.id) for c in open_check_ins]
    for source in parts.upcoming if not household.is_closed else ():  # a closed track has nothing coming up
        coming += [(item, None) for item in source(household)]
    coming.sort(key=lambda pair: pair[0].due_on)
    moves = NEXT_STAGES[household.stage]
    backward = [s for s in moves if is_backward(household, s)]
    return render_template("cases/household.html", household=household, sections=sections,
                           recent=timeline_page(household, per_page=RECENT_ENTRIES), coming=coming[:UPCOMING_SHOWN],
                           forward=[s for s in moves if s != "closed" and s not in backward], backward=backward,
                           may_close="closed" in moves,
                           may_hand_over=can_hand_over(user, household),
                           may_export=can_export_household(user, household),
                           may_view_audit=can_view_audit(user, household),
                           support=support_period(household),
                           # only while the municipality asks for sign-off: a request left waiting is moot after
                           asked=household.closing_request if sign_off else None,
                           closing=household.transitions[-1] if household.is_closed else None)


@bp.route("/households/<int:household_id>/timeline")
def household_timeline(household_id: int):
    """Everything that happened, a page at a time, optionally one kind of entry."""
    household = get_household_or_404(household_id, action="household.timeline")
    kinds = timeline_kinds()
    kind = request.args.get("kind") if request.args.get("kind") in kinds else None
    page = timeline_page(household, page=request.args.get("page", 1, type=int),
                         per_page=current_app.config["PAGE_SIZE"], kind=kind)
    preload(household, "check_ins")
    planned = sorted((c for c in household.check_ins if not c.done_on), key=lambda c: (c.due_on, c.id))
    return render_template("cases/timeline.html", household=household, page=page, kind=kind, kinds=kinds,
                           planned=planned if kind in (None, "check_in") else [])

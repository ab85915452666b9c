"""Who opened this family's file: the audit trail of one household, for the team lead."""
from datetime import datetime, time

from flask import current_app, render_template, request
from sqlalchemy import select

from ..audit import AuditEvent
from ..auth.models import User
from ..extensions import db
from ..web import record_id
from .access import get_household_or_404
from .queries import paged
from .registry import household_parts
from .views import bp


def _date_arg(name):
    try:
        return datetime.strptime(request.args.get(name, ""), "%Y-%m-%d").date()
    except ValueError:
        return None


@bp.route("/households/<int:household_id>/audit")
def audit_trail(household_id: int):
    household = get_household_or_404(household_id, need="audit", action="audit.view")
    start, end, user_id = _date_arg("from"), _date_arg("to"), request.args.get("user", type=record_id)
    query = (select(AuditEvent, User).outerjoin(User, User.id == AuditEvent.actor_id)
             .where(AuditEvent.household_id == household.id).order_by(AuditEvent.at.desc(), AuditEvent.id.desc()))
    if start:
        query = query.where(AuditEvent.at >= datetime.combine(start, time.min))
    if end:
        query = query.where(AuditEvent.at <= datetime.combine(end, time.max))  # end + 1 day overflows 9999-12-31
    if user_id:
        query = query.where(AuditEvent.actor_id == user_id)
    page = paged(query, request.args.get("page", 1, type=int), current_app.config["PAGE_SIZE"])
    people = db.session.scalars(select(User).where(User.id.in_(
        select(AuditEvent.actor_id).where(AuditEvent.household_id == household.id))).order_by(User.name)).all()
    return render_template("cases/audit.html", household=household, events=page.rows, people=people,
                           start=start, end=end, user_id=user_id, page=page,
                           audit_label=household_parts().audit_label)

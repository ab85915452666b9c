"""Administrator pages: accounts, teams and the security log."""
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import func, select

from ..auth.changes import security_log as security_log_query
from ..auth.models import Team, User
from ..auth.operations import find_or_create_team, set_active
from ..cases.queries import paged
from ..errors import InvalidInput
from ..extensions import db
from ..forms import ask_first, show_error
from ..i18n import _
from ..timeutil import utcnow
from .forms import RoleForm, TeamForm, UserForm
from .operations import change_role, invite_user, reset_password

bp = Blueprint("admin", __name__, url_prefix="/admin")


def _show_code(user, code, new_account):
    """The code, once, on the answer to the form that made it: never in a link, a cookie or a later page."""
    return render_template("admin/activation_code.html", user=user, code=code, new_account=new_account)


@bp.route("/users", methods=["GET", "POST"])
def users():
    """The accounts; a new one gets an activation code, not a password."""
    form = UserForm()
    form.team_id.choices = _team_choices()
    if form.validate_on_submit():
        team = db.session.get(Team, form.team_id.data) if form.team_id.data else None
        try:
            user, code = invite_user(current_user, form.email.data, form.name.data, form.role.data, team)
        except InvalidInput as error:
            show_error(form, error, "email")
        else:
            return _show_code(user, code, new_account=True)
    accounts = db.session.scalars(select(User).order_by(User.active.desc(), User.name)).all()
    return render_template("admin/users.html", form=form, accounts=accounts, now=utcnow()), \
        400 if form.errors else 200


@bp.route("/users/<int:user_id>/active", methods=["POST"])
def toggle_active(user_id: int):
    user = db.session.get(User, user_id) or abort(404)
    question = user.active and ask_first(
        _("Are you sure you want to disable the account of %(name)s?", name=user.name),
        _("They are logged out at once and can no longer log in. What they recorded stays, and the account can be "
          "enabled again."), _("Yes, disable"), url_for("admin.users"))
    if question:
        return question
    try:
        set_active(current_user, user, not user.active)
    except InvalidInput as error:
        flash(str(error), "error")
    else:
        flash(_("Account enabled.") if user.active else _("Account disabled; its sessions have ended."), "success")
    return redirect(url_for("admin.users"))


@bp.route("/users/<int:user_id>/reset", methods=["POST"], endpoint="reset_password")
def reset_password_view(user_id: int):
    """A forgotten password: a new activation code; the old password and every session end."""
    user = db.session.get(User, user_id) or abort(404)
    try:
        code = reset_password(current_user, user)
    except InvalidInput as error:
        flash(str(error), "error")
        return redirect(url_for("admin.edit_user", user_id=user.id))
    return _show_code(user, code, new_account=False)


def _team_choices():
    teams = db.session.scalars(select(Team).order_by(Team.name)).all()
    return [(0, _("No team (administrators and policy officers only)"))] + [(t.id, t.name) for t in teams]


@bp.route("/users/<int:user_id>/edit", methods=["GET", "POST"])
def edit_user(user_id: int):
    """A new role or team takes effect at once: the user's sessions end. One's own stays as it is."""
    user = db.session.get(User, user_id) or abort(404)
    form = RoleForm(obj=user) if request.method == "GET" else RoleForm()
    form.team_id.choices = _team_choices()
    if request.method == "GET":
        form.team_id.data = user.team_id or 0
    if form.validate_on_submit():
        team = db.session.get(Team, form.team_id.data) if form.team_id.data else None
        try:
            change_role(current_user, user, form.role.data, team)
        except InvalidInput as error:
            show_error(form, error, "role")
        else:
            flash(_("%(name)s now has the new role; their sessions have ended.", name=user.name), "success")
            return redirect(url_for("admin.users"))
    return render_template("admin/edit_user.html", form=form, user=user,
                           own=user.id == current_user.id), 400 if form.errors else 200


@bp.route("/security-log")
def security_log():
    """Who created, activated, reset, moved or disabled which account, and when; a page at a time."""
    page = paged(security_log_query(), request.args.get("page", 1, type=int), current_app.config["PAGE_SIZE"],
                 entities=True)
    return render_template("admin/security_log.html", page=page)


@bp.route("/teams", methods=["GET", "POST"])
def teams():
    form = TeamForm()
    if form.validate_on_submit():
        team = find_or_create_team(form.name.data)
        flash(_("Team %(name)s is ready.", name=team.name), "success")
        return redirect(url_for("admin.teams"))
    rows = db.session.execute(select(Team, func.count(User.id)).outerjoin(User, User.team_id == Team.id)
                              .group_by(Team.id).order_by(Team.name)).all()
    return render_template("admin/teams.html", form=form, rows=rows), 400 if form.errors else 200

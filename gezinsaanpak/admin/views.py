"""Administrator pages: accounts and teams."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import func, select

from ..auth.models import Team, User
from ..auth.operations import create_user, find_or_create_team, set_active
from ..errors import InvalidInput
from ..extensions import db
from ..forms import show_error
from ..i18n import _
from .forms import RoleForm, TeamForm, UserForm
from .operations import change_role

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.route("/users", methods=["GET", "POST"])
def users():
    form = UserForm()
    form.team_id.choices = _team_choices()
    if form.validate_on_submit():
        team = db.session.get(Team, form.team_id.data) if form.team_id.data else None
        try:
            user = create_user(current_user, form.email.data, form.name.data, form.role.data,
                               form.password.data, team)
        except InvalidInput as error:
            show_error(form, error, "email")
        else:
            flash(_("Account created for %(name)s.", name=user.name), "success")
            return redirect(url_for("admin.users"))
    accounts = db.session.scalars(select(User).order_by(User.active.desc(), User.name)).all()
    return render_template("admin/users.html", form=form, accounts=accounts), 400 if form.errors else 200


@bp.route("/users/<int:user_id>/active", methods=["POST"])
def toggle_active(user_id: int):
    user = db.session.get(User, user_id) or abort(404)
    if user.id == current_user.id:
        flash(_("You cannot disable your own account."), "error")
    else:
        set_active(current_user, user, not user.active)
        flash(_("Account enabled.") if user.active else _("Account disabled; its sessions have ended."), "success")
    return redirect(url_for("admin.users"))


def _team_choices():
    teams = db.session.scalars(select(Team).order_by(Team.name)).all()
    return [(0, _("No team (administrators and policy officers only)"))] + [(t.id, t.name) for t in teams]


@bp.route("/users/<int:user_id>/edit", methods=["GET", "POST"])
def edit_user(user_id: int):
    """A new role or team takes effect at once: the user's sessions end."""
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
    return render_template("admin/edit_user.html", form=form, user=user), 400 if form.errors else 200


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

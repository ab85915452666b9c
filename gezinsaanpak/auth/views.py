"""Login, logout and the language switch."""
import time
from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_user
from sqlalchemy import select

from .. import audit
from ..extensions import db, limiter, login_manager
from ..i18n import LANGUAGES, _
from ..timeutil import utcnow
from ..web import end_session
from .forms import LoginForm, PasswordForm
from .operations import InvalidInput, change_password
from .models import User

bp = Blueprint("auth", __name__)


@login_manager.user_loader
def load_user(user_id: str):
    """The cookie holds id and session token; a changed token means the session was revoked."""
    ident, _sep, token = user_id.partition(":")
    if not ident.isdigit():
        return None
    user = db.session.get(User, int(ident))
    if user is None or not user.active or user.session_token != token:
        return None
    return user


def _account_key():
    return "account:" + request.form.get("email", "").strip().lower()


def _failed(response):
    """Only failed attempts count towards the limit."""
    return response.status_code != 302


def _safe_next(target: str | None) -> str:
    if target and target.startswith("/") and not target.startswith("//") and not urlsplit(target).netloc:
        return target
    return url_for("cases.index")


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_LIMIT"], methods=["POST"], deduct_when=_failed)
@limiter.limit(lambda: current_app.config["LOGIN_ACCOUNT_LIMIT"], methods=["POST"], key_func=_account_key,
               deduct_when=_failed)
def login():
    if current_user.is_authenticated:
        return redirect(url_for("cases.index"))
    form = LoginForm()
    if form.validate_on_submit():
        user = db.session.scalar(select(User).where(User.email == form.email.data.strip().lower()))
        if user is not None and user.active and user.check_password(form.password.data):
            next_url = _safe_next(request.args.get("next"))
            lang = session.get("lang")
            session.clear()
            if lang:
                session["lang"] = lang
            login_user(user)
            session["login_at"] = session["seen"] = time.time()
            user.last_login_at = utcnow()
            audit.record(user, "login")
            return redirect(next_url)
        audit.record(user, "login", outcome="denied")
        db.session.commit()
        flash(_("The email address or password is not correct."), "error")
        return render_template("auth/login.html", form=form), 401
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
def logout():
    """Logging out ends this user's sessions everywhere, so an old cookie cannot be replayed."""
    audit.record(current_user, "logout")
    current_user.revoke_sessions()
    end_session()
    flash(_("You are logged out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/language", methods=["POST"])
def set_language():
    lang = request.form.get("lang")
    if lang in LANGUAGES:
        session["lang"] = lang
    return redirect(_safe_next(request.form.get("next")))


@bp.route("/account/password", methods=["GET", "POST"])
def password():
    """Changing the password ends every other session; this one continues with the new token."""
    form = PasswordForm()
    if form.validate_on_submit():
        try:
            change_password(current_user, form.current.data, form.new.data)
        except InvalidInput as error:
            form[error.field].errors.append(str(error))
        else:
            login_user(current_user._get_current_object())
            flash(_("Your password is changed. You are logged out everywhere else."), "success")
            return redirect(url_for("cases.index"))
    return render_template("auth/password.html", form=form), 400 if form.errors else 200

"""Login, logout and the language switch."""
import time
from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_user
from markupsafe import Markup
from sqlalchemy import bindparam, select

from .. import audit, drafts
from ..errors import InvalidInput
from ..extensions import db, limiter, login_manager
from ..forms import show_error
from ..i18n import LANGUAGES, _, ngettext
from ..timeutil import utcnow
from . import throttle, two_step
from .forms import CodeForm, LoginForm, PasswordForm
from .labels import ACCOUNT_CHANGE_LABELS, USER_ROLE_LABELS
from .models import User, password_matches
from .operations import change_password
from .sessions import end_session

TWO_STEP_SECONDS = 300
bp = Blueprint("auth", __name__)


@bp.app_context_processor
def inject_role_labels():
    # The signed-in user itself rather than Flask-Login's proxy, which looks the user up again at every use (a
    # household page reads it some ninety times); registered after Flask-Login's, so it takes its place.
    return {"role_labels": USER_ROLE_LABELS, "account_change_labels": ACCOUNT_CHANGE_LABELS,
            "current_user": current_user._get_current_object()}


# Built once: `Session.get` builds its statement again at every call, and every request loads its user.
_USER_BY_ID = select(User).where(User.id == bindparam("id"))


@login_manager.user_loader
def load_user(user_id: str):
    """The cookie holds id and session token; a changed token means the session was revoked."""
    ident, _sep, token = user_id.partition(":")
    if not ident.isdigit():
        return None
    user = db.session.scalars(_USER_BY_ID, {"id": int(ident)}).first()
    if user is None or not user.active or user.session_token != token:
        return None
    return user


def _failed(response):
    """Only failed attempts count towards the limit per address."""
    return response.status_code != 302


def wait_message(seconds: int) -> str:
    """"Wait 30 seconds" or "wait 4 minutes": what a user sees while their account's next attempt is delayed."""
    if seconds < 120:
        return ngettext("Too many failed attempts. Wait %(num)d second and try again.",
                        "Too many failed attempts. Wait %(num)d seconds and try again.", seconds)
    return ngettext("Too many failed attempts. Wait %(num)d minute and try again.",
                    "Too many failed attempts. Wait %(num)d minutes and try again.", -(-seconds // 60))


def _safe_next(target: str | None) -> str:
    if target and target.startswith("/") and not target.startswith("//") and not urlsplit(target).netloc:
        return target
    return url_for("cases.index")


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_LIMIT"], methods=["POST"], deduct_when=_failed)
def login():
    """Per client address a generous limit (an office shares one address), per account the database's growing
    delay (throttle.py), the same for an address that has no account."""
    if current_user.is_authenticated:
        return redirect(url_for("cases.index"))
    form = LoginForm()
    if form.validate_on_submit():
        key = throttle.email_key(form.email.data)
        wait = throttle.seconds_to_wait(key)
        if wait:
            flash(wait_message(wait), "error")
            return render_template("auth/login.html", form=form), 429
        user = db.session.scalar(select(User).where(User.email == form.email.data.strip().lower()))
        if password_matches(user, form.password.data):
            throttle.clear(key)
            next_url = _safe_next(request.args.get("next"))
            if user.totp_secret:
                _fresh_session()
                session["two_step"] = {"id": user.id, "token": user.session_token, "next": next_url,
                                       "at": time.time()}
                return redirect(url_for("auth.login_code"))
            return redirect(_log_in(user, next_url))
        wait = throttle.record_failure(key)
        audit.record(user, "login", outcome="denied")
        db.session.commit()
        flash(_("The email address or password is not correct."), "error")
        if wait:
            flash(wait_message(wait), "warning")
        return render_template("auth/login.html", form=form), 401
    return render_template("auth/login.html", form=form)


def _fresh_session():
    """Nothing from before the login survives into the logged-in session but the language."""
    lang = session.get("lang")
    session.clear()
    if lang:
        session["lang"] = lang


def _log_in(user, next_url: str) -> str:
    """Start the session; returns where to go: a form kept when the last session ended comes first."""
    _fresh_session()
    login_user(user)
    session["login_at"] = session["seen"] = time.time()
    user.last_login_at = utcnow()
    audit.record(user, "login")
    return drafts.after_login(user, next_url)


def _pending_two_step():
    pending = session.get("two_step")
    if not pending or time.time() - pending["at"] > TWO_STEP_SECONDS:
        return None, None
    user = db.session.get(User, pending["id"])
    if user is None or not user.active or user.session_token != pending["token"]:
        return None, None
    return user, pending["next"]


@bp.route("/login/code", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_LIMIT"], methods=["POST"], deduct_when=_failed)
def login_code():
    """The second step: a code from the authenticator app, valid once; wrong codes delay the account's next
    attempt as wrong passwords do."""
    user, next_url = _pending_two_step()
    if user is None:
        flash(_("Please log in again."), "warning")
        return redirect(url_for("auth.login"))
    form = CodeForm()
    if form.validate_on_submit():
        key = throttle.key_for("two-step", user.id)
        wait = throttle.seconds_to_wait(key)
        if wait:
            form.code.errors.append(wait_message(wait))
            return render_template("auth/code.html", form=form), 429
        if two_step.verify(user, form.code.data):
            throttle.clear(key)
            return redirect(_log_in(user, next_url))
        wait = throttle.record_failure(key)
        audit.record(user, "login.code", outcome="denied")
        db.session.commit()
        form.code.errors.append(_("This code is not correct. Check the time on your phone and try the newest code."))
        if wait:
            form.code.errors.append(wait_message(wait))
    return render_template("auth/code.html", form=form), 400 if form.errors else 200


@bp.route("/account/two-step", methods=["GET", "POST"])
def two_step_setup():
    """Switch two-step verification on (required for administrators) or off."""
    user = current_user._get_current_object()
    form = CodeForm()
    if user.totp_secret:
        if form.validate_on_submit():
            if not two_step.verify(user, form.code.data):
                form.code.errors.append(_("This code is not correct. Check the time on your phone and try the "
                                          "newest code."))
            else:
                try:
                    two_step.disable(user)
                except InvalidInput as error:
                    show_error(form, error, "code")
                else:
                    login_user(user)
                    flash(_("Two-step verification is off."), "success")
                    return redirect(url_for("cases.index"))
        return render_template("auth/two_step.html", form=form, enabled=True), 400 if form.errors else 200
    secret = two_step.pending_secret(user)
    if form.validate_on_submit():
        try:
            two_step.enable(user, form.code.data)
        except InvalidInput as error:
            show_error(form, error, "code")
        else:
            login_user(user)
            flash(_("Two-step verification is on. From now on you enter a code after your password."), "success")
            return redirect(url_for("cases.index"))
    grouped = " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))
    uri = two_step.provisioning_uri(user, secret)
    qr_code = Markup(two_step.qr_code_svg(uri, _("QR code for your authenticator app")))
    return render_template("auth/two_step.html", form=form, enabled=False, secret=grouped, uri=uri,
                           qr_code=qr_code), 400 if form.errors else 200


@bp.route("/logout", methods=["POST"])
def logout():
    """Logging out ends this user's sessions everywhere, so an old cookie cannot be replayed."""
    audit.record(current_user, "logout")
    current_user.revoke_sessions()
    end_session()
    flash(_("You are logged out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/session/keep-alive", methods=["POST"])
def keep_alive():
    """The "stay logged in" button of the notice before the idle timeout: the user is noted as active now, not
    at the minute's step a page view keeps (web.SEEN_STEP)."""
    session["seen"] = time.time()
    return "", 204


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
            show_error(form, error)
        else:
            login_user(current_user._get_current_object())
            flash(_("Your password is changed. You are logged out everywhere else."), "success")
            return redirect(url_for("cases.index"))
    return render_template("auth/password.html", form=form), 400 if form.errors else 200

"""The activation page: a new account, or one whose password was reset, gets its password here from its owner, with
the one-time code the administrator passed on. Open without login; it does nothing without a valid code."""
from flask import current_app, flash, redirect, render_template, url_for

from ..errors import InvalidInput
from ..extensions import limiter
from ..forms import show_error
from ..i18n import _
from .activation import activate
from .forms import ActivationForm
from .views import _failed, _log_in, bp


@bp.route("/activate", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_LIMIT"], methods=["POST"], deduct_when=_failed)
def activation():
    """Set one's own password with the activation code; then log in, with the second factor where it applies."""
    form = ActivationForm()
    if form.validate_on_submit():
        try:
            user = activate(form.email.data, form.code.data, form.new.data)
        except InvalidInput as error:
            show_error(form, error, "code")
        else:
            if user.totp_secret:  # kept through a password reset: the code from the app is asked at login
                flash(_("Your password is set. Log in with it and the code from your authenticator app."), "success")
                return redirect(url_for("auth.login"))
            target = _log_in(user, url_for("cases.index"))  # a fresh session: the message comes after it
            flash(_("Your password is set. Welcome!"), "success")
            return redirect(target)
    return render_template("auth/activate.html", form=form), 400 if form.errors else 200

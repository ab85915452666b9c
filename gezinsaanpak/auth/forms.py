"""Login form."""
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, StringField, SubmitField
from wtforms.validators import DataRequired, EqualTo, Length

from ..i18n import _l


class LoginForm(FlaskForm):
    email = EmailField(_l("Email address"), validators=[DataRequired(message=_l("Enter your email address.")),
                                                       Length(max=254)],
                       render_kw={"autocomplete": "username", "autofocus": True})
    password = PasswordField(_l("Password"), validators=[DataRequired(message=_l("Enter your password.")),
                                                         Length(max=1000)],
                             render_kw={"autocomplete": "current-password"})
    submit = SubmitField(_l("Log in"))


class PasswordForm(FlaskForm):
    current = PasswordField(_l("Current password"), validators=[DataRequired(message=_l("Enter your password."))],
                            render_kw={"autocomplete": "current-password"})
    new = PasswordField(_l("New password"), validators=[DataRequired(message=_l("Enter a new password."))],
                        description=_l("At least 12 characters. A short sentence is easy to remember and hard to "
                                       "guess."), render_kw={"autocomplete": "new-password"})
    repeat = PasswordField(_l("Repeat the new password"), validators=[
        EqualTo("new", message=_l("The two new passwords are not the same."))],
        render_kw={"autocomplete": "new-password"})
    submit = SubmitField(_l("Change password"))


class CodeForm(FlaskForm):
    code = StringField(_l("Code from your authenticator app"), validators=[
        DataRequired(message=_l("Enter the six-digit code.")), Length(max=12)],
        render_kw={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True})
    submit = SubmitField(_l("Confirm"))


class ActivationForm(FlaskForm):
    email = EmailField(_l("Email address"), validators=[DataRequired(message=_l("Enter your email address.")),
                                                       Length(max=254)],
                       render_kw={"autocomplete": "username", "autofocus": True})
    code = StringField(_l("Activation code"), validators=[DataRequired(message=_l("Enter the activation code.")),
                                                          Length(max=40)],
                       description=_l("The code your administrator gave you, for example K7PQ-3MZD-R8TW-X2NB."),
                       render_kw={"autocomplete": "one-time-code", "spellcheck": "false",
                                  "autocapitalize": "characters"})
    new = PasswordField(_l("Choose a password"), validators=[DataRequired(message=_l("Enter a new password."))],
                        description=_l("At least 12 characters. A short sentence is easy to remember and hard to "
                                       "guess. Only you will know it."), render_kw={"autocomplete": "new-password"})
    repeat = PasswordField(_l("Repeat the password"), validators=[
        EqualTo("new", message=_l("The two new passwords are not the same."))],
        render_kw={"autocomplete": "new-password"})
    submit = SubmitField(_l("Set my password"))

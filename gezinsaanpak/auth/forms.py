"""Login form."""
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SubmitField
from wtforms.validators import DataRequired, Length

from ..i18n import _l


class LoginForm(FlaskForm):
    email = EmailField(_l("Email address"), validators=[DataRequired(message=_l("Enter your email address.")),
                                                       Length(max=254)],
                       render_kw={"autocomplete": "username", "autofocus": True})
    password = PasswordField(_l("Password"), validators=[DataRequired(message=_l("Enter your password.")),
                                                         Length(max=1000)],
                             render_kw={"autocomplete": "current-password"})
    submit = SubmitField(_l("Log in"))

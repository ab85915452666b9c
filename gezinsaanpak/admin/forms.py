"""Forms for accounts and teams."""
from flask_wtf import FlaskForm
from wtforms import EmailField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, Length

from ..auth.labels import USER_ROLE_LABELS
from ..i18n import _l


class UserForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(message=_l("Enter a name.")), Length(max=120)])
    email = EmailField(_l("Email address"), validators=[
        DataRequired(message=_l("Enter an email address.")),
        Email(message=_l("Enter a valid email address."), check_deliverability=False), Length(max=254)])
    role = SelectField(_l("Role"), choices=list(USER_ROLE_LABELS.items()))
    team_id = SelectField(_l("Team"), coerce=int)
    submit = SubmitField(_l("Create account"))


class TeamForm(FlaskForm):
    name = StringField(_l("Team name"), validators=[DataRequired(message=_l("Enter a team name.")),
                                                    Length(max=120)])
    submit = SubmitField(_l("Add team"))


class RoleForm(FlaskForm):
    role = SelectField(_l("Role"), choices=list(USER_ROLE_LABELS.items()))
    team_id = SelectField(_l("Team"), coerce=int)
    submit = SubmitField(_l("Save role and team"))


class NeighbourhoodForm(FlaskForm):
    """An entry of the neighbourhood list; the operation checks the name and the CBS code."""
    name = StringField(_l("Name"), validators=[DataRequired(message=_l("Enter the name of the neighbourhood.")),
                                               Length(max=120)])
    cbs_code = StringField(_l("CBS code (optional)"), validators=[Length(max=20)],
                           description=_l("WK and six digits for a wijk, BU and eight digits for a buurt."))
    district = StringField(_l("District (optional)"), validators=[Length(max=120)],
                           description=_l("Neighbourhoods of one district are counted together in the reach "
                                          "report."))
    submit = SubmitField(_l("Save"))


class MapForm(FlaskForm):
    onto = SelectField(_l("Stands for"), coerce=int, validate_choice=False)
    submit = SubmitField(_l("Map"))

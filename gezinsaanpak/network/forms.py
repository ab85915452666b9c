"""Forms of the network area. The operations check every rule; the forms take what was typed and show it back."""
from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from ..forms import TEXT_MAX, not_in_future
from ..i18n import _l
from ..timeutil import today
from .labels import DEBT_ROUTE_LABELS, KIND_LABELS


class PartnerForm(FlaskForm):
    kind = SelectField(_l("Who is this"), choices=list(KIND_LABELS.items()))
    name = StringField(_l("Name"), validators=[Length(max=120)],
                       description=_l("A person or an organisation, as the family names them."))
    organisation = StringField(_l("Organisation (optional)"), validators=[Optional(), Length(max=160)])
    relation = TextAreaField(_l("Role for the family (optional)"), validators=[Optional(), Length(max=TEXT_MAX)],
                             description=_l("For example: mentor of Sam, or: aunt, picks the children up on "
                                            "Wednesdays."))
    phone = StringField(_l("Phone (optional)"), validators=[Optional(), Length(max=40)])
    email = StringField(_l("E-mail (optional)"), validators=[Optional(), Length(max=160)])
    version = HiddenField()
    submit = SubmitField(_l("Save"))


class ConsentForm(FlaskForm):
    scope = TextAreaField(_l("What may be shared"), validators=[Length(max=TEXT_MAX)],
                          description=_l("In the family's words, for example: that we are working on the rent "
                                         "arrears, not the children's situation."))
    given_by = StringField(_l("Who of the family agreed"), validators=[Length(max=160)],
                           description=_l("For example: both parents; or Sam (15) for what concerns him."))
    given_on = DateField(_l("Date"), default=today, validators=[InputRequired(message=_l("Enter the date.")),
                                                                 not_in_future])
    submit = SubmitField(_l("Record consent"))


class WithdrawForm(FlaskForm):
    withdrawn_on = DateField(_l("Withdrawn on"), default=today, validators=[
        InputRequired(message=_l("Enter the date.")), not_in_future])
    submit = SubmitField(_l("Record withdrawal"))


class EndForm(FlaskForm):
    ended_on = DateField(_l("No longer involved from"), default=today, validators=[
        InputRequired(message=_l("Enter the date.")), not_in_future])
    submit = SubmitField(_l("No longer involved"))


class HandoverForm(FlaskForm):
    partner_id = SelectField(_l("To whom"), coerce=int, validate_choice=False)
    purpose = TextAreaField(_l("What they take over"), validators=[Length(max=TEXT_MAX)])
    shared = TextAreaField(_l("What you pass on"), validators=[Length(max=TEXT_MAX)],
                           description=_l("Only what the family consented to share with them."))
    meeting_on = DateField(_l("Joint meeting on (optional)"), validators=[Optional()],
                           description=_l("You, the family and the new organisation together. It appears on your "
                                          "start page."))
    submit = SubmitField(_l("Start warm handover"))


class DebtHelpForm(FlaskForm):
    route = SelectField(_l("Kind of debt help"), choices=list(DEBT_ROUTE_LABELS.items()))
    partner_id = SelectField(_l("With whom (optional)"), coerce=int, validate_choice=False)
    started_on = DateField(_l("Registered on"), default=today, validators=[
        InputRequired(message=_l("Enter the date.")), not_in_future])
    submit = SubmitField(_l("Start debt-help route"))


class StepForm(FlaskForm):
    """The next step of a handover or a debt-help route. `from_status` is the status the page showed: a step
    taken meanwhile in another window is refused instead of applied twice."""
    to_status = SelectField(_l("Next step"), choices=[], validate_choice=False)
    changed_on = DateField(_l("Date"), default=today, validators=[
        InputRequired(message=_l("Enter the date of this step.")), not_in_future])
    note = TextAreaField(_l("Note (optional)"), validators=[Optional(), Length(max=TEXT_MAX)])
    from_status = HiddenField()
    submit = SubmitField(_l("Save step"))

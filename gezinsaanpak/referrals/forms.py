"""Forms for referrals and the fund catalogue. Amounts are typed as people write them: "125,50" or "125.50"."""
from datetime import timedelta

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from ..errors import InvalidInput
from ..forms import TEXT_MAX, not_in_future
from ..i18n import _l
from ..timeutil import today
from .labels import APPLICANT_LABELS, APPLIED_BY_LABELS, PARTICIPATION_LABELS
from .operations import parse_amount


def in_two_weeks():
    return today() + timedelta(days=14)


class ReferralDetailsForm(FlaskForm):
    """What can be corrected later: the request, amount, who applies and the dates."""
    request = TextAreaField(_l("What is asked"), validators=[
        DataRequired(message=_l("Write what is asked.")), Length(max=TEXT_MAX)],
        description=_l("For example: membership of the football club and football boots."))
    amount = StringField(_l("Amount in euros (optional)"), validators=[Optional(), Length(max=20)],
                         description=_l("For example 125,50."))
    applied_by = SelectField(_l("Who applies"), choices=list(APPLIED_BY_LABELS.items()))
    follow_up_on = DateField(_l("Follow up on"), default=in_two_weeks, validators=[Optional()],
                             description=_l("The day you ask “how did it go?”. It appears on your start page."))
    decision_expected_on = DateField(_l("Decision expected on (optional)"), validators=[Optional()])
    version = HiddenField()  # optimistic locking: filled from the referral when the form is opened
    submit = SubmitField(_l("Save referral"))
    amount_cents = None  # set by validate_amount; an empty amount skips it

    def validate_amount(self, field):
        try:
            self.amount_cents = parse_amount(field.data)
        except InvalidInput as error:
            raise ValidationError(str(error))


class ReferralForm(ReferralDetailsForm):
    member_id = SelectField(_l("For whom"), coerce=int)
    fund_id = SelectField(_l("Fund"), coerce=int)
    organisation = StringField(_l("Or a local organisation"), validators=[Optional(), Length(max=160)],
                               description=_l("When the referral is not to a fund in the list, for example the "
                                              "neighbourhood sports club."))
    submit = SubmitField(_l("Start referral"))

    def validate_organisation(self, field):
        if not self.fund_id.data and not (field.data or "").strip():
            raise ValidationError(_l("Choose a fund, or name the local organisation."))


class StatusForm(FlaskForm):
    to_status = SelectField(_l("New status"), choices=[], validate_choice=False)  # the operation explains a refusal
    changed_on = DateField(_l("Date"), default=today, validators=[
        InputRequired(message=_l("Enter the date of this step.")), not_in_future])
    decision_expected_on = DateField(_l("Decision expected on (optional)"), validators=[Optional()],
                                     description=_l("Only for an application: when the fund expects to decide."))
    follow_up_on = DateField(_l("Next follow-up (optional)"), default=in_two_weeks, validators=[Optional()],
                             description=_l("While the referral is open: when you ask again how it goes."))
    note = TextAreaField(_l("Note (optional)"), validators=[Optional(), Length(max=TEXT_MAX)])
    version = HiddenField()  # the referral as it was when the page was opened (locking.py)
    submit = SubmitField(_l("Save step"))


class FollowUpForm(FlaskForm):
    follow_up_on = DateField(_l("Ask again on"), default=in_two_weeks, validators=[
        InputRequired(message=_l("Choose the date of the next follow-up."))])
    version = HiddenField()  # the referral as it was when the page was opened (locking.py)
    submit = SubmitField(_l("Plan next follow-up"))


class ParticipationForm(FlaskForm):
    participation = SelectField(_l("Is it used?"), choices=[(k, v) for k, v in PARTICIPATION_LABELS.items()
                                                            if k != "unknown"])
    checked_on = DateField(_l("Checked on"), default=today, validators=[
        InputRequired(message=_l("Enter the date you checked.")), not_in_future])
    version = HiddenField()  # the referral as it was when the page was opened (locking.py)
    submit = SubmitField(_l("Record participation"))


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class FundForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(message=_l("Enter the name of the fund or scheme.")),
                                               Length(max=160)])
    provides_nl = TextAreaField(_l("What it provides (Dutch)"), validators=[
        DataRequired(message=_l("Describe in Dutch what the fund provides.")), Length(max=TEXT_MAX)])
    provides_en = TextAreaField(_l("What it provides (English, optional)"), validators=[Optional(),
                                                                                        Length(max=TEXT_MAX)])
    min_age = IntegerField(_l("Lowest age (optional)"), validators=[
        Optional(), NumberRange(min=0, max=27, message=_l("An age is between 0 and 27."))])
    max_age = IntegerField(_l("Highest age (optional)"), validators=[
        Optional(), NumberRange(min=0, max=27, message=_l("An age is between 0 and 27."))],
        description=_l("Including this age. The guide's \"4 tot 18 jaar\" means up to 17: enter 17."))
    applicants = MultiCheckboxField(_l("Who may apply"), choices=list(APPLICANT_LABELS.items()))
    lead_time_days = IntegerField(_l("Lead time before a birthday, in days (optional)"), validators=[
        Optional(), NumberRange(min=0, max=365, message=_l("A lead time is between 0 and 365 days."))],
        description=_l("For birthday funds: Jarige Job needs 42 days (six weeks)."))
    website = StringField(_l("Website (optional)"), validators=[Optional(), Length(max=300)])
    is_yearly = BooleanField(_l("Renew grants yearly: remind the coach eleven months after delivery"),
                             description=_l("The guide names no yearly renewals. Switch this on when your "
                                            "municipality or the fund's local office grants for a year at a time."))
    is_sam = BooleanField(_l("Part of Sam&"))
    submit = SubmitField(_l("Save fund"))

    def validate_max_age(self, field):
        if field.data is not None and self.min_age.data is not None and field.data < self.min_age.data:
            raise ValidationError(_l("The lowest age cannot be above the highest age."))

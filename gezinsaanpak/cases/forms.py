"""Forms a coach fills in at the kitchen table. Dates default to today; nothing asks more than needed."""
from flask_wtf import FlaskForm
from flask_wtf.i18n import translations as wtforms_translations
from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from ..forms import TEXT_MAX, not_in_future
from ..i18n import _l
from ..timeutil import today
from .labels import CLOSE_REASON_LABELS, CONTACT_LABELS, INCOME_LABELS, ROLE_LABELS, SOURCE_LABELS


def _choices(labels):
    return list(labels.items())


def neighbourhood_choices(entries, current=None):
    """The list for a select: none, the listed entries, and the household's own entry if it is no longer listed."""
    extra = [current] if current is not None and current not in entries else []
    return [("", _l("– none –"))] + [(str(n.id), n.name) for n in [*entries, *extra]]


class TrackForm(FlaskForm):
    """A contact track holds no personal data: the form offers none."""
    pseudonym = StringField(_l("Pseudonym"), validators=[
        DataRequired(message=_l("Choose a pseudonym for this family.")), Length(max=120)],
        description=_l("No names or addresses, for example “Familie Tulp, Tarwewijk”."))
    source = SelectField(_l("Where did the signal come from?"), choices=_choices(SOURCE_LABELS))
    neighbourhood_id = SelectField(_l("Neighbourhood (optional)"), choices=[], validate_choice=False,
                                   description=_l("The list is kept by the administrator; ask them for a missing one."))
    submit = SubmitField(_l("Open contact track"))


class ContactForm(FlaskForm):
    kind = SelectField(_l("Kind of contact"), choices=_choices(CONTACT_LABELS))
    contact_on = DateField(_l("Date"), default=today, validators=[
        InputRequired(message=_l("Enter the date of the contact.")), not_in_future])
    duration_minutes = IntegerField(_l("Duration in minutes (optional)"), validators=[
        Optional(), NumberRange(min=0, max=1440, message=_l("Enter a duration between 0 and 1440 minutes."))])
    note = TextAreaField(_l("Short note (optional)"), validators=[Optional(), Length(max=TEXT_MAX)])
    submit = SubmitField(_l("Save contact"))


class MemberRow(Form):
    """One member on the registration screen; an empty row is skipped."""

    class Meta:
        def get_translations(self, form):
            return wtforms_translations  # WTForms' own messages in the user's language, as in a FlaskForm

    first_name = StringField(_l("First name"), validators=[DataRequired(message=_l("Enter the first name.")),
                                                          Length(max=80)])
    role = SelectField(_l("Role in the family"), choices=_choices(ROLE_LABELS))
    date_of_birth = DateField(_l("Date of birth"), validators=[
        InputRequired(message=_l("Enter the date of birth.")), not_in_future])
    school = StringField(_l("School (optional)"), validators=[Optional(), Length(max=120)])

    def is_empty(self):
        typed = [self.first_name.data, self.school.data] + list(self.date_of_birth.raw_data or [])
        return not any((value or "").strip() for value in typed)

    def validate(self, extra_validators=None):
        return True if self.is_empty() else super().validate(extra_validators)


class MemberForm(FlaskForm):
    first_name = StringField(_l("First name"), validators=[DataRequired(message=_l("Enter the first name.")),
                                                          Length(max=80)])
    role = SelectField(_l("Role in the family"), choices=_choices(ROLE_LABELS))
    date_of_birth = DateField(_l("Date of birth"), validators=[
        InputRequired(message=_l("Enter the date of birth.")), not_in_future])
    school = StringField(_l("School (optional)"), validators=[Optional(), Length(max=120)])
    submit = SubmitField(_l("Add member"))


class RegisterForm(FlaskForm):
    consent_on = DateField(_l("Date of consent"), default=today, validators=[
        InputRequired(message=_l("Enter the date the family gave consent.")), not_in_future])
    consent_scope = TextAreaField(_l("What the consent covers"), validators=[
        DataRequired(message=_l("Describe what the family consented to.")), Length(max=TEXT_MAX)],
        description=_l("For example: registration in this application, and sharing with funds after asking."))
    income_situation = SelectField(_l("Income situation"), choices=_choices(INCOME_LABELS))
    neighbourhood_id = SelectField(_l("Neighbourhood"), choices=[], validate_choice=False)
    members = FieldList(FormField(MemberRow), min_entries=4, max_entries=20)
    more = SubmitField(_l("More rows for members"))
    submit = SubmitField(_l("Register household"))

    def filled_members(self):
        return [row.form for row in self.members if not row.form.is_empty()]


class StageForm(FlaskForm):
    to_stage = SelectField(_l("New stage"), choices=[], validate_choice=False)  # the operation explains a refusal
    moved_on = DateField(_l("Date"), default=today, validators=[
        InputRequired(message=_l("Enter the date of the move.")), not_in_future])
    reason = SelectField(_l("Reason for closing"), choices=[("", "–")] + _choices(CLOSE_REASON_LABELS),
                         validate_choice=False)
    turn_to = TextAreaField(_l("When closing: who can the family turn to from now on?"),
                            validators=[Optional(), Length(max=TEXT_MAX)],
                            description=_l("People around them, the neighbourhood network, an organisation: needed "
                                           "when the goals are reached."))
    aftercare = TextAreaField(_l("When closing: the aftercare agreed"), validators=[Optional(), Length(max=TEXT_MAX)],
                              description=_l("How the line stays open, for example “I call in three months”."))
    note = TextAreaField(_l("Note (optional)"), validators=[Optional(), Length(max=TEXT_MAX)])
    version = HiddenField()  # optimistic locking: the household as it was when the form was opened
    submit = SubmitField(_l("Move"))

    def validate_reason(self, field):
        if self.to_stage.data == "closed" and field.data not in CLOSE_REASON_LABELS:
            raise ValidationError(_l("Choose why the track is closed."))


class ReopenForm(FlaskForm):
    note = TextAreaField(_l("Why is the household reopened?"), validators=[Optional(), Length(max=TEXT_MAX)])
    submit = SubmitField(_l("Reopen"))


class HandoverForm(FlaskForm):
    coach_id = SelectField(_l("New coordinator"), coerce=int)
    note = TextAreaField(_l("Note for the handover"), validators=[Optional(), Length(max=TEXT_MAX)])
    keep_as_worker = BooleanField(_l("Keep the current coordinator on as co-worker"))
    version = HiddenField()  # the household as it was when the form was opened (locking.py)
    submit = SubmitField(_l("Hand over"))


class WorkerForm(FlaskForm):
    coach_id = SelectField(_l("Colleague"), coerce=int)
    submit = SubmitField(_l("Add co-worker"))


class CheckInForm(FlaskForm):
    due_on = DateField(_l("Date"), validators=[InputRequired(message=_l("Choose the date of the check-in."))])
    subject = StringField(_l("How did it go with ...?"), validators=[
        DataRequired(message=_l("Write what you want to ask about.")), Length(max=200)])
    submit = SubmitField(_l("Plan check-in"))


class EraseForm(FlaskForm):
    """Erasing cannot be undone: the team lead types the household's pseudonym to confirm."""
    confirmation = StringField(_l("Type the pseudonym to confirm"), validators=[
        DataRequired(message=_l("Type the pseudonym to confirm.")), Length(max=120)])
    submit = SubmitField(_l("Erase the file"))


class ExtensionForm(FlaskForm):
    """Support past the usual period: until when, and why the family needs it."""
    until_on = DateField(_l("Support until"), validators=[
        InputRequired(message=_l("Choose until when the family needs support."))])
    reason = TextAreaField(_l("Why does the family need support for longer?"), validators=[
        DataRequired(message=_l("Write why the family needs support for longer.")), Length(max=TEXT_MAX)],
        description=_l("For example: the debt counselling starts next month and the family wants you there."))
    submit = SubmitField(_l("Ask to extend"))


class DecisionForm(FlaskForm):
    agree = SubmitField(_l("Agree"))
    decline = SubmitField(_l("Decline"))


class WithdrawConsentForm(FlaskForm):
    """The family takes back its consent to registration: the day, and what they said if the coach notes it."""
    withdrawn_on = DateField(_l("Date the family withdrew its consent"), default=today, validators=[
        InputRequired(message=_l("Enter the date the family withdrew its consent.")), not_in_future])
    note = TextAreaField(_l("Note (optional)"), validators=[Optional(), Length(max=TEXT_MAX)],
                         description=_l("For example how the family said it, or what was agreed about closing."))
    submit = SubmitField(_l("Record the withdrawal"))


class ConsentForm(FlaskForm):
    """The family agrees again to registration after withdrawing its consent."""
    consent_on = DateField(_l("Date of consent"), default=today, validators=[
        InputRequired(message=_l("Enter the date the family gave consent.")), not_in_future])
    consent_scope = TextAreaField(_l("What the consent covers"), validators=[
        DataRequired(message=_l("Describe what the family consented to.")), Length(max=TEXT_MAX)],
        description=_l("For example: registration in this application, and sharing with funds after asking."))
    submit = SubmitField(_l("Record consent"))


class ClosingDecisionForm(FlaskForm):
    """The team lead signs off a request to close, or sends it back with why."""
    why = TextAreaField(_l("When sending back: why, and what the coach does first"),
                        validators=[Optional(), Length(max=TEXT_MAX)])
    approve = SubmitField(_l("Sign off: close the household"))
    send_back = SubmitField(_l("Send back"))

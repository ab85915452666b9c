"""Forms of the plan, filled in with the family. The assessment form is built per scale from the catalogue."""
from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, RadioField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from ..forms import TEXT_MAX, not_in_future
from ..i18n import _l
from ..timeutil import today
from .labels import (
    COLOUR_LABELS,
    COLOUR_NAMES,
    GOAL_STATUS_LABELS,
    OWN_WORDS_SKIPPED_LABELS,
    STEP_LABELS,
    STRENGTH_KIND_LABELS,
)
from .models import COLOURS


class AssessmentForm(FlaskForm):
    assessed_on = DateField(_l("Date of the assessment"), default=today, validators=[
        InputRequired(message=_l("Enter the date of the assessment.")), not_in_future])
    submit = SubmitField(_l("Save assessment"))


def assessment_form(scale: str, domains, benchmarks=()) -> AssessmentForm:
    """A note per domain, and a radio group per Bridge sub-domain or per Child Bridge benchmark (`benchmarks`, of
    the age band shown); "not discussed" is the default, so nothing is scored by accident."""
    if scale == "bridge":
        choices = [("", _l("Not discussed"))] + [(str(step), f"{step} · {label}")
                                                 for step, label in STEP_LABELS.items()]
    else:
        choices = [("", _l("Not discussed"))] + [(colour, f"{COLOUR_LABELS[colour]} ({COLOUR_NAMES[colour]})")
                                                 for colour in reversed(COLOURS)]

    class Form(AssessmentForm):
        age_band = HiddenField()  # the band whose benchmarks the form showed

    for domain in domains:
        if scale == "bridge":
            setattr(Form, f"domain_{domain.id}", RadioField(choices=choices, default=""))
        setattr(Form, f"note_{domain.id}", TextAreaField(_l("Note (for the coaches, not in the family plan)"),
                                                         validators=[Optional(), Length(max=TEXT_MAX)]))
    for benchmark in benchmarks:
        setattr(Form, f"benchmark_{benchmark.id}", RadioField(choices=choices, default=""))
    return Form()


class GoalForm(FlaskForm):
    member = SelectField(_l("Whose goal is it?"), choices=[], validate_choice=False)
    domain_id = SelectField(_l("Domain"), choices=[], validate_choice=False)
    dream = TextAreaField(_l("The dream behind it, in their own words"), validators=[Optional(), Length(max=TEXT_MAX)],
                          description=_l("What would be different when this goes well? Write it the way they say it."))
    own_words = TextAreaField(_l("The goal in their own words"), validators=[Optional(), Length(max=TEXT_MAX)],
                              description=_l("For a child: what the child wants, in the child's own words."))
    own_words_skipped = SelectField(
        _l("For a child without own words here: why not?"),
        choices=[("", "–")] + list(OWN_WORDS_SKIPPED_LABELS.items()), validate_choice=False,
        description=_l("Whether to ask the child depends on the situation and the age; not asking can be the right "
                       "choice."))
    description = TextAreaField(_l("The goal, SMART"), validators=[
        DataRequired(message=_l("Describe the goal: what, how much, by when (SMART).")), Length(max=TEXT_MAX)],
        description=_l("Specific, measurable, achievable, relevant and with a date: "
                       "for example “By March the rent is paid on time every month.”"))
    target_on = DateField(_l("Target date"), validators=[
        InputRequired(message=_l("Choose a target date within the support period."))])
    version = HiddenField()  # optimistic locking: the version this form was loaded with
    submit = SubmitField(_l("Save goal"))


class ActionForm(FlaskForm):
    description = TextAreaField(_l("What will be done?"), validators=[
        DataRequired(message=_l("Describe what will be done.")), Length(max=TEXT_MAX)])
    carrier = SelectField(_l("Who does it?"), choices=[], validate_choice=False,
                          description=_l("Someone of the family, the coach, or someone from the family's network."))
    who = StringField(_l("Someone else: who?"), validators=[Optional(), Length(max=120)],
                      description=_l("A first name, or “mother and coach”; for someone not in the list."))
    due_on = DateField(_l("By when? (optional)"), validators=[Optional()])
    support_needed = TextAreaField(_l("What support is needed? (optional)"),
                                   validators=[Optional(), Length(max=TEXT_MAX)])
    submit = SubmitField(_l("Add action point"))


class ObstacleForm(FlaskForm):
    obstacle = TextAreaField(_l("If this happens …"), validators=[
        DataRequired(message=_l("Describe what could get in the way.")), Length(max=TEXT_MAX)],
        description=_l("What could get in the way? For example “the letter from the tax office comes”."))
    if_then_plan = TextAreaField(_l("… then we do this"), validators=[
        DataRequired(message=_l("Write the if-then plan: what will you do when it happens?")), Length(max=TEXT_MAX)],
        description=_l("For example “I open it the same day and send a photo to my coach.”"))
    submit = SubmitField(_l("Add if-then plan"))


class ReviewForm(FlaskForm):
    reviewed_on = DateField(_l("Date of the review"), default=today, validators=[
        InputRequired(message=_l("Enter the date of the review (not in the future).")), not_in_future])
    status = SelectField(_l("Status from now on"), choices=list(GOAL_STATUS_LABELS.items()))
    note = TextAreaField(_l("How is it going? (for the coaches, not in the family plan)"),
                         validators=[Optional(), Length(max=TEXT_MAX)])
    next_review_on = DateField(_l("Next review (optional)"), validators=[Optional()])
    version = HiddenField()  # the goal as it was when the form was opened (locking.py)
    submit = SubmitField(_l("Save review"))


class WishForm(FlaskForm):
    words = TextAreaField(_l("In their own words"), validators=[Optional(), Length(max=TEXT_MAX)],
                          description=_l("Write it the way they say it. Leave empty to remove it."))
    version = HiddenField()  # optimistic locking: the version this form was loaded with (0: none saved yet)
    submit = SubmitField(_l("Save"))


class FamilyPlanForm(FlaskForm):
    family_dream = TextAreaField(_l("The family's dream, in their own words"),
                                 validators=[Optional(), Length(max=TEXT_MAX)])
    next_meeting_on = DateField(_l("Next appointment (optional)"), validators=[Optional()])
    next_meeting_note = StringField(_l("Time and place of the next appointment (optional)"),
                                    validators=[Optional(), Length(max=200)],
                                    description=_l("For example “10:00, at home”."))
    version = HiddenField()  # optimistic locking: the version this form was loaded with (0: none saved yet)
    submit = SubmitField(_l("Save"))


class StrengthForm(FlaskForm):
    member = SelectField(_l("Whose is it?"), choices=[], validate_choice=False)
    kind = RadioField(_l("Kind"), choices=list(STRENGTH_KIND_LABELS.items()), default="strength",
                      validators=[InputRequired(message=_l("Choose a strength or a protective factor."))])
    text = TextAreaField(_l("What can the family build on?"), validators=[
        DataRequired(message=_l("Write what the family can build on, for example “grandmother helps out every "
                                "week”.")), Length(max=TEXT_MAX)],
        description=_l("A strength: what someone is good at or has managed before. A protective factor: what "
                       "keeps the family steady, such as people who help, self-insight or a stable relationship."))
    submit = SubmitField(_l("Add"))

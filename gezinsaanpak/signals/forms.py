"""Forms of the signals area. The checklist itself is read from the request by hand: its fields depend on
the household (one checkbox and note per item and member), which WTForms' static fields do not fit."""
from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, RadioField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from ..forms import SIGNAL_NOTE_MAX, not_in_future
from ..i18n import _, _l
from ..timeutil import today
from .labels import GROUP_LABELS, KIND_LABELS
from .operations import Tick, note_problem


class RecordForm(FlaskForm):
    observed_on = DateField(_l("Date of observation"), default=today, validators=[
        InputRequired(message=_l("Enter the date of observation.")), not_in_future])
    submit = SubmitField(_l("Save signals"))


def read_ticks(formdata, sections):
    """The ticks and notes typed on the recording screen, and the problems to show beside them.

    Returns (ticks, typed, errors): `typed` maps each field key ("h.12", "m5.12") to (ticked, note), so
    the screen can show everything again; `errors` maps keys to messages.
    """
    ticked = set(formdata.getlist("tick"))
    ticks, typed, errors = [], {}, {}
    for section in sections:
        member_id = section.member.id if section.member else None
        for group in section.groups:
            for heading in group.headings:
                for item in heading.entries:
                    tick = Tick(item.id, member_id, (formdata.get(f"note.{section.prefix}.{item.id}") or "").strip())
                    is_ticked = tick.key in ticked
                    if is_ticked or tick.note:
                        typed[tick.key] = (is_ticked, tick.note)
                    problem = note_problem(tick.note)
                    if problem:
                        errors[tick.key] = problem
                    elif tick.note and not is_ticked:
                        errors[tick.key] = _("You wrote a note here but did not tick the item. Tick it, or clear "
                                             "the note.")
                    if is_ticked:
                        ticks.append(tick)
    return ticks, typed, errors


class StateForm(FlaskForm):
    to_state = RadioField(_l("New state"), choices=[], validate_choice=False,
                          validators=[InputRequired(message=_l("Choose the new state."))])
    changed_on = DateField(_l("Date"), default=today, validators=[
        InputRequired(message=_l("Enter the date.")), not_in_future])
    note = TextAreaField(_l("Note (optional)"), validators=[Optional(), Length(max=SIGNAL_NOTE_MAX)],
                         description=_l("For example why the signal does not apply: it may have another cause."))
    version = HiddenField()  # optimistic locking: the version this form was loaded with
    submit = SubmitField(_l("Save"))


class LocalItemForm(FlaskForm):
    group_code = SelectField(_l("Group"), choices=list(GROUP_LABELS.items()))
    kind = SelectField(_l("Kind"), choices=list(KIND_LABELS.items()), default="signal")
    heading_nl = StringField(_l("Heading (Dutch)"), validators=[
        DataRequired(message=_l("Enter the heading in Dutch.")), Length(max=200)],
        description=_l("Use an existing heading of the group, or a new one."),
        render_kw={"list": "checklist-headings", "autocomplete": "off"})
    heading_en = StringField(_l("Heading (English)"), validators=[Optional(), Length(max=200)],
                             description=_l("May stay empty when the Dutch heading already exists in the group."))
    text_nl = StringField(_l("Text (Dutch)"), validators=[
        DataRequired(message=_l("Enter the text in Dutch.")), Length(max=500)])
    text_en = StringField(_l("Text (English)"), validators=[
        DataRequired(message=_l("Enter the text in English.")), Length(max=500)])
    submit = SubmitField(_l("Add item"))


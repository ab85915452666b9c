"""What the forms of every area share: text limits, the date rule, where an operation's refusal is shown, and the
question before a destructive button acts.

Operations raise `InvalidInput(message, field)` naming the field in their own terms; `show_error` puts the message
beside that field when the form has it, so a view never decides where a refusal belongs.
"""
from flask import render_template, request
from wtforms.validators import ValidationError

from .errors import InvalidInput
from .i18n import _l
from .timeutil import today

TEXT_MAX = 4000  # a note, a goal, a request: room for a kitchen-table conversation, not for a pasted document
SIGNAL_NOTE_MAX = 1000  # the note beside one ticked checklist item


def not_in_future(form, field):
    """What happened (a contact, an observation, a step) cannot be dated after today."""
    if field.data and field.data > today():
        raise ValidationError(_l("This date cannot be in the future."))


def show_error(form, error: InvalidInput, default: str | None = None) -> None:
    """An operation's refusal beside the field it names; else beside `default`; else above the form."""
    target = None
    for name in (error.field, default):
        if name and name in form._fields:
            target = form[name]
            break
    if target is None:
        form.form_errors.append(str(error))
    else:
        target.errors = [*target.errors, str(error)]


CONFIRMATION = "confirmed"  # the field that says "yes, really"; static/confirm.js adds it after its dialog


def confirmed() -> bool:
    """Whether a destructive POST carries its confirmation: from the dialog of confirm.js, or from the page of
    `ask_first`. A view that loads a household reads it to record a look rather than a change until then."""
    return request.form.get(CONFIRMATION) == "yes"


def ask_first(question: str, consequence: str, yes: str, back: str) -> str | None:
    """None once a destructive POST is confirmed; before that the page that asks (status 200, nothing changed).

    Without script, or when confirm.js fails, a button with `data-confirm` sends its form at once: this page is
    then the question, with what will happen, a button `yes` that sends the same form again with the confirmation
    (and a fresh CSRF token), and a link back to `back`. With script the dialog adds the confirmation itself, so
    it stays one step. Every field of the form comes along again, hidden and escaped like any other value."""
    if confirmed():
        return None
    fields = [(name, value) for name, value in request.form.items(multi=True)
              if name not in ("csrf_token", CONFIRMATION)]
    return render_template("confirm.html", question=question, consequence=consequence, yes=yes, back=back,
                           fields=fields, confirmation=CONFIRMATION)


def error_links(form) -> list[tuple[str | None, str, str]]:
    """(field id or None, label, message) for every error of a form, its subforms and lists of subforms included:
    the error summary above a form links each message to its field (WCAG 3.3.1)."""
    links = [(None, "", str(message)) for message in getattr(form, "form_errors", [])]
    for field in form:
        if field.type in ("CSRFTokenField", "HiddenField", "SubmitField") or not field.errors:
            continue
        if field.type == "FormField":
            links += error_links(field.form)
        elif field.type == "FieldList":
            for entry in field.entries:
                links += error_links(entry.form) if entry.type == "FormField" else \
                    [(entry.id, entry.label.text, str(message)) for message in entry.errors]
        else:
            links += [(field.id, field.label.text, str(message)) for message in field.errors]
    return links


INPUT_CLASSES = {
    "TextAreaField": "utrecht-textarea utrecht-textarea--html-textarea",
    "SelectField": "utrecht-select utrecht-select--html-select",
    "SelectMultipleField": "utrecht-select utrecht-select--html-select",
    "QuerySelectField": "utrecht-select utrecht-select--html-select",
    "BooleanField": "utrecht-checkbox utrecht-checkbox--html-input",
    "RadioField": "utrecht-radio-button utrecht-radio-button--html-input",
}


def input_class(field) -> str:
    """The NL Design System (Utrecht) class of a field's control, plus its invalid state."""
    base = INPUT_CLASSES.get(field.type, "utrecht-textbox utrecht-textbox--html-input")
    if field.errors:
        base += " " + base.split()[0] + "--invalid"
    return base

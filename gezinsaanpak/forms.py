"""What the forms of every area share: text limits, the date rule, and where an operation's refusal is shown.

Operations raise `InvalidInput(message, field)` naming the field in their own terms; `show_error` puts the message
beside that field when the form has it, so a view never decides where a refusal belongs.
"""
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

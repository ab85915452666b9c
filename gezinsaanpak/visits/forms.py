"""The home-visit form: the contact as WTForms fields; the ticks and goal reviews depend on the household, so
they are read from the request by hand (as the signals area's recording screen does)."""
from datetime import date

from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from ..forms import TEXT_MAX, not_in_future
from ..i18n import _, _l
from ..plans.models import GOAL_STATUSES
from ..timeutil import today
from .operations import Review


class VisitForm(FlaskForm):
    contact_on = DateField(_l("Date of the visit"), default=today, validators=[
        InputRequired(message=_l("Enter the date of the visit.")), not_in_future], render_kw={"autofocus": True})
    duration_minutes = IntegerField(_l("Duration in minutes (optional)"), validators=[
        Optional(), NumberRange(min=0, max=1440, message=_l("Enter a duration between 0 and 1440 minutes."))])
    note = TextAreaField(_l("Short note (optional)"), validators=[Optional(), Length(max=TEXT_MAX)])
    submit = SubmitField(_l("Save home visit"))


def read_reviews(formdata, goals):
    """The reviews typed for the offered goals: (reviews, typed, errors). A goal whose status is left at "not
    reviewed now" is skipped unless something else was typed for it; `typed` keeps every value to show again."""
    reviews, typed, errors = [], {}, {}
    for goal in goals:
        prefix = f"goal{goal.id}"
        status = formdata.get(f"{prefix}.status", "")
        note = (formdata.get(f"{prefix}.note") or "").strip()
        next_text = (formdata.get(f"{prefix}.next_review_on") or "").strip()
        typed[prefix] = {"status": status, "note": note, "next_review_on": next_text}
        if not status:
            if note or next_text:
                errors[f"{prefix}.status"] = _("Choose the status of the goal, or clear what you typed for it.")
            continue
        if status not in GOAL_STATUSES:
            errors[f"{prefix}.status"] = _("Choose the status of the goal.")
            continue
        if len(note) > TEXT_MAX:
            errors[f"{prefix}.note"] = _("A note can have at most %(n)d characters (this one has %(m)d).",
                                         n=TEXT_MAX, m=len(note))
            continue
        next_review_on = None
        if next_text:
            try:
                next_review_on = date.fromisoformat(next_text)
            except ValueError:
                errors[f"{prefix}.next_review_on"] = _("Enter the date of the next review as day, month and year.")
                continue
        reviews.append(Review(goal, status, note or None, next_review_on))
    return reviews, typed, errors

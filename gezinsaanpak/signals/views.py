"""Pages of the signals area: record from the checklist, follow one signal, and the household overview."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user

from ..cases.access import get_household_or_404, get_in_household_or_404
from ..errors import EditConflict, InvalidInput
from ..forms import show_error
from ..i18n import _, in_language
from ..locking import check_version
from ..timeutil import today
from . import labels, operations
from .forms import RecordForm, StateForm, read_ticks
from .models import Signal
from .queries import open_signals, recording_sections
from .rules import next_states

bp = Blueprint("signals", __name__)


@bp.app_context_processor
def inject_signal_labels():
    return {"signal_labels": labels, "checklist_text": lambda item: in_language(item, "text"),
            "checklist_heading": lambda item: in_language(item, "heading")}


def _to_household(household, message):
    flash(message, "success")
    return redirect(url_for("cases.household", household_id=household.id, open="signals", _anchor="signals"))


@bp.route("/households/<int:household_id>/signals/record", methods=["GET", "POST"])
def record(household_id):
    """The checklist for one visit: tick per member or for the household, a note where useful, one save."""
    household = get_household_or_404(household_id, need="edit", action="signal.form")
    if household.is_closed:
        flash(_("Reopen this household before recording signals."), "warning")
        return redirect(url_for("cases.household", household_id=household.id))
    form = RecordForm()
    on = form.observed_on.data if form.observed_on.data and form.observed_on.data <= today() else today()
    sections = recording_sections(household, on)
    typed, errors, problem = {}, {}, None
    if request.method == "POST":
        ticks, typed, errors = read_ticks(request.form, sections)
        if form.validate_on_submit() and not errors:
            try:
                signals = operations.record_signals(current_user, household, ticks, form.observed_on.data)
            except InvalidInput as error:
                if error.field == "observed_on":
                    show_error(form, error, "observed_on")
                elif error.field in typed:
                    errors[error.field] = str(error)
                else:
                    problem = str(error)
            else:
                return _to_household(household, _("Signals recorded: %(n)d.", n=len(signals)))
    failed = bool(form.errors or errors or problem)
    return render_template("signals/record.html", household=household, form=form, sections=sections, typed=typed,
                           errors=errors, problem=problem, taken=open_signals(household)), 400 if failed else 200


@bp.route("/households/<int:household_id>/signals/<int:signal_id>", methods=["GET", "POST"])
def signal(household_id, signal_id):
    """One signal with its history, and the form that moves it on, sets it aside or reopens it."""
    need, action = ("edit", "signal.state") if request.method == "POST" else ("view", "signal.view")
    household = get_household_or_404(household_id, need=need, action=action)
    signal = get_in_household_or_404(Signal, signal_id, household)
    form = StateForm()
    allowed = next_states(signal)
    form.to_state.choices = [(state, _state_action(signal, state)) for state in allowed]
    conflict = None
    if request.method == "GET":
        form.version.data = signal.version
    if form.validate_on_submit():
        try:
            check_version(signal, form.version.data)
            operations.change_state(current_user, household, signal, form.to_state.data, form.changed_on.data,
                                    form.note.data)
        except InvalidInput as error:
            show_error(form, error, "to_state")
        except EditConflict:
            conflict = [(_("State"), labels.STATE_LABELS[signal.state])]
            form.version.data = signal.version
            allowed = next_states(signal)
            form.to_state.choices = [(state, _state_action(signal, state)) for state in allowed]
        else:
            if signal.state == "not_applicable":
                return _to_household(household, _("Set aside as not applicable; it stays in the history."))
            return _to_household(household, _("The signal is now “%(state)s”.",
                                              state=labels.STATE_LABELS[signal.state]))
    status = 409 if conflict else 400 if form.errors else 200
    return render_template("signals/signal.html", household=household, signal=signal, form=form,
                           allowed=allowed, conflict=conflict), status


def _state_action(signal, state):
    if signal.state == "not_applicable":
        return _("Reopen: back to “%(state)s”", state=labels.STATE_LABELS[state])
    return labels.STATE_ACTIONS[state]


from . import views_admin  # noqa: E402,F401  (administrator pages on this blueprint)

"""Forms on a household's track: open, register, members, contacts, stages, check-ins, coordinator."""
from flask import flash, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_login import current_user
from sqlalchemy import select

from ..auth.models import User
from ..auth.permissions import can_manage_workers
from ..errors import EditConflict, InvalidInput, PermissionDenied
from ..extensions import db
from ..forms import ask_first, confirmed, show_error
from ..i18n import _
from ..locking import check_version, stale_step_message
from ..web import record_id
from . import neighbourhoods, operations
from .access import get_household_or_404
from .forms import (
    CheckInForm,
    ContactForm,
    HandoverForm,
    MemberForm,
    RegisterForm,
    ReopenForm,
    StageForm,
    TrackForm,
    WorkerForm,
    neighbourhood_choices,
)
from .labels import CLOSE_REASON_LABELS, STAGE_LABELS
from .models import ClosingRequest
from .operations import NEXT_STAGES
from .queries import namesakes
from .registry import household_parts
from .views import bp


def _to_household(household, message):
    flash(message, "success")
    return redirect(url_for("cases.household", household_id=household.id))


def _render(template, status=200, **context):
    return render_template(template, **context), status


def _warn_namesakes(household, pseudonym: bool = False, members=None) -> None:
    """Saved, but maybe one family twice: say so beside the confirmation (see queries.namesakes)."""
    same_pseudonym, twins = namesakes(household, members)
    if pseudonym and same_pseudonym:
        flash(_("Another household of your team already has the pseudonym “%(name)s”. Check that this is not the "
                "same family; ask your team lead when in doubt.", name=household.pseudonym), "warning")
    for member in twins:
        flash(_("%(name)s, born %(date)s, is also a member of another household of your team. Check that the "
                "family is not registered twice; ask your team lead when in doubt.", name=member.first_name,
                date=format_date(member.date_of_birth)), "warning")


@bp.route("/households/new", methods=["GET", "POST"])
def new_track():
    """Trust building: a pseudonym and where the signal came from, nothing that identifies the family."""
    form = TrackForm()
    form.neighbourhood_id.choices = neighbourhood_choices(neighbourhoods.listed())
    if form.validate_on_submit():
        try:
            household = operations.open_contact_track(current_user, form.pseudonym.data, form.source.data,
                                                      form.neighbourhood_id.data)
        except InvalidInput as error:
            show_error(form, error, "pseudonym")
        else:
            response = _to_household(household, _("Contact track opened. Log your contacts here until the family "
                                                   "consents to registration."))
            _warn_namesakes(household, pseudonym=True)
            return response
    return _render("cases/new_track.html", 400 if form.errors else 200, form=form)


@bp.route("/households/<int:household_id>/contacts/new", methods=["GET", "POST"])
def new_contact(household_id):
    household = get_household_or_404(household_id, need="edit", action="contact.form")
    form = ContactForm()
    if form.validate_on_submit():
        try:
            operations.log_contact(current_user, household, form.kind.data, form.contact_on.data, form.note.data,
                                   form.duration_minutes.data)
        except InvalidInput as error:
            show_error(form, error, "contact_on")
        else:
            return _to_household(household, _("Contact saved."))
    return _render("cases/form.html", 400 if form.errors else 200, household=household, form=form,
                   title=_("Log a contact"))


@bp.route("/households/<int:household_id>/register", methods=["GET", "POST"])
def register(household_id):
    """Registration with consent, on one screen; the contact history carries over."""
    household = get_household_or_404(household_id, need="edit", action="household.register_form")
    if household.is_registered:
        return _to_household(household, _("This household is already registered."))
    form = RegisterForm()
    form.neighbourhood_id.choices = neighbourhood_choices(neighbourhoods.listed(), household.neighbourhood)
    if request.method == "GET":
        form.neighbourhood_id.data = str(household.neighbourhood_id or "")
    elif form.more.data:
        form.members.append_entry()
        return _render("cases/register.html", household=household, form=form)
    if form.validate_on_submit():
        members = [{"first_name": row.first_name.data, "role": row.role.data, "date_of_birth": row.date_of_birth.data,
                    "school": row.school.data} for row in form.filled_members()]
        try:
            operations.register_household(current_user, household, form.consent_on.data, form.consent_scope.data,
                                          members, form.income_situation.data, form.neighbourhood_id.data)
        except InvalidInput as error:
            db.session.rollback()
            show_error(form, error)
        else:
            response = _to_household(household, _("The household is registered. You are its coordinator."))
            _warn_namesakes(household)
            return response
    return _render("cases/register.html", 400 if form.errors else 200, household=household, form=form)


@bp.route("/households/<int:household_id>/members/new", methods=["GET", "POST"])
def new_member(household_id):
    household = get_household_or_404(household_id, need="edit", action="member.form")
    form = MemberForm()
    if form.validate_on_submit():
        try:
            member = operations.add_member(current_user, household, form.first_name.data, form.role.data,
                                           form.date_of_birth.data, form.school.data)
        except InvalidInput as error:
            show_error(form, error, "first_name")
        else:
            response = _to_household(household, _("Member added."))
            _warn_namesakes(household, members=[member])
            return response
    return _render("cases/form.html", 400 if form.errors else 200, household=household, form=form,
                   title=_("Add a member"))


@bp.route("/households/<int:household_id>/stage", methods=["GET", "POST"])
def move_stage(household_id):
    household = get_household_or_404(household_id, need="edit", action="household.stage_form")
    form = StageForm()
    allowed = NEXT_STAGES[household.stage]
    form.to_stage.choices = [(s, STAGE_LABELS[s]) for s in allowed]
    form.reason.choices = [("", "–")] + [(r, CLOSE_REASON_LABELS[r]) for r in operations.close_reasons(household)]
    if household.is_closed:
        return redirect(url_for("cases.reopen", household_id=household.id))
    target = form.to_stage.data if request.method == "POST" else request.args.get("to")
    if target != "closed":
        del form.reason  # the close reason only when closing
    if target == "closed" and operations.closing_needs_sign_off(current_user, household):
        form.submit.label.text = _("Ask the team lead to close")
    if target in allowed and operations.is_backward(household, target):
        form.note.label.text = _("Why does the family go back to this stage? (required; it stays in the history)")
    conflict = None
    if form.validate_on_submit():
        try:
            check_version(household, form.version.data)
            moved = operations.move_stage(current_user, household, form.to_stage.data, form.moved_on.data,
                                          form.note.data, form.reason.data if "reason" in form else None,
                                          form.turn_to.data, form.aftercare.data)
        except InvalidInput as error:
            show_error(form, error, "to_stage")
        except EditConflict:
            conflict = [(_("Stage"), STAGE_LABELS[household.stage]),
                        (_("Coordinator"), household.coordinator.name)]
            form.version.data = household.version
        else:
            if isinstance(moved, ClosingRequest):
                return _to_household(household, _("Your request to close is waiting for the team lead's sign-off."))
            moved = _("Moved to %(stage)s.", stage=STAGE_LABELS[form.to_stage.data])
            if form.to_stage.data in ("follow_up", "aftercare"):
                flash(moved + " " + _("Plan when you will ask “how did it go?”."), "success")
                return redirect(url_for("cases.new_check_in", household_id=household.id))
            return _to_household(household, moved)
    if request.method == "GET":
        form.version.data = household.version
        if request.args.get("to") in allowed:
            form.to_stage.data = request.args["to"]
    if not household.is_registered:  # a contact track closes for want of consent: nothing of aftercare to ask
        del form.turn_to, form.aftercare
    closing = [item for summary in household_parts().closing for item in summary(household)] \
        if "closed" in allowed else []
    return _render("cases/form.html", 409 if conflict else 400 if form.errors else 200, household=household,
                   form=form, title=_("Move to another stage"), conflict=conflict, closing=closing,
                   sign_off=target == "closed" and operations.closing_needs_sign_off(current_user, household))


@bp.route("/households/<int:household_id>/reopen", methods=["GET", "POST"])
def reopen(household_id):
    household = get_household_or_404(household_id, need="edit", action="household.reopen_form")
    form = ReopenForm()
    if not household.is_closed:
        return _to_household(household, _("This household is open."))
    if form.validate_on_submit():
        operations.reopen(current_user, household, form.note.data)
        return _to_household(household, _("The household is reopened."))
    return _render("cases/form.html", household=household, form=form, title=_("Reopen this household"))


@bp.route("/households/<int:household_id>/check-ins", methods=["GET", "POST"])
def new_check_in(household_id):
    household = get_household_or_404(household_id, need="edit", action="check_in.form")
    form = CheckInForm()
    if form.validate_on_submit():
        operations.plan_check_in(current_user, household, form.due_on.data, form.subject.data)
        return _to_household(household, _("Check-in planned."))
    return _render("cases/form.html", 400 if form.errors else 200, household=household, form=form,
                   title=_("Plan a check-in"))


@bp.route("/households/<int:household_id>/check-ins/done", methods=["POST"])
def check_in_done(household_id):
    household = get_household_or_404(household_id, need="edit", action="check_in.done")
    try:
        operations.complete_check_in(current_user, household, request.form.get("check_in_id", type=record_id))
    except InvalidInput as error:
        flash(str(error), "error")
        return redirect(url_for("cases.household", household_id=household.id))
    return _to_household(household, _("Check-in marked as done."))


def _team_coaches(household, exclude):
    return db.session.scalars(select(User).where(User.team_id == household.team_id, User.role == "coach",
                                                 User.active.is_(True), User.id.not_in(exclude))
                              .order_by(User.name)).all()


@bp.route("/households/<int:household_id>/handover", methods=["GET", "POST"])
def handover(household_id):
    """The coordinator or the team lead hands the household to another coach of the team."""
    household = get_household_or_404(household_id, need="hand_over", action="household.handover_form")
    form = HandoverForm()
    form.coach_id.choices = [(c.id, c.name) for c in _team_coaches(household, [household.coordinator_id])]
    if request.method == "GET":
        form.version.data = household.version
    else:
        try:
            check_version(household, form.version.data)  # before the choices: they were those of the old page
        except EditConflict:
            flash(stale_step_message(), "error")
            form = HandoverForm(formdata=None, version=household.version)
            form.coach_id.choices = [(c.id, c.name) for c in _team_coaches(household, [household.coordinator_id])]
            return _render("cases/form.html", 409, household=household, form=form, title=_("Hand over coordination"))
    if form.validate_on_submit():
        coach = db.session.get(User, form.coach_id.data)
        try:
            operations.hand_over(current_user, household, coach, form.note.data, form.keep_as_worker.data)
        except PermissionDenied:
            show_error(form, InvalidInput(_("This handover is not allowed.")), "coach_id")
        except InvalidInput as error:
            show_error(form, error, "coach_id")
        else:
            flash(_("%(name)s now coordinates this household.", name=coach.name), "success")
            if current_user.role == "teamlead" or form.keep_as_worker.data:
                return redirect(url_for("cases.household", household_id=household.id))
            return redirect(url_for("cases.my_households"))
    return _render("cases/form.html", 400 if form.errors else 200, household=household, form=form,
                   title=_("Hand over coordination"))


@bp.route("/households/<int:household_id>/workers", methods=["GET", "POST"])
def workers(household_id):
    """Everyone who works on the household sees who else does; the coordinator or the team lead changes it."""
    posted = request.method == "POST"
    household = get_household_or_404(household_id, need="hand_over" if posted else "view", action="household.workers")
    form = WorkerForm()
    exclude = [household.coordinator_id] + [w.user_id for w in household.workers]
    form.coach_id.choices = [(c.id, c.name) for c in _team_coaches(household, exclude)]
    if form.validate_on_submit():
        try:
            operations.add_worker(current_user, household, db.session.get(User, form.coach_id.data))
        except InvalidInput as error:
            show_error(form, error, "coach_id")
        else:
            return _to_household(household, _("Co-worker added."))
    return _render("cases/workers.html", 400 if form.errors else 200, household=household, form=form,
                   may_manage=can_manage_workers(current_user, household))


@bp.route("/households/<int:household_id>/workers/remove", methods=["POST"])
def remove_worker(household_id):
    household = get_household_or_404(household_id, need="hand_over",
                                     action="household.remove_worker" if confirmed() else "household.workers")
    user_id = request.form.get("user_id", type=record_id)
    worker = next((w.user for w in household.workers if w.user_id == user_id), None)
    question = worker and ask_first(
        _("Are you sure you want to remove %(name)s as co-worker of this household?", name=worker.name),
        _("%(name)s can no longer open or work on this household. What they recorded stays, and they can be added "
          "again later.", name=worker.name), _("Yes, remove"), url_for("cases.workers", household_id=household.id))
    if question:
        return question
    try:
        operations.remove_worker(current_user, household, user_id)
    except InvalidInput as error:
        flash(str(error), "error")
        return redirect(url_for("cases.workers", household_id=household.id))
    return _to_household(household, _("Co-worker removed."))

"""Goal pages: set and change a goal, its action points and if-then plans, and review it with the family."""
from flask import flash, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_login import current_user

from ..cases.access import get_household_or_404, get_in_household_or_404
from ..errors import EditConflict, InvalidInput
from ..extensions import db
from ..forms import ask_first, confirmed, show_error
from ..i18n import _
from ..locking import check_version, stale_step_message
from ..network.models import Partner
from ..network.queries import active_partners
from ..timeutil import today
from ..web import record_id
from . import labels as plan_labels
from . import operations
from .assessments import domains_of, scale_for
from .forms import ActionForm, GoalForm, ObstacleForm, ReviewForm
from .labels import domain_label
from .models import Action, Domain, Goal, Obstacle
from .queries import goal_history
from .suggestions import suggest_domains
from .views import bp, render

FAMILY = "family"


def _to_goal(household, goal, message):
    flash(message, "success")
    return redirect(url_for("plans.goal", household_id=household.id, goal_id=goal.id))


def _status(form):
    return 400 if form.errors or form.form_errors else 200


def _domain_groups():
    """Every scale's domains as (scale, group title, [(id, label)]), in the order the form offers them."""
    groups = ((FAMILY, _("Family themes")), ("bridge", _("Bridge (adults)")),
              ("child_bridge", _("Child Bridge (children)")))
    return [(scale, title, [(str(d.id), domain_label(d)) for d in domains_of(scale)]) for scale, title in groups]


def _member_scales(household) -> dict[str, str]:
    """Which domains fit whose goal: the family takes family themes, an adult the Bridge, a child the Child Bridge."""
    scales = {FAMILY: FAMILY}
    scales.update({str(m.id): scale_for(m, today()) for m in household.members if not m.left_on})
    return scales


def _fill_goal_form(form, household, member_value):
    """The members to choose from, and only the chosen one's own domains (the page's script follows a change of
    member; without it, saving a domain that does not fit explains why and offers the right ones)."""
    members = [m for m in household.members if not m.left_on]
    form.member.choices = [(FAMILY, _("The family as a whole"))] + [(str(m.id), m.first_name) for m in members]
    scale = _member_scales(household).get(member_value)
    form.domain_id.choices = {"": [("", _("Choose a domain"))]} | {
        title: options for group_scale, title, options in _domain_groups() if group_scale == scale}


def _chosen_domain(form):
    try:
        return db.session.get(Domain, record_id(form.domain_id.data))
    except (TypeError, ValueError):  # nothing chosen, or not an id ("²" is a digit to str.isdigit, not to int)
        return None


@bp.route("/households/<int:household_id>/goals/new", methods=["GET", "POST"])
def new_goal(household_id):
    """A goal for a member or the family; the form can start from a suggested domain (?member=…&domain=…)."""
    household = get_household_or_404(household_id, need="edit", action="goal.form")
    form = GoalForm()
    if request.method == "GET":
        form.member.data = request.args.get("member", FAMILY)
        form.domain_id.data = request.args.get("domain", "")
    _fill_goal_form(form, household, form.member.data)
    if form.validate_on_submit():
        members = {str(m.id): m for m in household.members}
        if form.member.data != FAMILY and form.member.data not in members:
            form.member.errors.append(_("Choose whose goal it is."))
        else:
            try:
                goal = operations.set_goal(current_user, household, members.get(form.member.data),
                                           _chosen_domain(form), form.description.data, form.target_on.data,
                                           form.dream.data, form.own_words.data, form.own_words_skipped.data or None)
            except InvalidInput as error:
                show_error(form, error)
            else:
                return _to_goal(household, goal, _("Goal saved. Now agree on the first action point."))
    return render("plans/goal_form.html", _status(form), household=household, form=form, goal=None,
                  suggestions=suggest_domains(household), title=_("Set a goal"), domain_groups=_domain_groups(),
                  member_scales=_member_scales(household), support_ends=operations.support_ends_on(household))


@bp.route("/households/<int:household_id>/goals/<int:goal_id>")
def goal(household_id, goal_id):
    household = get_household_or_404(household_id, action="goal.view")
    record = get_in_household_or_404(Goal, goal_id, household)
    changes, changed_domains = goal_history(record)
    return render_template("plans/goal.html", household=household, goal=record,
                           support_ends=operations.support_ends_on(household), changes=changes,
                           changed_domains=changed_domains)


@bp.route("/households/<int:household_id>/goals/<int:goal_id>/edit", methods=["GET", "POST"])
def edit_goal(household_id, goal_id):
    household = get_household_or_404(household_id, need="edit", action="goal.edit_form")
    record = get_in_household_or_404(Goal, goal_id, household)
    form = GoalForm(obj=record if request.method == "GET" else None)
    form.member.data = str(record.member_id) if record.member_id else FAMILY
    _fill_goal_form(form, household, form.member.data)
    if request.method == "GET":
        form.domain_id.data = str(record.domain_id)
        form.version.data = record.version
    conflict = None
    if form.validate_on_submit():
        try:
            check_version(record, form.version.data)
            operations.update_goal(current_user, household, record, _chosen_domain(form), form.description.data,
                                   form.target_on.data, form.dream.data, form.own_words.data,
                                   form.own_words_skipped.data or None)
        except InvalidInput as error:
            show_error(form, error)
        except EditConflict:
            conflict = goal_conflict(record)
            form.version.data = record.version  # saving again now means: mine replaces theirs, knowingly
        else:
            return _to_goal(household, record, _("Goal changed."))
    status = 409 if conflict else _status(form)
    return render("plans/goal_form.html", status, household=household, form=form, goal=record,
                  suggestions=None, title=_("Change the goal"), conflict=conflict, domain_groups=None,
                  support_ends=operations.support_ends_on(household))


def goal_conflict(goal):
    """What is saved now, to show beside what the user typed."""
    return [(_("Domain"), domain_label(goal.domain)),
            (_("The goal, SMART"), goal.description), (_("Target date"), format_date(goal.target_on)),
            (_("The dream behind it, in their own words"), goal.dream or "–"),
            (_("The goal in their own words"), goal.own_words or "–")]


def _goal_form_page(household, record, form, title):
    back = url_for("plans.goal", household_id=household.id, goal_id=record.id)
    return render("plans/form.html", _status(form), household=household, form=form, title=title, back=back,
                  goal=record)


def _goal_step(household_id, goal_id, action, form, save, saved, title):
    """A form that adds to a goal (an action point, an if-then plan, a review): load the goal, validate, save
    through the operation, back to the goal; a refusal stays on the form with the message beside its field. A form
    with a version (the review, which changes the goal's status) is refused when the goal changed since it was
    opened."""
    household = get_household_or_404(household_id, need="edit", action=action)
    record = get_in_household_or_404(Goal, goal_id, household)
    form = form(record)
    versioned = hasattr(form, "version")
    if versioned and request.method == "GET":
        form.version.data = record.version
    if versioned and request.method == "POST":
        try:
            check_version(record, form.version.data)
        except EditConflict:
            flash(stale_step_message(), "error")
            form.version.data = record.version
            return _goal_form_page(household, record, form, title)[0], 409
    if form.validate_on_submit():
        try:
            save(household, record, form)
        except InvalidInput as error:
            show_error(form, error)
        else:
            return _to_goal(household, record, saved)
    return _goal_form_page(household, record, form, title)


def _action_form(household):
    """Who may carry an action point: the members, the coach, the partners of the household's network who are
    involved now (one who is no longer involved stays on the action points they carry, but is not offered), or
    someone else by name."""
    form = ActionForm()
    form.carrier.choices = {
        "": [("", _("Choose, or write a name below"))],
        _("The family"): [(f"member:{m.id}", m.first_name) for m in household.members if not m.left_on],
        _("Coach"): [("coach", _("The coach (%(name)s)", name=household.coordinator.name))],
        _("The family's network"): [(f"partner:{p.id}", plan_labels.partner_name(p))
                                    for p in active_partners(household)],
        _("Someone else"): [("other", _("Someone else: write who below"))]}
    return form


def _add_action(household, goal, form):
    """The chosen carrier as the operation takes it: a name, or a partner (refused there if not of this household)."""
    kind, _sep, key = (form.carrier.data or "").partition(":")
    who, partner = form.who.data, None
    if kind == "member":
        member = next((m for m in household.members if str(m.id) == key and not m.left_on), None)
        if member is None:
            raise InvalidInput(_("Choose who does it."), "carrier")
        who = member.first_name
    elif kind == "coach":
        who = _("coach")
    elif kind == "partner":
        try:
            partner = db.session.get(Partner, record_id(key))
        except ValueError:  # not a number, or none a record can have
            partner = None
        if partner is None:
            raise InvalidInput(_("Choose who does it."), "carrier")
    return operations.add_action(current_user, household, goal, form.description.data, who, form.due_on.data,
                                 form.support_needed.data, partner)


@bp.route("/households/<int:household_id>/goals/<int:goal_id>/actions/new", methods=["GET", "POST"])
def new_action(household_id, goal_id):
    return _goal_step(household_id, goal_id, "action.form", lambda goal: _action_form(goal.household),
                      _add_action, _("Action point added."), _("Add an action point"))


@bp.route("/households/<int:household_id>/goals/<int:goal_id>/obstacles/new", methods=["GET", "POST"])
def new_obstacle(household_id, goal_id):
    return _goal_step(household_id, goal_id, "obstacle.form", lambda goal: ObstacleForm(),
                      lambda household, goal, form: operations.add_obstacle(
                          current_user, household, goal, form.obstacle.data, form.if_then_plan.data),
                      _("If-then plan added."), _("Think an obstacle through: if … then …"))


@bp.route("/households/<int:household_id>/goals/<int:goal_id>/review", methods=["GET", "POST"])
def review(household_id, goal_id):
    return _goal_step(household_id, goal_id, "goal.review_form",
                      lambda goal: ReviewForm(status=goal.status) if request.method == "GET" else ReviewForm(),
                      lambda household, goal, form: operations.review_goal(
                          current_user, household, goal, form.reviewed_on.data, form.status.data, form.note.data,
                          form.next_review_on.data),
                      _("Review saved."), _("Review the goal with the family"))


def _change(household, record, change, message):
    """Run a small change from a button; a refusal comes back as a message on the goal page."""
    try:
        change()
    except InvalidInput as error:
        flash(str(error), "error")
        return redirect(url_for("plans.goal", household_id=household.id, goal_id=record.id))
    return _to_goal(household, record, message)


@bp.route("/households/<int:household_id>/actions/<int:action_id>/done", methods=["POST"])
def action_done(household_id, action_id):
    household = get_household_or_404(household_id, need="edit", action="action.done")
    action = get_in_household_or_404(Action, action_id, household)
    done = request.form.get("done") != "0"
    return _change(household, action.goal, lambda: operations.set_action_done(current_user, household, action, done),
                   _("Action point marked as done.") if done else _("Action point is open again."))


@bp.route("/households/<int:household_id>/actions/<int:action_id>/remove", methods=["POST"])
def remove_action(household_id, action_id):
    household = get_household_or_404(household_id, need="edit", action="action.remove" if confirmed() else "goal.view")
    action = get_in_household_or_404(Action, action_id, household)
    question = ask_first(_("Are you sure you want to remove the action point “%(what)s”?", what=action.description),
                         _("It disappears from the goal and from the family plan, and cannot be brought back. An "
                           "action point that was carried out can be marked as done instead."), _("Yes, remove"),
                         url_for("plans.goal", household_id=household.id, goal_id=action.goal_id))
    if question:
        return question
    return _change(household, action.goal, lambda: operations.remove_action(current_user, household, action),
                   _("Action point removed."))


@bp.route("/households/<int:household_id>/obstacles/<int:obstacle_id>/remove", methods=["POST"])
def remove_obstacle(household_id, obstacle_id):
    household = get_household_or_404(household_id, need="edit",
                                     action="obstacle.remove" if confirmed() else "goal.view")
    obstacle = get_in_household_or_404(Obstacle, obstacle_id, household)
    question = ask_first(_("Are you sure you want to remove the if-then plan “%(what)s”?",
                           what=f"{_('If')} {obstacle.condition}"),
                         _("It disappears from the goal and from the family plan, and cannot be brought back."),
                         _("Yes, remove"), url_for("plans.goal", household_id=household.id, goal_id=obstacle.goal_id))
    if question:
        return question
    return _change(household, obstacle.goal, lambda: operations.remove_obstacle(current_user, household, obstacle),
                   _("If-then plan removed."))

"""Pages of the plans area: a member's page with their assessments, the assessment form, dreams and wishes.

Goal pages are in views_goals.py, the family plan and its PDF in views_plan.py; all on this blueprint.
"""
from datetime import datetime

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_login import current_user

from ..cases.access import get_household_or_404, get_in_household_or_404
from ..cases.models import Member
from ..errors import EditConflict, InvalidInput
from ..forms import show_error
from ..i18n import _
from ..locking import version_of
from ..timeutil import today
from . import assessments as assessing
from . import labels as plan_labels
from . import operations
from .chart import build_chart
from .descriptors import descriptors_for
from .forms import WishForm, assessment_form
from .labels import COLOUR_NAMES, STEP_LABELS
from .models import Assessment
from .queries import goals_of
from .suggestions import suggest_domains

bp = Blueprint("plans", __name__)
bp.add_app_template_global(plan_labels, "plan_labels")  # a global, so imported macros see it too


def render(template, status=200, **context):
    return render_template(template, **context), status


@bp.route("/households/<int:household_id>/members/<int:member_id>")
def member(household_id, member_id):
    """One member: assessments (first next to latest, with the change), dream or wishes, goals."""
    household = get_household_or_404(household_id, action="plan.member")
    person = get_in_household_or_404(Member, member_id, household)
    history = assessing.assessments_of(person)
    compared = assessing.comparable(history)
    comparison = chart = None
    if compared:
        first, latest = compared[0], compared[-1]
        comparison = assessing.compare(first, latest)
        ticks = {step: step for step in STEP_LABELS} if latest.scale == "bridge" else COLOUR_NAMES
        chart = build_chart(comparison, latest.scale, ticks)
    return render("plans/member.html", household=household, member=person, history=history, compared=compared,
                  comparison=comparison, chart=chart, benchmark_history=assessing.benchmark_history(compared),
                  goals=goals_of(household, person.id, only_member=True),
                  wish=operations.wish_of(person), suggestions=suggest_domains(household).for_member(person.id),
                  scale=assessing.scale_for(person, today()))


@bp.route("/households/<int:household_id>/members/<int:member_id>/assessments/new", methods=["GET", "POST"])
def assess(household_id, member_id):
    """Bridge for an adult; for a child the Child Bridge benchmarks of the age band on the date of the assessment."""
    household = get_household_or_404(household_id, need="edit", action="assessment.form")
    person = get_in_household_or_404(Member, member_id, household)
    scale = assessing.scale_for(person, today())
    domains = assessing.domains_of(scale)
    on = _posted_date() or today()
    band = assessing.age_band_for(person.date_of_birth, on) if scale == "child_bridge" else None
    benchmarks = assessing.benchmarks_of(band) if band else []
    form = assessment_form(scale, domains, benchmarks)
    if request.method == "GET":
        form.age_band.data = band
    if form.validate_on_submit():
        try:
            if (form.age_band.data or None) != band:
                form.age_band.data = band
                raise InvalidInput(_("On %(date)s %(name)s was in another age band: the benchmarks of that band are "
                                     "shown now. Colour them and save again.", date=format_date(on),
                                     name=person.first_name), "assessed_on")
            assessing.record_assessment(current_user, household, person, form.assessed_on.data,
                                        _scores(form, scale, domains, benchmarks))
        except InvalidInput as error:
            show_error(form, error)
        else:
            flash(_("Assessment saved."), "success")
            return redirect(url_for("plans.member", household_id=household.id, member_id=person.id))
    if form.assessed_on.errors:
        form.assessed_on.render_kw = {"autofocus": True}  # else the first benchmark has the focus
    return render("plans/assess.html", 400 if form.errors or form.form_errors else 200, household=household,
                  member=person, form=form, domains=domains, scale=scale, band=band, on=on,
                  benchmarks={d.id: [b for b in benchmarks if b.domain_id == d.id] for d in domains},
                  descriptors=descriptors_for(scale, None, g.lang) if scale == "bridge" else {})


def _posted_date():
    """The date of the assessment as posted, when it is one: it decides the age band, and so the form's fields."""
    try:
        return datetime.strptime(request.form.get("assessed_on", ""), "%Y-%m-%d").date()
    except ValueError:
        return None


def _scores(form, scale, domains, benchmarks) -> dict:
    """The form's answers in the shape `record_assessment` takes."""
    scores = {d.id: {"note": form[f"note_{d.id}"].data} for d in domains}
    if scale == "bridge":
        for d in domains:
            scores[d.id]["value"] = form[f"domain_{d.id}"].data
    for b in benchmarks:
        scores[b.domain_id].setdefault("benchmarks", {})[b.id] = form[f"benchmark_{b.id}"].data
    return scores


@bp.route("/households/<int:household_id>/assessments/<int:assessment_id>")
def assessment(household_id, assessment_id):
    """One assessment in full, with the coaches' notes."""
    household = get_household_or_404(household_id, action="assessment.view")
    record = get_in_household_or_404(Assessment, assessment_id, household)
    return render("plans/assessment.html", household=household, assessment=record,
                  benchmark_history=assessing.benchmark_history([record]))


@bp.route("/households/<int:household_id>/members/<int:member_id>/wish", methods=["GET", "POST"])
def wish(household_id, member_id):
    """A member's dream, or a child's own wishes, in their own words."""
    household = get_household_or_404(household_id, need="edit", action="wish.form")
    person = get_in_household_or_404(Member, member_id, household)
    current = operations.wish_of(person)
    form = WishForm(data={"words": current.words if current else ""})
    if request.method == "GET":
        form.version.data = version_of(current)
    conflict = None
    if form.validate_on_submit():
        try:
            operations.set_wish(current_user, household, person, form.words.data, form.version.data)
        except InvalidInput as error:
            show_error(form, error)
        except EditConflict as saved:
            conflict = [(form.words.label.text, saved.record.words if saved.record else "–")]
            form.version.data = version_of(saved.record)  # saving again now means: mine replaces theirs, knowingly
        else:
            flash(_("Saved."), "success")
            return redirect(url_for("plans.member", household_id=household.id, member_id=person.id))
    title = (_("%(name)s's wishes", name=person.first_name) if person.is_child
             else _("%(name)s's dream", name=person.first_name))
    back = url_for("plans.member", household_id=household.id, member_id=person.id)
    status = 409 if conflict else 400 if form.errors or form.form_errors else 200
    return render("plans/form.html", status, household=household, form=form, title=title, back=back,
                  conflict=conflict)


from . import views_goals, views_plan  # noqa: E402,F401  (routes on this blueprint)

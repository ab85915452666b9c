"""The family plan: one page per household, its PDF for the family, the household-page section, the CLI."""
import click
from flask import Response, current_app, flash, g, redirect, request, url_for
from flask_babel import format_date
from flask_login import current_user

from ..cases.access import get_household_or_404, get_in_household_or_404
from ..cli import _l
from ..errors import EditConflict, InvalidInput
from ..extensions import db, limiter
from ..forms import ask_first, confirmed, show_error
from ..i18n import LANGUAGES, _
from ..locking import version_of
from ..timeutil import today
from . import operations
from .descriptors import DescriptorFileError, load_descriptors
from .forms import FamilyPlanForm, StrengthForm
from .models import Strength
from .pdf import plan_pdf
from .queries import plan_view
from .views import bp, render
from .views_goals import FAMILY


@bp.route("/households/<int:household_id>/plan")
def plan(household_id):
    household = get_household_or_404(household_id, action="plan.view")
    return render("plans/plan.html", household=household, plan=plan_view(household), languages=LANGUAGES)


@bp.route("/households/<int:household_id>/strengths/new", methods=["GET", "POST"])
def new_strength(household_id):
    """A strength or protective factor of a member or of the family, for the plan."""
    household = get_household_or_404(household_id, need="edit", action="strength.form")
    form = StrengthForm()
    members = {str(m.id): m for m in household.members if not m.left_on}
    form.member.choices = [(FAMILY, _("The family as a whole"))] + [(key, m.first_name) for key, m in members.items()]
    if request.method == "GET":
        form.member.data = request.args.get("member", FAMILY)
    if form.validate_on_submit():
        if form.member.data != FAMILY and form.member.data not in members:
            form.member.errors.append(_("Choose whose it is."))
        else:
            try:
                operations.add_strength(current_user, household, members.get(form.member.data), form.kind.data,
                                        form.text.data)
            except InvalidInput as error:
                show_error(form, error)
            else:
                flash(_("Saved in the plan."), "success")
                return redirect(url_for("plans.plan", household_id=household.id) + "#strengths")
    status = 400 if form.errors or form.form_errors else 200
    return render("plans/form.html", status, household=household, form=form,
                  title=_("What the family can build on"), back=url_for("plans.plan", household_id=household.id))


@bp.route("/households/<int:household_id>/strengths/<int:strength_id>/remove", methods=["POST"])
def remove_strength(household_id, strength_id):
    household = get_household_or_404(household_id, need="edit",
                                     action="strength.remove" if confirmed() else "plan.view")
    strength = get_in_household_or_404(Strength, strength_id, household)
    question = ask_first(_("Are you sure you want to remove “%(what)s” from what the family can build on?",
                           what=strength.text),
                         _("It disappears from the family plan, and cannot be brought back."), _("Yes, remove"),
                         url_for("plans.plan", household_id=household.id, _anchor="strengths"))
    if question:
        return question
    try:
        operations.remove_strength(current_user, household, strength)
    except InvalidInput as error:
        flash(str(error), "error")
    else:
        flash(_("Removed from the plan."), "success")
    return redirect(url_for("plans.plan", household_id=household.id) + "#strengths")


@bp.route("/households/<int:household_id>/plan/edit", methods=["GET", "POST"])
def edit_plan(household_id):
    """The family's dream as a whole and the next appointment."""
    household = get_household_or_404(household_id, need="edit", action="family_plan.form")
    current = operations.family_plan_of(household)
    form = FamilyPlanForm(obj=current if request.method == "GET" else None)
    if request.method == "GET":
        form.version.data = version_of(current)
    conflict = None
    if form.validate_on_submit():
        try:
            operations.update_family_plan(current_user, household, form.family_dream.data, form.next_meeting_on.data,
                                          form.next_meeting_note.data, form.version.data)
        except InvalidInput as error:
            show_error(form, error)
        except EditConflict as saved:
            conflict = _plan_conflict(form, saved.record)
            form.version.data = version_of(saved.record)  # saving again now means: mine replaces theirs, knowingly
        else:
            flash(_("The family plan is saved."), "success")
            return redirect(url_for("plans.plan", household_id=household.id))
    status = 409 if conflict else 400 if form.errors or form.form_errors else 200
    return render("plans/form.html", status, household=household, form=form, conflict=conflict,
                  title=_("The family's dream and the next appointment"),
                  back=url_for("plans.plan", household_id=household.id))


def _plan_conflict(form, plan):
    """What is saved now, to show beside what the user typed."""
    meeting_on = plan.next_meeting_on if plan else None
    return [(form.family_dream.label.text, plan.family_dream if plan and plan.family_dream else "–"),
            (form.next_meeting_on.label.text, format_date(meeting_on) if meeting_on else "–"),
            (form.next_meeting_note.label.text, plan.next_meeting_note if plan and plan.next_meeting_note else "–")]


def _downloading_user():
    return f"plan-pdf:{current_user.id}"


@bp.route("/households/<int:household_id>/plan.pdf")
@limiter.limit(lambda: current_app.config["PLAN_PDF_LIMIT"], key_func=_downloading_user)
def plan_download(household_id):
    """The plan for the family, in the language the coach chooses; an audited read like any other. A PDF costs
    the server more than a page, so each user may make only so many a minute (PLAN_PDF_LIMIT)."""
    household = get_household_or_404(household_id, action="plan.pdf")
    lang = request.args.get("lang") if request.args.get("lang") in LANGUAGES else g.lang
    name = (request.args.get("name") or "").strip()[:80] or None
    content = plan_pdf(plan_view(household), lang, name)
    filename = f"{'family-plan' if lang == 'en' else 'gezinsplan'}-{today().isoformat()}.pdf"
    return Response(content, mimetype="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@bp.cli.command("load-descriptors", help=_l("Load licensed descriptor texts from a CSV file (format: "
                                            "gezinsaanpak/plans/data/README.md)."))
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
def load_descriptors_command(path):
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            result = load_descriptors(handle)
    except DescriptorFileError as error:
        db.session.rollback()
        raise click.ClickException(_("nothing was loaded:") + "\n" + "\n".join(error.problems))
    db.session.commit()
    click.echo(_("descriptors: %(added)d added, %(updated)d updated, %(unchanged)d unchanged", added=result.added,
                 updated=result.updated, unchanged=result.unchanged))

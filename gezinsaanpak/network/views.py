"""Pages of the network area: the household's network, one partner with its consent, a warm handover, a
debt-help route, and the team lead's overview of debt help."""
from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from .. import audit
from ..cases.access import get_household_or_404, get_in_household_or_404
from ..errors import EditConflict, InvalidInput
from ..extensions import db
from ..forms import show_error
from ..i18n import _
from ..locking import check_version
from . import bp, labels, operations
from .forms import ConsentForm, DebtHelpForm, EndForm, HandoverForm, PartnerForm, StepForm, WithdrawForm
from .models import DebtHelp, NetworkStep, Partner, WarmHandover
from .operations import DEBT_HELP, HANDOVERS
from .queries import active_partners, household_network, team_debt_help


@bp.app_context_processor
def inject_network_labels():
    return {"network_labels": labels}


def _to(endpoint, household, message=None, category="success", **values):
    if message:
        flash(message, category)
    return redirect(url_for(endpoint, household_id=household.id, **values))


@bp.route("/households/<int:household_id>/network")
def index(household_id):
    household = get_household_or_404(household_id, need="view", action="network.view")
    return render_template("network/index.html", household=household, network=household_network(household))


@bp.route("/households/<int:household_id>/network/new", methods=["GET", "POST"])
def new_partner(household_id):
    household = get_household_or_404(household_id, need="edit", action="network.partner_form")
    form = PartnerForm()
    if form.validate_on_submit():
        try:
            partner = operations.add_partner(current_user, household, form.kind.data, form.name.data,
                                             form.organisation.data, form.relation.data, form.phone.data,
                                             form.email.data)
        except InvalidInput as error:
            show_error(form, error, "name")
        else:
            return _to("network.partner", household, _("%(name)s added to the network.", name=partner.name),
                       partner_id=partner.id)
    return render_template("network/new_partner.html", household=household, form=form), 400 if form.errors else 200


@bp.route("/households/<int:household_id>/network/<int:partner_id>", methods=["GET", "POST"])
def partner(household_id, partner_id):
    """One partner: details, consent to share (give, withdraw) and no longer involved. Every form posts here,
    with `step` saying which, so a mistake comes back on this page with what was typed."""
    posted = request.method == "POST"
    household = get_household_or_404(household_id, need="edit" if posted else "view",
                                     action="network.partner_form" if posted else "network.view")
    record = get_in_household_or_404(Partner, partner_id, household)
    step = request.form.get("step") if posted else None
    forms = {"details": PartnerForm(formdata=None, obj=record, prefix="details"),
             "consent": ConsentForm(formdata=None, prefix="consent"),
             "withdraw": WithdrawForm(formdata=None, prefix="withdraw"), "end": EndForm(formdata=None, prefix="end")}
    conflict = False
    if posted:
        if step not in forms:
            return _to("network.partner", household, _("The request could not be processed. Please go back and "
                                                       "try again."), "error", partner_id=record.id)
        form = forms[step] = type(forms[step])(prefix=step)
        if form.validate_on_submit():
            try:
                message = _partner_step(step, household, record, form)
            except InvalidInput as error:
                show_error(form, error)
            except EditConflict:
                conflict = True
                form.version.data = record.version
            else:
                return _to("network.partner", household, message, partner_id=record.id)
    status = 409 if conflict else 400 if posted else 200
    return render_template("network/partner.html", household=household, partner=record, forms=forms,
                           conflict=conflict), status


def _partner_step(step, household, record, form):
    if step == "details":
        check_version(record, form.version.data)
        operations.update_partner(current_user, household, record, form.kind.data, form.name.data,
                                  form.organisation.data, form.relation.data, form.phone.data, form.email.data)
        return _("Saved.")
    if step == "consent":
        operations.give_consent(current_user, household, record, form.scope.data, form.given_by.data,
                                form.given_on.data)
        return _("Consent recorded. Share only what it covers.")
    if step == "withdraw":
        if record.consent is None:
            raise InvalidInput(_("There is no consent in force to withdraw."))
        operations.withdraw_consent(current_user, household, record.consent, form.withdrawn_on.data)
        return _("Withdrawal recorded: share nothing more with %(name)s.", name=record.name)
    operations.end_partner(current_user, household, record, form.ended_on.data)
    return _("%(name)s is marked as no longer involved.", name=record.name)


def _partner_choices(household, with_consent_only=False):
    return [(p.id, f"{p.name} ({labels.KIND_LABELS[p.kind]})") for p in active_partners(household)
            if p.consent is not None or not with_consent_only]


def _chosen_partner(household, partner_id):
    """Someone involved in this household, or a refusal beside the field (a choice from another page, a typo)."""
    chosen = next((p for p in active_partners(household) if p.id == partner_id), None)
    if chosen is None:
        raise InvalidInput(_("Choose someone from the network."), "partner_id")
    return chosen


@bp.route("/households/<int:household_id>/network/handovers/new", methods=["GET", "POST"])
def new_handover(household_id):
    household = get_household_or_404(household_id, need="edit", action="network.partner_form")
    form = HandoverForm()
    form.partner_id.choices = _partner_choices(household, with_consent_only=True)
    if request.method == "GET":
        form.partner_id.data = request.args.get("partner_id", 0, type=int)
    elif form.validate_on_submit():
        try:
            chosen = _chosen_partner(household, form.partner_id.data)
            handover = operations.start_handover(current_user, household, chosen, form.purpose.data,
                                                 form.shared.data, meeting_on=form.meeting_on.data)
        except InvalidInput as error:
            show_error(form, error, "purpose")
        else:
            return _to("network.handover", household, _("Warm handover started."), handover_id=handover.id)
    return render_template("network/new_handover.html", household=household, form=form), \
        400 if form.errors else 200


@bp.route("/households/<int:household_id>/network/handovers/<int:handover_id>", methods=["GET", "POST"])
def handover(household_id, handover_id):
    return _route_page(household_id, WarmHandover, handover_id, HANDOVERS, operations.handover_step,
                       "network/handover.html", "network.handover", "handover_id")


@bp.route("/households/<int:household_id>/debt-help/new", methods=["GET", "POST"])
def new_debt_help(household_id):
    household = get_household_or_404(household_id, need="edit", action="network.partner_form")
    form = DebtHelpForm()
    form.partner_id.choices = [(0, _("– not (yet) known –"))] + _partner_choices(household)
    if form.validate_on_submit():
        try:
            chosen = _chosen_partner(household, form.partner_id.data) if form.partner_id.data else None
            debt = operations.start_debt_help(current_user, household, form.route.data, chosen,
                                              form.started_on.data)
        except InvalidInput as error:
            show_error(form, error, "route")
        else:
            return _to("network.debt_help", household, _("Debt-help route started."), debt_help_id=debt.id)
    return render_template("network/new_debt_help.html", household=household, form=form), \
        400 if form.errors else 200


@bp.route("/households/<int:household_id>/debt-help/<int:debt_help_id>", methods=["GET", "POST"])
def debt_help(household_id, debt_help_id):
    return _route_page(household_id, DebtHelp, debt_help_id, DEBT_HELP, operations.debt_help_step,
                       "network/debt_help.html", "network.debt_help", "debt_help_id")


def _route_page(household_id, model, record_id, machine, take_step, template, endpoint, key):
    """A handover or a debt-help route with its history, and the form for its next step."""
    posted = request.method == "POST"
    household = get_household_or_404(household_id, need="edit" if posted else "view",
                                     action="network.partner_form" if posted else "network.view")
    record = get_in_household_or_404(model, record_id, household)
    form = StepForm() if posted else StepForm(formdata=None)
    form.to_status.choices = [(s, machine.labels[s]) for s in machine.next(record)]
    if posted and form.validate_on_submit():
        try:
            if form.from_status.data != record.status:
                raise InvalidInput(_("Someone recorded a step meanwhile: it is now “%(status)s”. Check and try "
                                     "again.", status=machine.labels[record.status]), "to_status")
            take_step(current_user, household, record, form.to_status.data, form.changed_on.data, form.note.data)
        except InvalidInput as error:
            show_error(form, error, "to_status")
        else:
            return _to(endpoint, household, _("Step recorded."), **{key: record.id})
    form.from_status.data = record.status
    return render_template(template, household=household, record=record, form=form,
                           steps=sorted(record_steps(record), key=lambda s: s.id, reverse=True)), \
        400 if posted else 200


def record_steps(record):
    column = NetworkStep.handover_id if isinstance(record, WarmHandover) else NetworkStep.debt_help_id
    return db.session.scalars(select(NetworkStep).where(column == record.id)).all()


@bp.route("/team/debt-help")
def team_overview():
    """The team lead's view of every open debt-help route, with the children in those families."""
    audit.record(current_user, "network.debt_overview")
    rows = team_debt_help(current_user.team_id)
    return render_template("network/team_debt_help.html", rows=rows, children=sum(r.children for r in rows))

"""The administrator's list of neighbourhoods: add, correct, retire and restore entries, and review the entries the
migration made from the old free-text field (accept, map onto an entry of the list, or remove)."""
from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import func, select

from ..cases import neighbourhoods
from ..cases.models import Household, Neighbourhood
from ..errors import InvalidInput
from ..extensions import db
from ..forms import ask_first, show_error
from ..i18n import _, ngettext
from .forms import MapForm, NeighbourhoodForm
from .views import bp


def _entry(neighbourhood_id: int) -> Neighbourhood:
    return db.session.get(Neighbourhood, neighbourhood_id) or abort(404)


def _map_choices():
    return [(0, _("– choose –"))] + [(n.id, n.name) for n in neighbourhoods.listed()]


@bp.route("/neighbourhoods", methods=["GET", "POST"], endpoint="neighbourhoods")
def neighbourhoods_page():
    """Entries awaiting review first, then the list, then retired entries; with how many households have each
    (counts only: which households is family data)."""
    form = NeighbourhoodForm()
    if form.validate_on_submit():
        try:
            entry = neighbourhoods.add_neighbourhood(current_user, form.name.data, form.cbs_code.data,
                                                     form.district.data)
        except InvalidInput as error:
            show_error(form, error, "name")
        else:
            flash(_("%(name)s is on the list.", name=entry.name), "success")
            return redirect(url_for("admin.neighbourhoods"))
    counts = dict(db.session.execute(select(Household.neighbourhood_id, func.count(Household.id))
                                     .group_by(Household.neighbourhood_id)).all())
    entries = db.session.scalars(select(Neighbourhood).order_by(Neighbourhood.name)).all()
    map_form = MapForm()
    map_form.onto.choices = _map_choices()
    return render_template("admin/neighbourhoods.html", form=form, map_form=map_form, counts=counts,
                           to_review=[n for n in entries if n.to_review],
                           listed=[n for n in entries if n.is_listed],
                           retired=[n for n in entries if not n.to_review and n.retired_at]), \
        400 if form.errors else 200


@bp.route("/neighbourhoods/<int:neighbourhood_id>/edit", methods=["GET", "POST"])
def edit_neighbourhood(neighbourhood_id: int):
    entry = _entry(neighbourhood_id)
    form = NeighbourhoodForm(obj=entry)
    if form.validate_on_submit():
        accepting = entry.to_review
        try:
            neighbourhoods.edit_neighbourhood(current_user, entry, form.name.data, form.cbs_code.data,
                                              form.district.data)
        except InvalidInput as error:
            show_error(form, error, "name")
        else:
            flash(_("%(name)s is on the list now.", name=entry.name) if accepting else _("Saved."), "success")
            return redirect(url_for("admin.neighbourhoods"))
    return render_template("admin/neighbourhood_form.html", form=form, entry=entry), 400 if form.errors else 200


@bp.route("/neighbourhoods/<int:neighbourhood_id>/map", methods=["POST"])
def map_neighbourhood(neighbourhood_id: int):
    entry = _entry(neighbourhood_id)
    form = MapForm()
    form.onto.choices = _map_choices()
    if form.validate_on_submit():
        try:
            # Only an entry the form offered: a number from elsewhere (or too large for the database) is no entry.
            offered = {value for value, _label in form.onto.choices}
            onto = db.session.get(Neighbourhood, form.onto.data) if form.onto.data in offered else None
            moved = neighbourhoods.map_neighbourhood(current_user, entry, onto)
        except InvalidInput as error:
            flash(str(error), "error")
        else:
            flash(ngettext("Mapped: %(num)d household moved.", "Mapped: %(num)d households moved.", moved), "success")
    return redirect(url_for("admin.neighbourhoods"))


@bp.route("/neighbourhoods/<int:neighbourhood_id>/retire", methods=["POST"])
def retire_neighbourhood(neighbourhood_id: int):
    entry = _entry(neighbourhood_id)
    removing, name = entry.to_review, entry.name
    if removing:
        question = ask_first(
            _("Are you sure you want to remove the typed text “%(what)s”?", what=name),
            _("The text is deleted and cannot be brought back; its households then have no neighbourhood. To keep "
              "them in a neighbourhood, map it onto an entry of the list instead."), _("Yes, remove"),
            url_for("admin.neighbourhoods"))
    else:
        question = ask_first(
            _("Are you sure you want to retire “%(what)s”?", what=name),
            _("Coaches can no longer choose it; households that have it keep it, and the reports count them. It can "
              "be offered again."), _("Yes, retire"), url_for("admin.neighbourhoods"))
    if question:
        return question
    neighbourhoods.retire_neighbourhood(current_user, entry)
    flash(_("Removed; its households have no neighbourhood now.") if removing
          else _("%(name)s is no longer offered; households that have it keep it.", name=name), "success")
    return redirect(url_for("admin.neighbourhoods"))


@bp.route("/neighbourhoods/<int:neighbourhood_id>/restore", methods=["POST"])
def restore_neighbourhood(neighbourhood_id: int):
    entry = _entry(neighbourhood_id)
    neighbourhoods.restore_neighbourhood(current_user, entry)
    flash(_("%(name)s is offered again.", name=entry.name), "success")
    return redirect(url_for("admin.neighbourhoods"))

"""The administrator's checklist page: every item by group, local items added, items retired or restored."""
from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import select

from ..errors import InvalidInput
from ..extensions import db
from ..forms import ask_first, show_error
from ..i18n import _, in_language
from . import operations
from .forms import LocalItemForm
from .models import ChecklistItem
from .queries import grouped
from .views import bp


@bp.route("/admin/checklist", methods=["GET", "POST"])
def admin_checklist():
    form = LocalItemForm()
    if form.validate_on_submit():
        try:
            item = operations.add_local_item(current_user, form.group_code.data, form.kind.data, form.heading_nl.data,
                                             form.heading_en.data, form.text_nl.data, form.text_en.data)
        except InvalidInput as error:
            show_error(form, error, "text_nl")
        else:
            flash(_("Item added: %(text)s", text=item.text_nl), "success")
            return redirect(url_for("signals.admin_checklist", _anchor=f"item-{item.id}"))
    items = db.session.scalars(select(ChecklistItem).order_by(ChecklistItem.position, ChecklistItem.id)).all()
    headings = sorted({i.heading_nl for i in items})
    return render_template("signals/admin_checklist.html", form=form, groups=grouped(items),
                           headings=headings), 400 if form.errors else 200


@bp.route("/admin/checklist/<int:item_id>/retire", methods=["POST"])
def admin_retire(item_id: int):
    item = db.session.get(ChecklistItem, item_id) or abort(404)
    retire = item.retired_at is None
    question = retire and ask_first(
        _("Are you sure you want to retire “%(what)s”?", what=in_language(item, "text")),
        _("It is no longer offered for recording signals; signals recorded with it keep it. It can be offered "
          "again."), _("Yes, retire"), url_for("signals.admin_checklist", _anchor=f"item-{item.id}"))
    if question:
        return question
    operations.set_retired(current_user, item, retire)
    flash(_("Retired: it is no longer offered, and stays visible on earlier records.") if retire
          else _("Offered again for recording."), "success")
    return redirect(url_for("signals.admin_checklist", _anchor=f"item-{item.id}"))

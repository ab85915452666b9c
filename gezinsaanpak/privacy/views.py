"""The family's rights: everything held about the household, readable, as a PDF for the family and as JSON for a
computer (art. 15), and erasure on request (art. 17)."""
import json

from flask import Response, current_app, flash, g, redirect, render_template, request, url_for
from flask_login import current_user

from .. import privacy
from ..cases.access import get_household_or_404
from ..cases.forms import EraseForm
from ..cases.views import bp
from ..errors import InvalidInput
from ..extensions import limiter
from ..forms import show_error
from ..i18n import _
from .overview import made_on_day, overview
from .pdf import overview_pdf


@bp.route("/households/<int:household_id>/privacy-export")
def privacy_export(household_id: int):
    """The overview on screen, in words the family reads; with ?format=json the same data for a computer."""
    household = get_household_or_404(household_id, need="export", action="household.privacy_export_view")
    data = privacy.export_household(current_user, household)
    if request.args.get("format") == "json":
        return Response(json.dumps(data, default=str, ensure_ascii=False, indent=2), mimetype="application/json",
                        headers={"Content-Disposition":
                                 f'attachment; filename="household-{household.id}-{data["exported_on"]}.json"'})
    return render_template("cases/privacy_export.html", household=household, parts=overview(data),
                           made_on=made_on_day(data))


def _downloading_user():
    return f"overview-pdf:{current_user.id}"


@bp.route("/households/<int:household_id>/privacy-export.pdf")
@limiter.limit(lambda: current_app.config["OVERVIEW_PDF_LIMIT"], key_func=_downloading_user)
def privacy_export_pdf(household_id: int):
    """The overview as a PDF for the family, in the user's language. A PDF costs the server more than a page, so
    each user may make only so many a minute (OVERVIEW_PDF_LIMIT), as with the family plan."""
    household = get_household_or_404(household_id, need="export", action="household.privacy_pdf")
    data = privacy.export_household(current_user, household)
    content = overview_pdf(data, household.pseudonym, g.lang)
    filename = f"{'everything-we-hold' if g.lang == 'en' else 'alles-wat-we-vastleggen'}-{data['exported_on']}.pdf"
    return Response(content, mimetype="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@bp.route("/households/<int:household_id>/erase", methods=["GET", "POST"])
def erase(household_id: int):
    """The team lead erases a closed household's personal data at the family's request."""
    household = get_household_or_404(household_id, need="erase", action="household.erase_form")
    form = EraseForm()
    if form.validate_on_submit():
        try:
            privacy.erase_on_request(current_user, household, form.confirmation.data)
        except InvalidInput as error:
            show_error(form, error, "confirmation")
        else:
            flash(_("The file has been erased. What remains are anonymous figures for reports."), "success")
            return redirect(url_for("cases.household", household_id=household.id))
    return render_template("cases/erase.html", household=household, form=form), 400 if form.errors else 200

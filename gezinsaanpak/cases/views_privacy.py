"""The family's right of access: everything held about the household, readable and as JSON."""
import json

from flask import Response, render_template, request
from flask_login import current_user

from .. import privacy
from ..auth.permissions import get_household_or_404
from .views import bp


@bp.route("/households/<int:household_id>/privacy-export")
def privacy_export(household_id: int):
    household = get_household_or_404(household_id, need="hand_over", action="household.privacy_export_view")
    data = privacy.export_household(current_user, household)
    if request.args.get("format") == "json":
        return Response(json.dumps(data, default=str, ensure_ascii=False, indent=2), mimetype="application/json",
                        headers={"Content-Disposition":
                                 f'attachment; filename="household-{household.id}-{data["exported_on"]}.json"'})
    return render_template("cases/privacy_export.html", household=household, data=data)

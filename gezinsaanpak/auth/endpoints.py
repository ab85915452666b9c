"""Every endpoint declares who may reach it, in this one table; a route missing from it is refused.

Levels:
- public: anyone (login, language, static files, the health check for monitoring);
- user: any logged-in account (own account pages);
- worker: coaches and team leads (their lists, which the policy filters);
- household:<need>: family data; the view loads it with `get_household_or_404(need=...)`, which checks the
  policy for that household and writes the audit event; "household:view/edit" when a page is shown to anyone
  who may view it and its form is taken only from those who may edit. In tests and development the loader
  checks that it is called with the declared need (`check_declared`), so this table cannot drift from the views;
  the needs are view, edit, hand_over (coordinator or team lead: handing over, co-workers), export (coordinator or
  team lead), audit, erase and lead (team lead of the team); an erased household refuses edit and hand_over;
- teamlead: team lead pages (404 for anyone else);
- admin: administration (403 for anyone else);
- policy: the municipality's figures for the policy officer (404 for anyone else).
Every refusal here, and any other refusal of a page that is not a household's (`refuse`), is audited with the
endpoint asked for; household pages audit their own refusals in `get_household_or_404`.
"""
from flask import abort, current_app, request
from flask_login import current_user

from .. import audit
from .permissions import can_administer, can_view_municipal_figures

PERMISSIONS = {
    "static": "public",
    "health": "public",
    "theme.stylesheet": "public",
    "theme.logo": "public",
    "auth.login": "public",
    "auth.login_code": "public",
    "auth.activation": "public",  # does nothing without a valid one-time code
    "auth.set_language": "public",
    "auth.logout": "user",
    "auth.password": "user",
    "auth.two_step_setup": "user",
    "auth.keep_alive": "user",
    "drafts.discard": "user",
    "cases.index": "user",
    "cases.start": "worker",
    "cases.my_households": "worker",
    "cases.new_track": "worker",
    "cases.household": "household:view",
    "cases.household_timeline": "household:view",
    "cases.new_contact": "household:edit",
    "cases.register": "household:edit",
    "cases.new_member": "household:edit",
    "cases.move_stage": "household:edit",
    "cases.withdraw_consent": "household:edit",
    "cases.new_consent": "household:edit",
    "cases.reopen": "household:edit",
    "cases.new_check_in": "household:edit",
    "cases.check_in_done": "household:edit",
    "cases.handover": "household:hand_over",
    "cases.workers": "household:view/hand_over",
    "cases.remove_worker": "household:hand_over",
    "cases.privacy_export": "household:export",
    "cases.privacy_export_pdf": "household:export",
    "cases.audit_trail": "household:audit",
    "cases.erase": "household:erase",
    "cases.support_period": "household:view/edit",
    "cases.decide_extension": "household:lead",
    "cases.closing_request": "household:view",
    "cases.decide_closing": "household:lead",
    "signals.record": "household:edit",
    "signals.signal": "household:view/edit",
    "signals.admin_checklist": "admin",
    "signals.admin_retire": "admin",
    "visits.home_visit": "household:edit",
    "plans.member": "household:view",
    "plans.assess": "household:edit",
    "plans.assessment": "household:view",
    "plans.wish": "household:edit",
    "plans.new_goal": "household:edit",
    "plans.goal": "household:view",
    "plans.edit_goal": "household:edit",
    "plans.new_action": "household:edit",
    "plans.action_done": "household:edit",
    "plans.remove_action": "household:edit",
    "plans.new_obstacle": "household:edit",
    "plans.remove_obstacle": "household:edit",
    "plans.review": "household:edit",
    "plans.plan": "household:view",
    "plans.new_strength": "household:edit",
    "plans.remove_strength": "household:edit",
    "plans.edit_plan": "household:edit",
    "plans.plan_download": "household:view",
    "referrals.new": "household:edit",
    "referrals.show": "household:view/edit",
    "referrals.edit": "household:edit",
    "referrals.renew": "household:edit",
    "referrals.skip_renewal": "household:edit",
    "referrals.panic_budget": "household:edit",
    "network.index": "household:view",
    "network.new_partner": "household:edit",
    "network.partner": "household:view/edit",
    "network.new_handover": "household:edit",
    "network.handover": "household:view/edit",
    "network.new_debt_help": "household:edit",
    "network.debt_help": "household:view/edit",
    "network.team_overview": "teamlead",
    "referrals.panic_limits": "admin",
    "referrals.funds": "admin",
    "referrals.new_fund": "admin",
    "referrals.edit_fund": "admin",
    "referrals.retire_fund": "admin",
    "reports.dashboard": "teamlead",
    "reports.households": "teamlead",
    "reports.reach_report": "teamlead",
    "reports.outcomes_report": "teamlead",
    "admin.users": "admin",
    "admin.edit_user": "admin",
    "admin.toggle_active": "admin",
    "admin.reset_password": "admin",
    "admin.security_log": "admin",
    "admin.teams": "admin",
    "admin.targets": "admin",
    "admin.neighbourhoods": "admin",
    "admin.edit_neighbourhood": "admin",
    "admin.map_neighbourhood": "admin",
    "admin.retire_neighbourhood": "admin",
    "admin.restore_neighbourhood": "admin",
    "municipality.reach_report": "policy",
    "municipality.outcomes_report": "policy",
    "municipality.export": "policy",
}


class UndeclaredEndpoint(RuntimeError):
    """A route was added without a line in PERMISSIONS."""


class DeclarationMismatch(RuntimeError):
    """A view loads its household with another need than its line in PERMISSIONS declares."""


def declared_need(endpoint: str | None, method: str) -> str | None:
    """The need a household route declares for this method ("view/edit": view to GET, edit to POST)."""
    kind, _sep, needs = PERMISSIONS.get(endpoint, "").partition(":")
    if kind != "household":
        return None
    read, _sep, write = needs.partition("/")
    return (write or read) if method == "POST" else read


def check_declared(need: str) -> None:
    """Called by the household loader: in tests and development, refuse a view whose need differs from its
    declaration. (A stricter view would be safe, a laxer one a leak; both mean the table is wrong.)"""
    if not (current_app.testing or current_app.debug) or request.endpoint is None:
        return
    declared = declared_need(request.endpoint, request.method)
    if declared != need:
        raise DeclarationMismatch(f"{request.endpoint} declares {PERMISSIONS.get(request.endpoint)!r} but loads its "
                                  f"household with need={need!r} on {request.method}")


def is_public(endpoint: str | None) -> bool:
    return PERMISSIONS.get(endpoint) == "public"


def enforce() -> None:
    """Runs before every request that has a logged-in user (the login check comes first)."""
    endpoint = request.endpoint
    if endpoint is None:
        return
    level = PERMISSIONS.get(endpoint)
    if level is None:
        if current_app.testing or current_app.debug:
            raise UndeclaredEndpoint(f"{endpoint} has no line in gezinsaanpak/auth/endpoints.py")
        refuse(404)
    if level == "worker" and current_user.role not in ("coach", "teamlead"):
        refuse(404)
    if level == "teamlead" and current_user.role != "teamlead":
        refuse(404)
    if level == "admin" and not can_administer(current_user):
        refuse(403)
    if level == "policy" and not can_view_municipal_figures(current_user):
        refuse(404)


def refuse(status: int = 404):
    """Answer 404 (or 403) and record the refusal with the endpoint: who tried a page they may not see is
    evidence, like a refused household."""
    audit.record_denied(current_user, request.endpoint or "unknown")
    abort(status)

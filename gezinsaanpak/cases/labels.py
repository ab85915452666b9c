"""Translated names for the codes stored in the database, shared by pages and PDFs."""
from ..i18n import _l

STAGE_LABELS = {
    "trust_building": _l("Trust building"),
    "registered": _l("Registered"),
    "plan": _l("Plan"),
    "carrying_out": _l("Carrying out"),
    "follow_up": _l("Follow-up"),
    "aftercare": _l("Aftercare"),
    "closed": _l("Closed"),
}
SOURCE_LABELS = {
    "school": _l("School"),
    "gp": _l("GP"),
    "work_income": _l("Work and income team"),
    "food_bank": _l("Food bank"),
    "outreach": _l("Own outreach"),
    "other": _l("Other"),
}
INCOME_LABELS = {
    "social_assistance": _l("Social assistance"),
    "working": _l("Working"),
    "self_employed": _l("Self-employed"),
    "other_benefit": _l("Other benefit"),
    "unknown": _l("Unknown"),
}
ROLE_LABELS = {"parent": _l("Parent or carer"), "child": _l("Child"), "other_adult": _l("Other adult")}
CONTACT_LABELS = {
    "home_visit": _l("Home visit"),
    "phone": _l("Phone call"),
    "network_meeting": _l("Meeting with the network"),
    "other": _l("Other contact"),
}
CLOSE_REASON_LABELS = {
    "goals_reached": _l("Goals reached"),
    "family_stopped": _l("Family stopped"),
    "consent_refused": _l("No consent for registration"),
    "moved_away": _l("Moved away"),
    "specialised_care": _l("Referred to specialised care"),
    "other": _l("Other reason"),
}
USER_ROLE_LABELS = {"coach": _l("Coach"), "teamlead": _l("Team lead"), "admin": _l("Administrator")}
# What the audit trail of a household shows for each recorded action; an unknown code is shown as it is.
AUDIT_ACTION_LABELS = {
    "household.view": _l("Opened the file"),
    "household.edit": _l("Opened the file to change it"),
    "household.audit": _l("Looked at who opened the file"),
    "household.erase": _l("Opened the erasure page"),
    "household.timeline": _l("Looked at the timeline"),
    "household.open": _l("Opened the contact track"),
    "household.register_form": _l("Opened the registration form"),
    "household.register": _l("Registered the household"),
    "household.stage_form": _l("Opened the stage form"),
    "household.stage": _l("Moved the stage"),
    "household.reopen_form": _l("Opened the reopening form"),
    "household.reopen": _l("Reopened the household"),
    "household.handover_form": _l("Opened the handover form"),
    "household.hand_over": _l("Handed over"),
    "household.workers": _l("Looked at the co-workers"),
    "household.add_worker": _l("Added a co-worker"),
    "household.remove_worker": _l("Removed a co-worker"),
    "household.privacy_export_view": _l("Opened everything we hold"),
    "household.privacy_export": _l("Exported everything we hold"),
    "household.anonymise": _l("Erased the file"),
    "household.erase_form": _l("Opened the erasure form"),
    "audit.view": _l("Looked at who opened the file"),
    "contact.form": _l("Opened the contact form"),
    "contact.add": _l("Logged a contact"),
    "check_in.form": _l("Opened the check-in form"),
    "check_in.plan": _l("Planned a check-in"),
    "check_in.done": _l("Completed a check-in"),
    "member.form": _l("Opened the member form"),
    "member.add": _l("Added a member"),
    "signal.form": _l("Opened the signalling list"),
    "signal.record": _l("Recorded a signal"),
    "signal.state": _l("Changed a signal"),
    "signal.view": _l("Looked at a signal"),
    "assessment.form": _l("Opened the assessment form"),
    "assessment.add": _l("Recorded an assessment"),
    "assessment.view": _l("Looked at an assessment"),
    "goal.form": _l("Opened the goal form"),
    "goal.add": _l("Set a goal"),
    "goal.edit_form": _l("Opened a goal to change it"),
    "goal.update": _l("Changed a goal"),
    "goal.review_form": _l("Opened the review form"),
    "goal.review": _l("Reviewed a goal"),
    "goal.view": _l("Looked at a goal"),
    "action.form": _l("Opened the action point form"),
    "action.add": _l("Added an action point"),
    "action.done": _l("Completed an action point"),
    "action.reopen": _l("Reopened an action point"),
    "action.remove": _l("Removed an action point"),
    "obstacle.form": _l("Opened the if-then form"),
    "obstacle.add": _l("Added an if-then plan"),
    "obstacle.remove": _l("Removed an if-then plan"),
    "wish.form": _l("Opened a wish"),
    "wish.set": _l("Wrote down a wish"),
    "wish.remove": _l("Removed a wish"),
    "family_plan.form": _l("Opened the family plan form"),
    "family_plan.update": _l("Changed the family plan"),
    "plan.view": _l("Looked at the family plan"),
    "plan.member": _l("Looked at a member's plan"),
    "plan.pdf": _l("Downloaded the family plan"),
    "referral.form": _l("Opened the referral form"),
    "referral.create": _l("Made a referral"),
    "referral.edit_form": _l("Opened a referral to change it"),
    "referral.update": _l("Changed a referral"),
    "referral.status": _l("Recorded a referral step"),
    "referral.step": _l("Worked on a referral"),
    "referral.view": _l("Looked at a referral"),
    "referral.follow_up": _l("Planned a follow-up"),
    "referral.participation": _l("Checked participation"),
    "referral.renew": _l("Started a renewal"),
    "referral.skip_renewal": _l("Marked a renewal as not needed"),
    "panic_budget.form": _l("Opened the panic budget"),
    "panic_budget.spend": _l("Spent from the panic budget"),
}


def audit_action(code: str) -> str:
    """A recorded action as a team lead reads it; a refused look at a record (`<table>.view`) is named as such."""
    if code in AUDIT_ACTION_LABELS:
        return AUDIT_ACTION_LABELS[code]
    if code.endswith(".view"):
        return _l("Looked at a record")
    return code

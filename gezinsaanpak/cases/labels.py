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
# What the audit trail of a household shows for the actions of this area (see registry.Parts.audit_label).
AUDIT_LABELS = {
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
    "support.view": _l("Looked at the support period"),
    "support.request": _l("Asked to extend the support period"),
    "support.form": _l("Sent the form to extend the support period"),
    "support.decide": _l("Sent a decision on extending the support period"),
    "support.agree": _l("Agreed to extend the support period"),
    "support.decline": _l("Declined to extend the support period"),
    "household.handover_form": _l("Opened the handover form"),
    "household.hand_over": _l("Handed over"),
    "household.workers": _l("Looked at the co-workers"),
    "household.add_worker": _l("Added a co-worker"),
    "household.remove_worker": _l("Removed a co-worker"),
    "household.privacy_export_view": _l("Opened everything we hold"),
    "household.privacy_export": _l("Exported everything we hold"),
    "household.privacy_pdf": _l("Downloaded everything we hold as a PDF"),
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
}

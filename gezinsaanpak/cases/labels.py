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

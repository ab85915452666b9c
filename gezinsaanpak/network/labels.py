"""Translated names for the codes the network area stores, and its audit labels."""
from ..i18n import _l

KIND_LABELS = {
    "school": _l("School or childcare"),
    "gp": _l("GP or health care"),
    "housing_corporation": _l("Housing corporation"),
    "debt_counselling": _l("Debt help"),
    "neighbourhood_team": _l("Neighbourhood team"),
    "youth_care": _l("Youth care"),
    "foundation": _l("Foundation or fund"),
    "volunteer": _l("Volunteer"),
    "experience_expert": _l("Experience expert"),
    "family_friends": _l("Family or friends"),
    "other": _l("Other"),
}
HANDOVER_LABELS = {
    "planned": _l("Planned"),
    "meeting_held": _l("Joint meeting held"),
    "taken_over": _l("Taken over"),
    "stopped": _l("Stopped"),
}
DEBT_ROUTE_LABELS = {
    "self_help": _l("Self-help (Geldfit, Nibud)"),
    "online_volunteer": _l("Trained volunteer online"),
    "local_volunteer": _l("Trained local volunteer (e.g. SchuldHulpMaatje)"),
    "budget_buddy": _l("Budget buddy or home administration"),
    "debt_counselling": _l("Municipal debt counselling"),
}
DEBT_STATUS_LABELS = {
    "registered": _l("Registered"),
    "intake": _l("Intake"),
    "in_programme": _l("In a programme"),
    "finished": _l("Finished"),
    "stopped": _l("Stopped"),
}
AUDIT_LABELS = {
    "network.view": _l("Looked at the network"),
    "network.partner_form": _l("Opened the form for someone in the network"),
    "network.partner_add": _l("Added someone to the network"),
    "network.partner_update": _l("Changed someone in the network"),
    "network.partner_end": _l("Marked someone as no longer involved"),
    "network.consent_give": _l("Recorded consent to share"),
    "network.consent_withdraw": _l("Recorded that consent was withdrawn"),
    "network.handover_start": _l("Started a warm handover"),
    "network.handover_step": _l("Recorded a warm handover step"),
    "network.debt_start": _l("Started a debt-help route"),
    "network.debt_step": _l("Recorded a debt-help step"),
    "network.debt_overview": _l("Looked at the debt-help overview"),
}

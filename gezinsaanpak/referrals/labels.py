"""Translated names for the codes the referrals area stores."""
from ..i18n import _l

STATUS_LABELS = {
    "to_apply": _l("To apply"),
    "applied": _l("Applied"),
    "granted": _l("Granted"),
    "rejected": _l("Rejected"),
    "delivered": _l("Delivered"),
    "withdrawn": _l("Withdrawn"),
}
# The button that moves a referral to each status.
STATUS_ACTIONS = {
    "applied": _l("Applied"),
    "granted": _l("Granted"),
    "rejected": _l("Rejected"),
    "delivered": _l("Delivered"),
    "withdrawn": _l("Withdraw"),
}
APPLIED_BY_LABELS = {"coach": _l("The coach"), "family": _l("The family (with help if needed)")}
PARTICIPATION_LABELS = {
    "unknown": _l("Not checked yet"),
    "takes_part": _l("Takes part / uses it"),
    "not_taking_part": _l("Does not take part / does not use it"),
}
APPLICANT_LABELS = {
    "parents": _l("Parents"),
    "intermediaries": _l("Intermediaries"),
    "recognised_intermediaries": _l("Intermediaries recognised by the fund"),
    "professionals": _l("Professionals"),
    "school": _l("The school"),
}
# The fields of a referral its change history names (gezinsaanpak/history.py); dates are stored in ISO form.
FIELD_LABELS = {
    "request": _l("What is asked"),
    "amount_cents": _l("Amount"),
    "applied_by": _l("Who applies"),
    "follow_up_on": _l("Follow up on"),
    "decision_expected_on": _l("Decision expected on"),
    "participation": _l("Participation"),
    "participation_checked_on": _l("Participation checked on"),
    "renewal_due_on": _l("Renewal due"),
}
DATE_FIELDS = ("follow_up_on", "decision_expected_on", "participation_checked_on", "renewal_due_on")

# What the audit trail of a household shows for the actions of this area (see cases/registry.py).
AUDIT_LABELS = {
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

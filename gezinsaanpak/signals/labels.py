"""Translated names for the signal codes."""

from ..i18n import _l

GROUP_LABELS = {
    "children": _l("Children and youth"),
    "youth_18plus": _l("Young people aged 18+"),
    "parents": _l("Parents"),
    "home_visit": _l("Home visit"),
}
KIND_LABELS = {"risk": _l("Risk moment"), "signal": _l("Signal")}
STATE_LABELS = {
    "observed": _l("Observed"),
    "discussed": _l("Discussed with the family"),
    "confirmed": _l("Confirmed"),
    "not_applicable": _l("Not applicable"),
}
# What the button says that moves a signal into a state.
STATE_ACTIONS = {
    "observed": _l("Reopen as observed"),
    "discussed": _l("Discussed with the family"),
    "confirmed": _l("Confirmed"),
    "not_applicable": _l("Not applicable"),
}



# What the audit trail of a household shows for the actions of this area (see cases/registry.py).
AUDIT_LABELS = {
    "signal.form": _l("Opened the signalling list"),
    "signal.record": _l("Recorded a signal"),
    "signal.state": _l("Changed a signal"),
    "signal.view": _l("Looked at a signal"),
}

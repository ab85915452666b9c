"""How the audit trail names what the home-visit screen does (see cases/registry.py)."""
from ..i18n import _l

AUDIT_LABELS = {
    "home_visit.form": _l("Opened the home-visit screen"),
}

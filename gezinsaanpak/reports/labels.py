"""Translated names of the reports' categories."""
from ..i18n import _l

INCOME_GROUP_LABELS = {
    "social_assistance": _l("Parents on social assistance"),
    "working": _l("Working parents on a low income (self-employed included)"),
    "other_benefit": _l("Parents on another benefit"),
    "unknown": _l("Income situation unknown"),
}

"""Translated names of the user roles, for the header and the administrator's pages."""
from ..i18n import _l

USER_ROLE_LABELS = {"coach": _l("Coach"), "teamlead": _l("Team lead"), "admin": _l("Administrator"),
                    "policy": _l("Policy officer")}

"""Translated names of the user roles and of changes to accounts, for the header, the administrator's pages and the
team lead's start page."""
from ..i18n import _l

USER_ROLE_LABELS = {"coach": _l("Coach"), "teamlead": _l("Team lead"), "admin": _l("Administrator"),
                    "policy": _l("Policy officer")}

# What happened to an account (auth/changes.py), as "who <did this> <to whom>" reads.
ACCOUNT_CHANGE_LABELS = {
    "created": _l("created the account"),
    "code": _l("gave a new activation code (password reset)"),
    "activated": _l("activated the account and chose a password"),
    "role": _l("changed the role or team"),
    "disabled": _l("disabled the account"),
    "enabled": _l("enabled the account again"),
}

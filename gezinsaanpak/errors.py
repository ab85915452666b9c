"""The errors every area raises and every view answers the same way; neutral, so no area imports another for them."""


class InvalidInput(ValueError):
    """Bad input a user can correct; the message is shown to them, beside `field` when it names one."""

    def __init__(self, message, field: str | None = None):
        super().__init__(message)
        self.field = field


class PermissionDenied(Exception):
    """Raised by operations when the acting user may not do what they ask."""


class HouseholdErased(PermissionDenied):
    """The household was erased (anonymised): nothing may be added to it or changed on it."""


class EditConflict(Exception):
    """The record changed since the form was loaded; `record` holds what is saved now."""

    def __init__(self, record):
        super().__init__("edit conflict")
        self.record = record

"""What the home-visit area contributes to a household's shared parts: its audit labels (see cases/registry.py).
The visit itself is recorded as a contact, signals and goal reviews, which their own areas show."""
from . import labels


def register(parts) -> None:
    parts.add_audit_labels(labels.AUDIT_LABELS)

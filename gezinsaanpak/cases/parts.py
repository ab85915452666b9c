"""What the cases area itself contributes to the household's shared parts: its timeline sources and audit labels."""
from . import labels, timeline


def register(parts) -> None:
    for source, kind_label in timeline.SOURCES:
        parts.add_timeline(source, kind_label)
    parts.add_audit_labels(labels.AUDIT_LABELS)

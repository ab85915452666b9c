"""What the signals area contributes to a household: its page section, its timeline entries, the life areas
where open signals point to a goal, and its audit labels (see cases/registry.py)."""
from sqlalchemy import select

from ..cases.models import Member
from ..cases.registry import Section, TimelineSource
from ..cases.timeline import Entry
from ..i18n import _, _l, in_language
from . import labels
from .models import ChecklistItem, Signal
from .queries import open_signal_counts, overview


def _signals(hid):
    return (select(Signal.observed_on.label("on"), Signal.id.label("id"), Signal.created_at.label("at"),
                   ChecklistItem.text_nl.label("text_nl"),
                   ChecklistItem.text_en.label("text_en"), Member.first_name.label("member"))
            .join(ChecklistItem, ChecklistItem.id == Signal.item_id).outerjoin(Member, Member.id == Signal.member_id)
            .where(Signal.household_id == hid))


def _signal(r, lang) -> Entry:
    who = f" ({r.member})" if r.member else ""
    return Entry(r.on, "signal", _("Signal: %(text)s", text=in_language(r, "text", lang)) + who)


def register(parts) -> None:
    parts.add_section(Section("signals", "signals/_household.html", overview, order=30))
    parts.add_timeline(TimelineSource("signal", "signal", _signals, _signal), _l("Signals"))
    parts.add_domain_needs(open_signal_counts)
    parts.add_audit_labels(labels.AUDIT_LABELS)

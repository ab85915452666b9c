"""The family plan as a PDF, written for the family: first names, dreams, goals, who does what, agreed help.

Never on it: the household's pseudonym, the coaches' notes on assessments and reviews, anything of
another household. Fonts, styles, escaping of typed text (and its bound on lines) come from gezinsaanpak/pdf.py,
shared with the overview of everything we hold.
"""
from io import BytesIO

from babel.lists import format_list
from flask_babel import format_date
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table

from ..i18n import _, force_locale
from ..pdf import MARGINS, MAX_LINES, Styles, esc, numbered_canvas
from ..pdf import line as _line
from ..pdf import table as _table
from ..pdf import with_start_of as _with_start_of
from ..timeutil import today
from .labels import (
    COLOUR_LABELS,
    GOAL_STATUS_LABELS,
    REFERRAL_PLAN_LABELS,
    STEP_LABELS,
    STRENGTH_KIND_LABELS,
    carried_by,
    domain_label,
    network_of,
)

__all__ = ["MAX_LINES", "Styles", "esc", "plan_pdf"]


def _goal(goal, lang, s):
    title = domain_label(goal.domain, lang)
    if goal.status != "active":
        title += f" ({GOAL_STATUS_LABELS[goal.status]})"
    parts = [Paragraph(esc(title), s.h3)]
    if goal.dream:
        parts.append(_line(_("The dream behind it:"), goal.dream, s.body))
    if goal.own_words:
        label = _("In my own words:") if goal.member_id else _("In our own words:")
        parts.append(_line(label, goal.own_words, s.body))
    parts.append(_line(_("Goal:"), goal.description, s.body))
    if network_of(goal):
        parts.append(_line(_("With help from the network:"), ", ".join(network_of(goal)), s.body))
    dates = []
    if goal.target_on:
        dates.append(_("target date %(date)s", date=format_date(goal.target_on)))
    if goal.next_review_on and goal.status in ("active", "adjusted"):
        dates.append(_("next review %(date)s", date=format_date(goal.next_review_on)))
    if dates:
        line = " · ".join(dates)
        parts.append(Paragraph(esc(line[:1].upper() + line[1:]), s.body))  # "Target date 20 Jan 2027": months keep
        # their capital
    if goal.actions:
        rows = [[_("What"), _("Who"), _("By when"), _("Support needed"), _("Done")]]
        rows += [[a.description, carried_by(a), format_date(a.due_on) if a.due_on else "–", a.support_needed or "–",
                  format_date(a.done_on) if a.done_on else _("not yet")] for a in goal.actions]
        parts.append(_table(rows, [52 * mm, 36 * mm, 22 * mm, 42 * mm, 22 * mm], s))
    for obstacle in goal.obstacles:
        parts.append(Paragraph(f"<b>{esc(_('If'))}</b> {esc(obstacle.condition)} <b>{esc(_('then'))}</b> "
                               f"{esc(obstacle.response)}", s.body))
    table = next((i for i, part in enumerate(parts) if isinstance(part, Table)), None)
    if table is None:
        return [KeepTogether(parts[:3]), *parts[3:], Spacer(1, 4)]
    return [*_with_start_of(parts[:table], parts[table]), *parts[table + 1:], Spacer(1, 4)]


def _standing(assessment, lang, s):
    """Where someone stands, in the words of the scale: no notes."""
    rows = [[_("Domain"), _("Where we stand")]]
    for score in sorted(assessment.scores, key=lambda x: x.domain.position):
        level = (f"{score.step} · {STEP_LABELS[score.step]}" if score.step is not None
                 else str(COLOUR_LABELS[score.colour]))
        rows.append([domain_label(score.domain, lang), level])
    return [Paragraph(esc(_("Where we stand (%(date)s)", date=format_date(assessment.assessed_on))), s.body),
            _table(rows, [90 * mm, 60 * mm], s)]


def _strengths(strengths, s):
    """What the family can build on, beside its goals: strengths first, then protective factors."""
    if not strengths:
        return []
    return [Paragraph(esc(_("What we can build on")), s.h3)] + [
        _line(f"{STRENGTH_KIND_LABELS[item.kind]}:", item.text, s.body) for item in strengths]


def _member(row, lang, s):
    member = row.member
    lead = [Paragraph(esc(member.first_name), s.h2)]
    if row.wish:
        label = _("What I wish for:") if member.is_child else _("My dream:")
        lead.append(_line(label, row.wish.words, s.body))
    lead += _strengths(row.strengths, s)
    if row.latest:
        *words, table = _standing(row.latest, lang, s)
        story = _with_start_of(lead + words, table)  # the name stays with what follows it
    else:
        story = [KeepTogether(lead)]
    for goal in row.goals:
        story += _goal(goal, lang, s)
    if not row.goals:
        story.append(Paragraph(esc(_("No goals yet.")), s.body))
    return story


def _referrals(referrals, s):
    rows = [[_("Help from"), _("For"), _("What"), _("Where it stands")]]
    for r in referrals:
        rows.append([r.fund.name if r.fund else r.organisation, r.member.first_name if r.member else _("the family"),
                     r.request, REFERRAL_PLAN_LABELS[r.status]])
    return _with_start_of([Paragraph(esc(_("Help we asked for together")), s.h2)],
                          _table(rows, [50 * mm, 28 * mm, 62 * mm, 34 * mm], s))


def _story(view, lang, name, s):
    household = view.household
    names = format_list([m.member.first_name for m in view.members], locale=lang) if view.members else ""
    story = [Paragraph(esc(_("Our family plan")), s.title),
             Paragraph(esc(name or _("The plan of %(names)s", names=names)), s.h3),
             Paragraph(esc(_("Made on %(date)s with %(coach)s, your coach.", date=format_date(today()),
                             coach=household.coordinator.name)), s.body)]
    if view.support_ends:
        story.append(Paragraph(esc(_("We work on this plan together until %(date)s at the latest.",
                                     date=format_date(view.support_ends))), s.body))
    family = view.family_plan
    if family and family.family_dream:
        story += [Paragraph(esc(_("Our dream as a family")), s.h2), Paragraph(esc(family.family_dream), s.body)]
    if family and family.next_meeting_on:
        when = format_date(family.next_meeting_on, "full")
        story.append(_line(_("Next appointment:"), f"{when} {family.next_meeting_note or ''}".strip(), s.body))
    story += _strengths(view.family_strengths, s)
    story.append(Paragraph(esc(_("Goals for the whole family")), s.h2))
    for goal in view.family_goals:
        story += _goal(goal, lang, s)
    if not view.family_goals:
        story.append(Paragraph(esc(_("No goals yet.")), s.body))
    for row in view.members:
        story += _member(row, lang, s)
    if view.referrals:
        story += _referrals(view.referrals, s)
    return story


def plan_pdf(view, lang: str, name: str | None = None) -> bytes:
    """The PDF bytes of a household's plan in `lang`; `name` is an optional title the coach typed."""
    buffer = BytesIO()
    with force_locale(lang):
        made_on = format_date(today())
        title = _("Family plan")
        story = _story(view, lang, name, Styles())

        def footer(page, total):
            with force_locale(lang):
                return _("Page %(page)d of %(total)d · %(date)s", page=page, total=total, date=made_on)

        doc = SimpleDocTemplate(buffer, pagesize=A4, title=title, author="Gezinsaanpak", subject=title, **MARGINS)
        doc.build(story, canvasmaker=numbered_canvas(footer))
    return buffer.getvalue()

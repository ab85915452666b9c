"""Demo plans: repeated assessments that show change, dreams and wishes, goals with actions and if-then plans.

Built through the same operations a coach uses; only the dates are set back afterwards, so an older
demo household looks as if its plan grew over the months.
"""
import csv
from datetime import datetime, time, timedelta
from pathlib import Path

from sqlalchemy import select

from ..extensions import db
from ..timeutil import age_on, today
from . import operations
from .assessments import age_band_for, benchmarks_of, domains_of, level_of, record_assessment, scale_for
from .models import COLOURS, Goal
from .suggestions import needs_attention

NOTES = {
    "bridge.housing": "Huurachterstand van twee maanden; de verhuurder heeft een brief gestuurd.",
    "bridge.debts": "Stapel ongeopende post, waaronder aanmaningen van de zorgverzekeraar.",
    "bridge.employment": "Werkt op oproepbasis, wisselend aantal uren per week.",
    "bridge.health": "Slaapt slecht sinds de scheiding.",
    "bridge.social_network": "Weinig mensen om op terug te vallen in de buurt.",
    "child.social_emotional": "Speelt na school vooral alleen binnen.",
    "child.educational_progress": "Juf maakt zich zorgen over lezen.",
}
GOAL_FILE = Path(__file__).resolve().parent / "data" / "demo_goals.csv"  # one row per action point


def _goal_templates() -> dict:
    """{"adult"|"child"|"family": {domain code: {"goal", "words", "if", "then", "actions": [...]}}}."""
    templates = {}
    with open(GOAL_FILE, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            goal = templates.setdefault(row["kind"], {}).setdefault(row["domain_code"], {
                "goal": row["goal"], "words": row["words"], "if": row["if"], "then": row["then"], "actions": []})
            goal["actions"].append({"what": row["action"], "who": row["who"], "days": int(row["days"]),
                                    "support": row["support"] or None})
    return templates


GOALS = _goal_templates()
DREAMS = ["Een eigen plek waar de kinderen rustig kunnen spelen.", "Zonder schulden en met een baan die bij mij past.",
          "Dat mijn kinderen het beter krijgen dan ik.", "Een diploma halen en weer voor mezelf zorgen."]
WISHES = ["Ik wil op zwemles.", "Een eigen bureau voor mijn huiswerk.", "Dat mama minder verdrietig is.",
          "Ik wil naar de kinderboerderij met school.", "Op gitaarles, net als mijn neef."]
FAMILY_DREAMS = ["Samen op vakantie naar de zee, al is het maar een dagje.", "Een huis zonder zorgen en met rust.",
                 "Dat we 's avonds weer samen lachen aan tafel."]


def add_demo_plan(rng, coach, household, registered):
    """Assess every member a few times, write dreams and wishes, and set goals where the first assessment worried."""
    parent = next((m for m in household.members if m.role == "parent"), household.members[0])
    days = max((today() - registered).days, 0)
    moments = [registered + timedelta(days=min(rng.randint(2, 10), days))]
    while len(moments) < 5:  # every two or three months, as long as the support lasts
        moments.append(moments[-1] + timedelta(days=rng.randint(40, 90)))
        if moments[-1] > today():
            moments.pop()
            break
    firsts, bands = {}, {}
    for member in household.members:
        levels = {}
        for on in moments:
            scale = scale_for(member, on)
            scores = {}
            for domain in domains_of(scale):
                if scale == "bridge":
                    levels[domain.id] = _next_level(rng, scale, levels.get(domain.id))
                    low = levels[domain.id] <= 2
                    scores[domain.id] = {"value": str(levels[domain.id])}
                else:
                    band = age_band_for(member.date_of_birth, on)
                    colours = _benchmark_colours(rng, levels, [b for b in bands.setdefault(band, benchmarks_of(band))
                                                               if b.domain_id == domain.id])
                    low = "red" in colours.values()
                    scores[domain.id] = {"benchmarks": colours}
                scores[domain.id]["note"] = NOTES.get(domain.code) if low else None
            assessment = record_assessment(coach, household, member, on, scores)
            firsts.setdefault(member.id, assessment)
        words = rng.choice(WISHES if member.is_child else DREAMS)
        if rng.random() < 0.8:
            operations.set_wish(coach, household, member, words, version=0)
    if operations.support_ends_on(household) < today():
        return
    operations.update_family_plan(coach, household, rng.choice(FAMILY_DREAMS),
                                  today() + timedelta(days=rng.randint(2, 14)), "10:00 uur, bij jullie thuis",
                                  version=0)
    for member in household.members:
        first = firsts.get(member.id)
        templates = GOALS["child" if scale_for(member, today()) == "child_bridge" else "adult"]
        worries = [s.domain for s in sorted(first.scores, key=level_of)
                   if s.domain.code in templates and needs_attention(s)]
        for domain in worries[:2 if member.role == "parent" else 1]:
            _demo_goal(rng, coach, household, member, parent, domain, templates[domain.code], moments[0])
    family_code = rng.choice(list(GOALS["family"]))
    family_domain = next(d for d in domains_of("family") if d.code == family_code)
    _demo_goal(rng, coach, household, None, parent, family_domain, GOALS["family"][family_code], moments[0])


def _benchmark_colours(rng, levels, benchmarks) -> dict:
    """A colour for most benchmarks (a few not discussed), mostly on track, moving like the Bridge steps."""
    colours = {}
    for benchmark in benchmarks:
        key = ("benchmark", benchmark.id)
        if key not in levels and rng.random() < 0.15:
            continue  # not discussed this time
        start = rng.choice([1, 2, 2, 3, 3, 3, 3, 3, 3, 3])
        levels[key] = start if key not in levels else _next_level(rng, "child_bridge", levels[key])
        colours[benchmark.id] = COLOURS[levels[key] - 1]
    return colours


def finish_demo_goals(coach, household, on):
    """Before closing because the goals are reached: the goals still open reviewed as achieved."""
    for goal in db.session.scalars(select(Goal).where(Goal.household_id == household.id,
                                                      Goal.status.in_(("active", "adjusted")))).all():
        operations.review_goal(coach, household, goal, min(max(on, goal.created_at.date()), today()), "achieved",
                               "Samen met het gezin teruggekeken: gelukt.")


def _next_level(rng, scale, level):
    """Bridge steps 1-5 or colours 1 (red) to 3 (green): a start with worries, then mostly small progress."""
    top = 5 if scale == "bridge" else 3
    if level is None:
        return rng.choice([1, 2, 2, 3, 3, 4] if top == 5 else [1, 2, 2, 3])
    roll = rng.random()
    return min(level + 1, top) if roll < 0.35 else max(level - 1, 1) if roll > 0.93 else level


def _demo_goal(rng, coach, household, member, parent, domain, template, set_on):
    names = {"name": member.first_name if member else parent.first_name, "parent": parent.first_name}
    words = template["words"]
    own = words if member is not None and member.is_child and age_on(member.date_of_birth, today()) >= 4 else None
    ends = operations.support_ends_on(household)
    target = min(set_on + timedelta(days=rng.randint(60, 150)), ends)
    goal = operations.set_goal(coach, household, member, domain, template["goal"].format(**names),
                               max(target, today()), dream=None if own else words, own_words=own)
    goal.created_at = datetime.combine(set_on, time(14))
    goal.target_on = target
    for item in template["actions"]:
        due = set_on + timedelta(days=item["days"])
        action = operations.add_action(coach, household, goal, item["what"].format(**names),
                                       item["who"].format(**names), due, item["support"])
        if due < today() and rng.random() < 0.75:
            operations.set_action_done(coach, household, action, True, on=due - timedelta(days=2))
    operations.add_obstacle(coach, household, goal, template["if"].format(**names),
                            template["then"].format(**names))
    review_on = set_on + timedelta(days=42)
    if review_on <= today():
        choices = ["active", "active", "achieved", "adjusted"] if target < today() else ["active", "adjusted"]
        status = rng.choice(choices)
        next_review = review_on + timedelta(days=42) if status in ("active", "adjusted") else None
        operations.review_goal(coach, household, goal, review_on, status,
                               "Besproken aan de keukentafel; de eerste stappen zijn gezet.", next_review)

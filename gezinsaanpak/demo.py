"""A believable demo municipality: two teams, coaches, households in every stage, fake Dutch names.

Everything is built through the same operations a coach uses, so the demo obeys every invariant.
"""
import random
from datetime import date, datetime, time, timedelta

from faker import Faker
from flask import current_app
from sqlalchemy import func, select

from .auth.models import Team, User
from .auth.operations import create_user, find_or_create_team
from .cases import operations as cases
from .cases.models import Household, Neighbourhood
from .cases.neighbourhoods import add_neighbourhood
from .catalogues import load_all
from .extensions import db
from .i18n import gettext
from .network.demo import add_demo_network
from .plans.demo import add_demo_plan, finish_demo_goals
from .referrals.demo import add_demo_referrals, set_demo_renewals
from .referrals.panic import set_limit
from .reports.models import TargetGroup
from .signals.demo import add_demo_signals
from .timeutil import today

# Each team works in the neighbourhoods of one district (the neighbourhood list names the district).
TEAMS = {
    "Team Feijenoord": ("Feijenoord", ["Afrikaanderwijk", "Bloemhof", "Hillesluis", "Feijenoord"]),
    "Team Charlois": ("Charlois", ["Tarwewijk", "Carnisse", "Oud-Charlois", "Pendrecht"]),
}
# Children under 18 per income group, for the municipality and per district (what a municipality takes from the CBS).
TARGET_GROUPS = {None: {"social_assistance": 60, "working": 70, "other_benefit": 20},
                 "Feijenoord": {"social_assistance": 30, "working": 35},
                 "Charlois": {"social_assistance": 30, "working": 35}}
FLOWERS = ["Tulp", "Roos", "Zonnebloem", "Lelie", "Narcis", "Krokus", "Iris", "Dahlia", "Madelief", "Viooltje",
           "Klaproos", "Lavendel", "Anemoon", "Hyacint", "Orchidee", "Margriet", "Pioen", "Akelei", "Fresia",
           "Gerbera", "Jasmijn", "Kamille", "Lupine", "Magnolia"]
STAGE_PATH = ["registered", "plan", "carrying_out", "follow_up", "aftercare"]
HOUSEHOLDS_PER_STAGE = 6
CHECK_IN_SUBJECTS = ["de inschrijving bij de voetbalclub", "het gesprek met de schuldhulpverlener",
                     "de aanvraag bij Stichting Leergeld", "de nieuwe school van de oudste", "het budgetplan"]


class DemoRefused(Exception):
    """The database holds real data; the demo never mixes with it."""


def demo_logins():
    return db.session.scalars(select(User).where(User.is_demo).order_by(User.role, User.email)).all()


def build_demo(seed: int = 2026) -> bool:
    """Fill an empty database; returns False when the demo is already there. Refuses real data."""
    real_users = db.session.scalar(select(func.count(User.id)).where(User.is_demo.is_(False)))
    real_households = db.session.scalar(select(func.count(Household.id)).where(Household.is_demo.is_(False)))
    if real_users or real_households:
        raise DemoRefused(gettext("This database already holds non-demo data; the demo command leaves it alone."))
    if db.session.scalar(select(func.count(User.id))):
        return False
    load_all()
    rng = random.Random(seed)
    fake = Faker("nl_NL")
    fake.seed_instance(seed)
    password = current_app.config["DEMO_PASSWORD"]
    admin = create_user(None, "beheer@demo.gezinsaanpak.nl", "Beheerder Demo", "admin", password, is_demo=True)
    create_user(None, "beleid@demo.gezinsaanpak.nl", "Beleidsmedewerker Demo", "policy", password, is_demo=True)
    set_demo_renewals(admin)
    flowers = iter(rng.sample(FLOWERS, len(FLOWERS)) * 3)
    for number, (team_name, (district, names)) in enumerate(TEAMS.items(), start=1):
        neighbourhoods = [add_neighbourhood(admin, name, district=district).id for name in names]
        team = find_or_create_team(team_name)
        create_user(None, f"teamleider{number}@demo.gezinsaanpak.nl", fake.name(), "teamlead", password, team,
                    is_demo=True)
        coaches = [create_user(None, f"coach{(number - 1) * 3 + i}@demo.gezinsaanpak.nl", fake.name(), "coach",
                               password, team, is_demo=True) for i in range(1, 4)]
        for index in range(HOUSEHOLDS_PER_STAGE * 7 // 2):
            coach = coaches[index % len(coaches)]
            stage_index = (index + number) % 7
            _demo_household(rng, fake, coach, f"Familie {next(flowers)}", rng.choice(neighbourhoods), stage_index)
    for team in db.session.scalars(select(Team)):
        set_limit(None, today().year, team.id, 75000)
    for district, sizes in TARGET_GROUPS.items():
        for group, children in sizes.items():
            db.session.add(TargetGroup(year=today().year, income_group=group, district=district, children=children))
    _demo_text_to_review(rng)
    db.session.flush()
    return True


def _demo_text_to_review(rng):
    """One entry as the migration makes from text a coach typed before the list existed, for the administrator to
    review (a misspelt neighbourhood, to map onto the right one)."""
    typed = Neighbourhood(name="tarwewyk", to_review=True)
    db.session.add(typed)
    household = rng.choice(db.session.scalars(select(Household).join(Neighbourhood).where(
        Neighbourhood.name == "Tarwewijk").order_by(Household.id)).all())
    household.neighbourhood = typed


def _demo_household(rng, fake, coach, pseudonym, neighbourhood, stage_index):
    """Stage index 0 is trust building, 1-5 the registered stages, 6 closed."""
    months_ago = rng.randint(1, 17) if stage_index else rng.randint(0, 2)
    opened = today() - timedelta(days=30 * months_ago + rng.randint(0, 20))
    household = cases.open_contact_track(coach, pseudonym, rng.choice(["school", "gp", "work_income", "food_bank",
                                                                       "outreach"]),
                                         neighbourhood, opened_on=opened, is_demo=True)
    household.coordinator_history[0].started_at = datetime.combine(opened, time(9))
    cases.log_contact(coach, household, "home_visit", opened, "Kennismaking aan de keukentafel.", 60)
    if stage_index == 0:
        return household
    registered = min(opened + timedelta(days=rng.randint(7, 28)), today())
    members = _demo_members(rng, fake, registered)
    cases.register_household(coach, household, registered, "Registratie en delen met fondsen na overleg",
                             members, rng.choice(["social_assistance", "social_assistance", "working", "working",
                                                  "self_employed", "other_benefit", "unknown"]),
                             registered_on=registered)
    stages = STAGE_PATH[1:min(stage_index, 5)]
    day = registered
    for stage in stages:
        day = min(day + timedelta(days=rng.randint(14, 60)), today())
        cases.move_stage(coach, household, stage, on=day)
    for _ in range(rng.randint(2, 6)):
        when = registered + timedelta(days=rng.randint(0, max((today() - registered).days, 0)))
        cases.log_contact(coach, household, rng.choice(["home_visit", "home_visit", "phone", "network_meeting"]),
                          when, "Gesprek over de voortgang.", rng.choice([15, 30, 45, 60, 90]))
    add_demo_signals(rng, coach, household, registered)
    add_demo_plan(rng, coach, household, registered)
    add_demo_referrals(rng, coach, household, registered)
    add_demo_network(coach, household, registered)
    if household.stage in ("follow_up", "aftercare"):
        for subject in rng.sample(CHECK_IN_SUBJECTS, 2):
            cases.plan_check_in(coach, household, today() + timedelta(days=rng.randint(-10, 20)), subject)
    if stage_index == 6:
        closed_on = max(today() - timedelta(days=rng.randint(0, 20)), household.stage_since)
        reason = rng.choice(["goals_reached", "goals_reached", "family_stopped", "moved_away"])
        if reason == "goals_reached":
            finish_demo_goals(coach, household, closed_on)
        cases.move_stage(coach, household, "closed", on=closed_on, reason=reason,
                         turn_to="Buurvrouw Ans, de inloop in het buurthuis en het wijkteam",
                         aftercare="Over drie maanden bel ik om te horen hoe het gaat.")
    return household


def _demo_members(rng, fake, on: date):
    adults = [{"first_name": fake.first_name(), "role": "parent",
               "date_of_birth": on - timedelta(days=365 * rng.randint(24, 50) + rng.randint(0, 364))}
              for _ in range(rng.choice([1, 1, 2]))]
    children = []
    for _ in range(rng.randint(1, 4)):
        age_days = rng.randint(100, 365 * 19)
        school = None
        if 4 * 365 < age_days < 12 * 365:
            school = rng.choice(["Basisschool De Regenboog", "OBS Het Kompas"])
        elif age_days >= 12 * 365:
            school = rng.choice([None, "Zuiderpark College", "Albeda"])
        children.append({"first_name": fake.first_name(), "role": "child", "school": school,
                         "date_of_birth": on - timedelta(days=age_days)})
    return adults + children

"""Demo network: the school, the GP, a volunteer or an aunt around a family, consent to share with some of them,
now and then a warm handover or a debt-help route. Its own random stream, so the rest of the demo stays as it was.
"""
import random
from datetime import timedelta

from ..timeutil import today
from . import operations

PEOPLE = [
    ("school", "Basisschool De Regenboog", "Mentor van de kinderen", "Wat we doen aan schoolspullen en sport"),
    ("gp", "Huisartsenpraktijk Zuidplein", None, None),
    ("housing_corporation", "Woonstad Rotterdam", "Contactpersoon huurachterstand",
     "De huurachterstand en de regeling"),
    ("neighbourhood_team", "Wijkteam Feijenoord", None, "Dat het gezin begeleid wordt, niet de details"),
    ("volunteer", "Stichting MAIT", "Ervaringswerker, helpt met de administratie", None),
    ("family_friends", "Tante Ria", "Haalt de kinderen op woensdag op", None),
]


def add_demo_network(coach, household, registered):
    rng = random.Random(f"network-{household.id}")
    if rng.random() < 0.3:
        return
    since = registered + timedelta(days=rng.randint(0, 20))
    since = min(since, today())
    partners = {}
    for kind, name, relation, scope in rng.sample(PEOPLE, rng.randint(1, 4)):
        partner = operations.add_partner(coach, household, kind, name, relation=relation, on=since)
        partners[kind] = partner
        if scope:
            operations.give_consent(coach, household, partner, scope, rng.choice(["Beide ouders", "Moeder", "Vader"]),
                                    on=since)
    housing = partners.get("housing_corporation")
    if housing is not None and housing.consent is not None and rng.random() < 0.5:
        meeting = min(since + timedelta(days=rng.randint(5, 30)), today() + timedelta(days=7))
        operations.start_handover(coach, household, housing, "Betalingsregeling voor de huurachterstand",
                                  "Overzicht van inkomsten en vaste lasten", on=since, meeting_on=meeting)
    if rng.random() < 0.3:
        debt = operations.start_debt_help(coach, household, rng.choice(["local_volunteer", "debt_counselling",
                                                                          "self_help"]), on=since)
        step_on = min(since + timedelta(days=rng.randint(7, 40)), today())
        operations.debt_help_step(coach, household, debt, "intake", step_on)

"""Reach as the national ambition defines it, checked figure by figure on a small municipality built by hand.

2025: a family on social assistance in Carnisse (district Charlois) with a child turning 18 on the last day of the
year, a child whose referral was only applied for, and a child who got Leergeld; self-employed parents in Carnisse
who got the panic budget; working parents in Carnisse whose child only had visits, a grant of 2024 and a handover to
a sports club; and, in the other team and district, a family on social assistance whose child got a delivery.
"""
from datetime import date

import pytest

from gezinsaanpak.cases import operations as cases
from gezinsaanpak.cases.models import Household
from gezinsaanpak.extensions import db
from gezinsaanpak.referrals import operations as referrals
from gezinsaanpak.referrals.models import Referral
from gezinsaanpak.referrals.panic import record_spending, set_limit
from gezinsaanpak.reports import reach
from gezinsaanpak.reports.operations import save_target_group
from gezinsaanpak.reports.reach import Scope
from tests.factories import neighbourhood
from tests.unit.referrals.helpers import funds

START, END = date(2025, 1, 1), date(2025, 12, 31)


def family(coach, pseudonym, income, area, children):
    """Registered on 2 January 2025 in `area`, a parent and the given children ({first name: date of birth})."""
    household = cases.open_contact_track(coach, pseudonym, "school", area.id, opened_on=date(2024, 12, 1))
    members = [{"first_name": "Ouder", "role": "parent", "date_of_birth": date(1985, 5, 5)}]
    members += [{"first_name": name, "role": "child", "date_of_birth": born} for name, born in children.items()]
    cases.register_household(coach, household, date(2024, 12, 20), "Registratie", members, income,
                             registered_on=date(2025, 1, 2))
    return household


def child(household, name):
    return next(m for m in household.members if m.first_name == name)


def referral(coach, household, steps, fund=None, member=None, organisation=None, on=date(2025, 2, 1)):
    """A referral created on `on`, then moved through `steps` ([(status, date)])."""
    made = referrals.create_referral(coach, household, "Aanvraag", fund_id=fund.id if fund else None,
                                     organisation=organisation, member_id=member.id if member else None, on=on)
    for status, when in steps:
        referrals.change_status(coach, household, made, status, on=when)
    return made


@pytest.fixture
def municipality(ctx, world):
    catalogue = funds()
    carnisse = neighbourhood("Carnisse", district="Charlois")
    pendrecht = neighbourhood("Pendrecht", district="Zuid")
    coach, other = world.coach, world.other_coach

    assistance = family(coach, "Familie Es", "social_assistance", carnisse,
                        {"Adam": date(2010, 6, 1), "Bo": date(2007, 12, 31), "Cas": date(2008, 1, 1)})
    referral(coach, assistance, [("applied", date(2025, 2, 10)), ("granted", date(2025, 3, 1))],
             catalogue["leergeld"], child(assistance, "Adam"))
    referral(coach, assistance, [("applied", date(2025, 2, 10)), ("granted", date(2025, 3, 1))],
             catalogue["kinderhulp"], child(assistance, "Bo"))  # Bo is 18 on the last day: not a child here
    referral(coach, assistance, [("applied", date(2025, 2, 10))], catalogue["leergeld"], child(assistance, "Cas"))

    self_employed = family(coach, "Familie Eik", "self_employed", carnisse,
                           {"Dex": date(2015, 3, 3), "Eva": date(2018, 4, 4)})
    set_limit(world.admin, 2025, world.team_a.id, 100000)
    record_spending(coach, self_employed, date(2025, 5, 1), 5000, "Nieuwe schoenen")

    working = family(coach, "Familie Iep", "working", carnisse, {"Fien": date(2012, 7, 7)})
    cases.log_contact(coach, working, "home_visit", date(2025, 6, 1))
    referral(coach, working, [("applied", date(2024, 12, 22)), ("granted", date(2024, 12, 30))],
             catalogue["jeugdfonds_sport_cultuur"], child(working, "Fien"), on=date(2024, 12, 21))
    referral(coach, working, [("applied", date(2025, 3, 1)), ("granted", date(2025, 3, 5)),
                              ("delivered", date(2025, 4, 1))],
             organisation="Voetbalclub", member=child(working, "Fien"))

    elsewhere = family(other, "Familie Olm", "social_assistance", pendrecht, {"Gijs": date(2016, 8, 8)})
    referral(other, elsewhere, [("applied", date(2025, 2, 10)), ("granted", date(2025, 3, 1)),
                                ("delivered", date(2025, 9, 1))], catalogue["jarige_job"], child(elsewhere, "Gijs"))
    db.session.commit()
    return {"carnisse": carnisse, "pendrecht": pendrecht}


def rows(scope=Scope()):
    return {r.income_group: r for r in reach.reach(START, END, scope)}


def figures(row):
    return row.children, row.reached, row.target_group, row.share


def test_the_municipality_counts_children_under_18_reached_with_a_provision_in_kind(municipality):
    found = rows()
    # Adam (Leergeld granted) and Gijs (Jarige Job delivered) reached; Cas only applied for; Bo turned 18.
    assert (found["social_assistance"].children, found["social_assistance"].reached) == (3, 2)
    # Dex and Eva by the panic budget (self-employed counts as working); Fien: visits, a 2024 grant and a club.
    assert (found["working"].children, found["working"].reached, found["working"].self_employed) == (3, 2, 2)
    assert (found["other_benefit"].children, found["unknown"].children) == (0, 0)


def test_a_child_turning_18_on_the_last_day_is_no_longer_counted(municipality):
    assert rows()["social_assistance"].children == 3
    one_day_earlier = {r.income_group: r for r in reach.reach(START, date(2025, 12, 30))}
    assert (one_day_earlier["social_assistance"].children, one_day_earlier["social_assistance"].reached) == (4, 3)


def test_a_referral_only_applied_for_is_not_reach_until_it_is_granted(municipality, world):
    applied = Referral.query.filter_by(status="applied").one()
    referrals.change_status(world.coach, applied.household, applied, "granted", on=date(2025, 11, 1))
    assert rows()["social_assistance"].reached == 3


def test_shares_only_where_the_target_group_of_that_area_is_known(municipality, world):
    assert all(r.share is None for r in rows().values())
    save_target_group(world.admin, 2025, "social_assistance", Scope(), 4)
    save_target_group(world.admin, 2025, "social_assistance", Scope(district="Charlois"), 2)
    save_target_group(world.admin, 2024, "working", Scope(), 3)  # another year: not used for 2025

    whole = rows()
    assert figures(whole["social_assistance"]) == (3, 2, 4, 0.5)
    assert whole["social_assistance"].ambition == 1.0 and whole["social_assistance"].meets_ambition is False
    assert figures(whole["working"]) == (3, 2, None, None) and whole["working"].ambition == 0.7

    charlois = rows(Scope(district="Charlois"))
    assert figures(charlois["social_assistance"]) == (2, 1, 2, 0.5)
    carnisse = rows(Scope(neighbourhood_id=municipality["carnisse"].id))
    assert figures(carnisse["social_assistance"]) == (2, 1, None, None)  # no size entered for the neighbourhood


def test_a_team_is_never_set_against_the_municipality_s_target_group(municipality, world):
    save_target_group(world.admin, 2025, "social_assistance", Scope(), 4)
    team = rows(Scope(team_id=world.team_a.id))
    assert figures(team["social_assistance"]) == (2, 1, None, None)
    by_team = dict(reach.reach_by_team(START, END))
    totals = [sum(r.reached for r in team_rows if r.income_group == "social_assistance")
              for team_rows in by_team.values()]
    assert sum(totals) == rows()["social_assistance"].reached  # the teams' counts add up to the municipality's
    assert [r.share for team_rows in by_team.values() for r in team_rows] == [None] * 8


def test_a_child_who_left_the_household_before_the_period_is_not_counted(municipality, world):
    working = child(Household.query.filter_by(pseudonym="Familie Iep").one(), "Fien")
    working.left_on = date(2024, 12, 31)
    db.session.flush()
    assert rows()["working"].children == 2

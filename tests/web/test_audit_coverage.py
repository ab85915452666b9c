"""What the audit trail must show a privacy officer: refused pages with the page asked for, searches with how many
households they found (never what was typed), and which record of a household was read."""
import json

import pytest
from sqlalchemy import select

from gezinsaanpak.audit import AuditEvent
from gezinsaanpak.extensions import db
from gezinsaanpak.referrals import operations as referrals


def events(app, **where):
    with app.app_context():
        query = select(AuditEvent).order_by(AuditEvent.id)
        for column, value in where.items():
            query = query.where(getattr(AuditEvent, column) == value)
        return db.session.scalars(query).all()


@pytest.mark.parametrize("who, url, status, endpoint", [
    ("coach", "/team/", 404, "reports.dashboard"),
    ("coach", "/team/reach", 404, "reports.reach_report"),
    ("coach", "/admin/users", 403, "admin.users"),
    ("teamlead", "/admin/teams", 403, "admin.teams"),
    ("admin", "/my-households", 404, "cases.my_households"),
])
def test_a_refused_page_is_audited_with_the_page_asked_for(app, client, auth, world, who, url, status, endpoint):
    user = world.by_role(who)
    auth.login(user)
    assert client.get(url).status_code == status
    refused = events(app, outcome="denied", actor_id=user.id)
    assert [(e.action, e.path) for e in refused] == [(endpoint, url.rstrip("?"))]


def test_a_team_lead_asking_for_another_teams_coach_is_audited(app, client, auth, world):
    auth.login(world.teamlead)
    assert client.get(f"/team/households?metric=open&coach={world.other_coach.id}").status_code == 404
    assert [e.action for e in events(app, outcome="denied")] == ["reports.households"]


def test_a_search_is_audited_with_the_number_of_households_found_not_the_text(app, client, auth, world, household):
    auth.login(world.coach)
    assert "Familie Tulp" in client.get("/my-households", query_string={"q": "Tulp"}).text
    client.get("/my-households", query_string={"q": "Jansen"})
    client.get("/my-households")
    searches = events(app, actor_id=world.coach.id, path="/my-households")
    assert [(e.action, json.loads(e.detail)) for e in searches] == [
        ("households.search", {"results": 1}), ("households.search", {"results": 0}),
        ("households.list", {"results": 1})]
    assert not [e for e in events(app) if "Tulp" in f"{e.path} {e.detail}" or "Jansen" in f"{e.path} {e.detail}"]


def test_the_start_page_is_audited_with_the_number_of_items(app, client, auth, world, household):
    auth.login(world.coach)
    assert client.get("/start").status_code == 200
    [start] = events(app, actor_id=world.coach.id, path="/start")
    assert start.action == "households.due" and "results" in json.loads(start.detail)


def test_reading_a_record_names_it(app, client, auth, world, household):
    with app.app_context():
        referral = referrals.create_referral(db.session.merge(world.coach), db.session.merge(household), "Zwemles",
                                             organisation="Zwembad De Wel")
        db.session.commit()
        referral_id = referral.id
    auth.login(world.coach)
    assert client.get(f"/households/{household.id}").status_code == 200
    assert client.get(f"/households/{household.id}/referrals/{referral_id}").status_code == 200
    [page] = events(app, action="household.view")
    assert (page.object_type, page.object_id) == ("Household", household.id)
    [read] = events(app, action="referral.view")
    assert (read.household_id, read.object_type, read.object_id) == (household.id, "Referral", referral_id)

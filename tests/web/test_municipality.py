"""The policy officer's pages: the municipality's reach, outcomes and monitoring export, for them only; and the
neighbourhood list as coaches and the administrator meet it."""
import csv
import io
import re
import sqlite3
from datetime import timedelta

import pytest

from gezinsaanpak.cases.models import Household, Neighbourhood
from gezinsaanpak.extensions import db
from gezinsaanpak.referrals import operations as referrals
from gezinsaanpak.reports.operations import save_target_group
from gezinsaanpak.reports.reach import Scope
from tests.factories import make_household, neighbourhood
from tests.helpers import TODAY
from tests.unit.referrals.helpers import funds

PAGES = ["/municipality/reach", "/municipality/outcomes", "/municipality/export",
         "/municipality/reach?format=csv", "/municipality/outcomes?format=csv"]


@pytest.mark.parametrize("who", ["coach", "teamlead", "admin"])
def test_only_the_policy_officer_opens_the_municipality_s_figures(client, auth, world, who):
    auth.login(world.by_role(who))
    for page in PAGES:
        assert client.get(page).status_code == 404, page


def test_the_policy_officer_sees_figures_and_no_family(client, auth, world, household):
    auth.login(world.policy)
    assert client.get("/").location.endswith("/municipality/reach")
    for page in PAGES:
        response = client.get(page)
        assert response.status_code == 200, page
        assert "Familie Tulp" not in response.text and "Kind0" not in response.text
    for refused in ("/my-households", "/start", "/team/", "/team/reach", f"/households/{household.id}"):
        assert client.get(refused).status_code == 404, refused


def granted_leergeld(app, world, pseudonym="Familie Tulp, Tarwewijk"):
    """A household of team A in Tarwewijk (district Charlois) whose two children get Leergeld this month."""
    with app.app_context():
        catalogue = funds()
        neighbourhood("Tarwewijk").district = "Charlois"
        coach = db.session.merge(world.coach)
        household = make_household(coach, pseudonym=pseudonym, income="social_assistance")
        made = referrals.create_referral(coach, household, "Schoolspullen", fund_id=catalogue["leergeld"].id,
                                         on=TODAY)
        for status in ("applied", "granted"):
            referrals.change_status(coach, household, made, status, on=TODAY)
        save_target_group(db.session.merge(world.admin), TODAY.year, "social_assistance",
                          Scope(district="Charlois"), 8)
        db.session.commit()


def reach_rows(page):
    return {m[0].strip(): m[1:] for m in re.findall(
        r'<th scope="row">([^<]+)(?:<br>[^/]*</small>)?</th>\s*<td>(\d+)</td><td>(\d+)</td>\s*(?:<td>([^<]+)</td>\s*'
        r'<td>([^<]+)</td>)?', page)}


def test_the_district_shows_a_share_and_the_team_only_counts(app, client, auth, world):
    granted_leergeld(app, world)
    month = TODAY.replace(day=1)
    auth.login(world.policy)
    whole = reach_rows(client.get(f"/municipality/reach?from={month}&to={TODAY}").text)
    assert whole["Ouders in de bijstand"] == ("2", "2", "–", "–")  # no size known for the whole municipality
    page = client.get(f"/municipality/reach?from={month}&to={TODAY}&scope=d:Charlois").text
    assert reach_rows(page)["Ouders in de bijstand"] == ("2", "2", "8", "25%")
    assert "100%" in page and "70%" in page and "2 / 2" in page  # the ambitions beside; Team Noord's count
    assert "Kies de hele gemeente" in client.get("/municipality/reach?scope=d:Nergens").text
    auth.logout()
    auth.login(world.teamlead)
    team = client.get(f"/team/reach?from={month}&to={TODAY}").text
    assert reach_rows(team)["Ouders in de bijstand"] == ("2", "2", "", "")
    assert "25%" not in team


def test_the_policy_officer_downloads_the_monitoring_export(app, client, auth, world):
    granted_leergeld(app, world)
    auth.login(world.policy)
    response = client.post("/municipality/export", data={"start": TODAY.replace(month=1, day=1).isoformat(),
                                                          "end": TODAY.isoformat()})
    assert response.status_code == 200 and response.headers["Content-Disposition"].startswith("attachment")
    path = app.instance_path + "/test-export.db"
    with open(path, "wb") as out:
        out.write(response.data)
    export = sqlite3.connect(path)
    about = dict(export.execute("SELECT key, value FROM about").fetchall())
    assert about["k"] == "5" and "reach.k" in about  # count tables only: one household is too few to show
    assert "Tarwewijk" not in "\n".join(export.iterdump())
    bad = client.post("/municipality/export", data={"start": TODAY.isoformat(),
                                                    "end": (TODAY - timedelta(days=3)).isoformat()})
    assert bad.status_code == 400 and "De laatste dag komt na de eerste." in bad.text


def test_text_awaiting_review_never_reaches_the_export_or_a_download(app, client, auth, world, household):
    with app.app_context():
        typed = Neighbourhood(name="Dordtselaan 112 (fam. Yilmaz)", to_review=True)
        db.session.get(Household, household.id).neighbourhood = typed
        db.session.commit()
    auth.login(world.policy)
    export = client.post("/municipality/export", data={"start": "2020-01-01", "end": TODAY.isoformat()})
    assert b"Dordtselaan" not in export.data and b"Yilmaz" not in export.data
    auth.logout()
    auth.login(world.teamlead)
    assert "Yilmaz" not in client.get("/team/households?metric=open&format=csv").text


def test_a_coach_picks_the_neighbourhood_from_the_list(app, client, auth, world):
    with app.app_context():
        listed = neighbourhood("Carnisse")
        retired = neighbourhood("Heijplaat")
        retired.retired_at = retired.created_at
        db.session.add(Neighbourhood(name="Dordtselaan 112", to_review=True))
        db.session.commit()
        listed_id = listed.id
    auth.login(world.coach)
    form = client.get("/households/new").text
    assert re.search(r'<select [^>]*id="neighbourhood_id"', form) and ">Carnisse</option>" in form
    assert "Heijplaat" not in form and "Dordtselaan" not in form
    refused = client.post("/households/new", data={"pseudonym": "Familie Roos", "source": "school",
                                                   "neighbourhood_id": "Dordtselaan 112"})
    assert refused.status_code == 400 and "Kies een wijk uit de lijst." in refused.text
    assert 'value="Familie Roos"' in refused.text  # what was typed stays
    assert client.post("/households/new", data={"pseudonym": "Familie Roos", "source": "school",
                                                "neighbourhood_id": str(listed_id)}).status_code == 302
    with app.app_context():
        assert Household.query.filter_by(pseudonym="Familie Roos").one().neighbourhood.name == "Carnisse"


def test_the_administrator_reviews_what_coaches_typed(app, client, auth, world, household):
    with app.app_context():
        carnisse = neighbourhood("Carnisse")
        typed = Neighbourhood(name="carnise", to_review=True)
        db.session.get(Household, household.id).neighbourhood = typed
        db.session.commit()
        carnisse_id, typed_id = carnisse.id, typed.id
    auth.login(world.admin)
    page = client.get("/admin/neighbourhoods").text
    assert "Te controleren" in page and "carnise" in page and "Familie Tulp" not in page
    assert client.post(f"/admin/neighbourhoods/{typed_id}/map", data={"onto": carnisse_id}).status_code == 302
    with app.app_context():
        assert db.session.get(Household, household.id).neighbourhood_id == carnisse_id
    added = client.post("/admin/neighbourhoods", data={"name": "Pendrecht", "cbs_code": "wk05991", "district": ""})
    assert added.status_code == 400 and "WK en zes cijfers" in added.text and 'value="Pendrecht"' in added.text
    assert client.post("/admin/neighbourhoods", data={"name": "Pendrecht", "cbs_code": "WK059916",
                                                      "district": "Charlois"}).status_code == 302
    assert client.post("/admin/targets", data={"year": 2026, "income_group": "working", "scope": "d:Charlois",
                                               "children": 40}).status_code == 302
    assert "Gebied Charlois" in client.get("/admin/targets").text


def test_the_reach_download_has_the_page_s_columns_and_figures(app, client, auth, world):
    granted_leergeld(app, world)
    auth.login(world.policy)
    query = f"from={TODAY.replace(day=1)}&to={TODAY}&scope=d:Charlois"
    page = client.get(f"/municipality/reach?{query}").text
    table = page.split("<caption>")[1].split("</table>")[0]
    headings = re.findall(r'<th scope="col">([^<]+)</th>', table)
    rows = list(csv.reader(io.StringIO(client.get(f"/municipality/reach?{query}&format=csv").text.lstrip("\ufeff")),
                           delimiter=";"))
    assert set(headings) <= set(rows[0])
    assert ["Ouders in de bijstand", "2", "2", "0", "8", "25%", "100%"] in rows


def test_a_period_in_the_first_centuries_is_answered_not_a_server_error(client, auth, world):
    """Found by the fuzz walk: "children under 18 at the period's end" counted back 18 years before year 1."""
    auth.login(world.policy)
    assert client.get("/municipality/reach?from=0001-01-01&to=0010-01-01").status_code == 200
    export = client.post("/municipality/export", data={"start": "0001-01-01", "end": "0010-01-01"})
    assert export.status_code == 200


def test_a_neighbourhood_number_no_row_can_have_is_refused_with_a_message(client, auth, world):
    """Found by the fuzz walk: a number too large for the database ended in a server error, on the new-track form
    and in the reach scope."""
    auth.login(world.coach)
    refused = client.post("/households/new", data={"pseudonym": "Familie Groot", "source": "school",
                                                   "neighbourhood_id": "12318076154698263715607740416"})
    assert refused.status_code == 400 and "Kies een wijk uit de lijst." in refused.text
    auth.logout()
    auth.login(world.policy)
    page = client.get("/municipality/reach?scope=n:12318076154698263715607740416")
    assert page.status_code == 400


def reach_chart(page):
    chart = re.search(r'<svg class="chart" id="reach-chart" role="img" aria-labelledby="reach-chart-title".*?</svg>',
                      page, re.S)
    assert chart, "no reach chart"
    assert page.index("</table>", page.index("Kinderen onder 18 bereikt")) < chart.start()  # beside its table
    return chart.group(0)


def test_reach_is_drawn_against_the_ambition_where_the_target_group_is_known(app, client, auth, world):
    granted_leergeld(app, world)
    month = TODAY.replace(day=1)
    auth.login(world.policy)
    chart = reach_chart(client.get(f"/municipality/reach?from={month}&to={TODAY}&scope=d:Charlois").text)
    assert "<title id=\"reach-chart-title\">Deel van elke doelgroep" in chart
    assert "2 van 8 (25%) · ambitie 100%" in chart and "landelijke ambitie" in chart
    bars = [float(w) for w in re.findall(r'class="chart-bar" x="0.0" y="[\d.]+" width="([\d.]+)"', chart)]
    markers = [float(x) for x in re.findall(r'class="chart-marker" x1="([\d.]+)"', chart)]
    assert bars == [100.0]  # a quarter of the bar's full length; working parents: nobody reached, no bar
    assert markers[:2] == [400.0, 280.0]  # 100% and 70%
    whole = reach_chart(client.get(f"/municipality/reach?from={month}&to={TODAY}").text)
    assert "omvang van de doelgroep niet bekend" in whole and 'class="chart-bar' not in whole
    auth.logout()
    auth.login(world.teamlead)
    team = reach_chart(client.get(f"/team/reach?from={month}&to={TODAY}").text)
    assert "Deel van de kinderen in ondersteuning" in team and "2 van 2 (100%)" in team
    assert "ambitie" not in team and "geen kinderen in ondersteuning" in team

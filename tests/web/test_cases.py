"""A coach's daily work through the pages: trust building, registration, stages, handover, time awareness."""
import re
from datetime import timedelta

from sqlalchemy import func, select

from gezinsaanpak.auth.operations import create_user
from gezinsaanpak.cases import operations as cases
from gezinsaanpak.cases.models import Household, Member
from gezinsaanpak.catalogues import load_catalogue
from gezinsaanpak.extensions import db
from gezinsaanpak.plans import operations as plans
from gezinsaanpak.plans.models import Domain, Goal
from tests.factories import PASSWORD, make_household, neighbourhood
from tests.helpers import TODAY
from tests.web.form_pages import shown_version


def household_by_pseudonym(app, pseudonym):
    with app.app_context():
        household = db.session.scalar(select(Household).where(Household.pseudonym == pseudonym))
        return household.id if household else None


def count_members(app, household_id):
    with app.app_context():
        return db.session.scalar(select(func.count(Member.id)).where(Member.household_id == household_id))


def test_the_trust_building_form_offers_no_personal_data_fields(client, auth, world):
    auth.login(world.coach)
    page = client.get("/households/new").text
    assert 'name="pseudonym"' in page
    for field in ("first_name", "date_of_birth", "address", "bsn", "phone"):
        assert f'name="{field}"' not in page


def test_from_pseudonymous_track_to_registered_household(app, client, auth, world):
    auth.login(world.coach)
    response = client.post("/households/new", data={"pseudonym": "Familie Roos, Carnisse", "source": "food_bank",
                                                     "neighbourhood": "Carnisse"})
    assert response.status_code == 302
    hid = household_by_pseudonym(app, "Familie Roos, Carnisse")
    yesterday = (TODAY - timedelta(days=1)).isoformat()
    for note in ("Eerste kennismaking bij de voedselbank", "Koffie bij moeder thuis"):
        assert client.post(f"/households/{hid}/contacts/new",
                           data={"kind": "home_visit", "contact_on": yesterday, "duration_minutes": "45",
                                 "note": note}).status_code == 302
    assert count_members(app, hid) == 0  # nothing personal before consent

    form = {"consent_on": TODAY.isoformat(), "consent_scope": "Registratie en delen met Leergeld",
            "income_situation": "working", "neighbourhood": "Carnisse",
            "members-0-first_name": "Fatima", "members-0-role": "parent", "members-0-date_of_birth": "1985-02-01",
            "members-1-first_name": "Yusuf", "members-1-role": "child", "members-1-date_of_birth": "2014-09-10",
            "members-1-school": "OBS Het Kompas",
            "members-2-first_name": "Lina", "members-2-role": "child", "members-2-date_of_birth": "2019-04-22",
            "members-3-first_name": "", "members-3-role": "child", "members-3-date_of_birth": "", "submit": "1"}
    assert client.post(f"/households/{hid}/register", data=form).status_code == 302
    assert count_members(app, hid) == 3

    client.post(f"/households/{hid}/stage", data={"to_stage": "plan", "moved_on": TODAY.isoformat(),
                                                  "version": shown_version(client, f"/households/{hid}/stage")})
    page = client.get(f"/households/{hid}").text
    for text in ("Fatima", "Yusuf", "Lina", "Eerste kennismaking bij de voedselbank", "Koffie bij moeder thuis",
                 "Fase: Plan", "Registratie en delen met Leergeld"):
        assert text in page, text


def test_a_registration_with_a_mistake_keeps_everything_typed(app, client, auth, world):
    with app.app_context():
        track = make_household(world.coach, registered=False)
        hid = track.id
    auth.login(world.coach)
    form = {"consent_on": TODAY.isoformat(), "consent_scope": "Registratie",
            "income_situation": "social_assistance", "neighbourhood": "Tarwewijk",
            "members-0-first_name": "Fatima", "members-0-role": "parent", "members-0-date_of_birth": "1985-02-01",
            "members-1-first_name": "Yusuf", "members-1-role": "child", "members-1-date_of_birth": "", "submit": "1"}
    response = client.post(f"/households/{hid}/register", data=form)
    assert response.status_code == 400
    assert "Vul de geboortedatum in" in response.text
    assert 'value="Fatima"' in response.text and 'value="Yusuf"' in response.text
    # the summary leads to the empty date of birth, which names its error for a screen reader
    assert 'href="#members-1-date_of_birth"' in response.text.split('id="error-summary-title"')[1].split("</div>")[0]
    assert re.search(r'<input[^>]*aria-describedby="members-1-date_of_birth-error"[^>]*id="members-1-date_of_birth"',
                     response.text)
    assert count_members(app, hid) == 0


def test_more_rows_for_members_keeps_what_was_typed(app, client, auth, world):
    with app.app_context():
        hid = make_household(world.coach, registered=False).id
    auth.login(world.coach)
    response = client.post(f"/households/{hid}/register", data={"consent_scope": "Registratie", "more": "1",
                                                                "members-0-first_name": "Fatima"})
    assert response.status_code == 200
    assert 'value="Fatima"' in response.text and 'name="members-4-first_name"' in response.text
    assert count_members(app, hid) == 0


def test_a_contact_dated_in_the_future_is_refused_and_the_note_kept(app, client, auth, world, household):
    auth.login(world.coach)
    tomorrow = (TODAY + timedelta(days=1)).isoformat()
    response = client.post(f"/households/{household.id}/contacts/new",
                           data={"kind": "phone", "contact_on": tomorrow, "note": "Belde over de huur"})
    assert response.status_code == 400
    assert "Deze datum kan niet in de toekomst liggen." in response.text and "Belde over de huur" in response.text


def test_forbidden_moves_and_closing_without_reason_get_a_clear_message(client, auth, world, household):
    auth.login(world.coach)
    today, url = TODAY.isoformat(), f"/households/{household.id}/stage"
    version = shown_version(client, url)
    jump = client.post(url, data={"to_stage": "aftercare", "moved_on": today, "version": version})
    assert jump.status_code == 400 and "Een huishouden kan niet van deze fase naar de gekozen fase" in jump.text
    closing = client.post(url, data={"to_stage": "closed", "moved_on": today, "note": "Verhuisd", "version": version})
    assert closing.status_code == 400 and "Kies waarom het traject wordt afgesloten." in closing.text
    closed = client.post(url, data={"to_stage": "closed", "moved_on": today, "reason": "moved_away",
                                    "version": version})
    assert closed.status_code == 302
    assert client.post(f"/households/{household.id}/reopen", data={"note": "Terug"}).status_code == 302
    assert "Heropend" in client.get(f"/households/{household.id}").text


def test_the_close_reason_shows_only_when_closing_and_going_back_asks_why(app, client, auth, world, household):
    with app.app_context():
        family = db.session.get(Household, household.id)
        cases.move_stage(world.coach, family, "plan")
        cases.move_stage(world.coach, family, "carrying_out")
        db.session.commit()
    auth.login(world.coach)
    url, today = f"/households/{household.id}/stage", TODAY.isoformat()
    assert "Reden van afsluiting" not in client.get(url + "?to=follow_up").text
    assert "Reden van afsluiting" in client.get(url + "?to=closed").text
    back = client.get(url + "?to=plan").text
    assert "Reden van afsluiting" not in back and "verplicht" in back
    version = shown_version(client, url + "?to=plan")
    refused = client.post(url, data={"to_stage": "plan", "moved_on": today, "version": version})
    assert refused.status_code == 400 and "terug" in refused.text
    moved = client.post(url, data={"to_stage": "plan", "moved_on": today, "version": version,
                                   "note": "Schuldhulp viel weg"})
    assert moved.status_code == 302 and "Schuldhulp viel weg" in client.get(f"/households/{household.id}").text


def test_a_twice_used_pseudonym_or_member_is_saved_with_a_warning(app, client, auth, world, household):
    auth.login(world.coach)
    response = client.post("/households/new", data={"pseudonym": "familie tulp, Tarwewijk ", "source": "school"},
                           follow_redirects=True)
    assert response.status_code == 200 and "al de schuilnaam" in response.text
    assert household_by_pseudonym(app, "familie tulp, Tarwewijk") is not None  # a warning, not a refusal
    unique = client.post("/households/new", data={"pseudonym": "Familie Iris", "source": "school"},
                         follow_redirects=True)
    assert "al de schuilnaam" not in unique.text
    add = client.post(f"/households/{household.id}/members/new", data={
        "first_name": "Noor", "role": "child", "date_of_birth": "2012-05-05"}, follow_redirects=True)
    assert "ook gezinslid" not in add.text
    with app.app_context():
        other = make_household(world.coach, pseudonym="Familie Iris")
        other_id = other.id
    twice = client.post(f"/households/{other_id}/members/new", data={
        "first_name": "noor", "role": "child", "date_of_birth": "2012-05-05"}, follow_redirects=True)
    assert twice.status_code == 200 and "ook gezinslid van een ander huishouden" in twice.text
    assert "Familie Tulp" not in twice.text.split("ook gezinslid")[0][-300:]  # the other household is not named
    assert count_members(app, other_id) == 4
    registered = client.post("/households/new", data={"pseudonym": "Familie Viool", "source": "school"})
    track_id = int(registered.location.rsplit("/", 1)[1])
    page = client.post(f"/households/{track_id}/register", data={
        "consent_on": TODAY.isoformat(), "consent_scope": "Registratie", "income_situation": "working",
        "members-0-first_name": "Noor", "members-0-role": "child", "members-0-date_of_birth": "2012-05-05"},
        follow_redirects=True)
    assert "geregistreerd" in page.text and "ook gezinslid van een ander huishouden" in page.text


def test_the_household_page_is_a_workspace_with_one_primary_action_and_forward_moves_first(app, client, auth, world,
                                                                                           household):
    with app.app_context():
        family = db.session.get(Household, household.id)
        for stage in ("plan", "carrying_out", "follow_up"):
            cases.move_stage(world.coach, family, stage)
        cases.plan_check_in(world.coach, family, TODAY + timedelta(days=3), "hoe ging het bij de sportclub?")
        db.session.commit()
    auth.login(world.coach)
    page = client.get(f"/households/{household.id}").text
    assert len(re.findall(r'class="button primary"', page)) == 1 and "Huisbezoek vastleggen" in page
    assert page.index("Naar fase: Nazorg") < page.index("Terug naar fase: Uitvoering")
    head = page.split('class="workspace-actions"')[0]
    assert "Vinger aan de pols" in head and "Anna" in head  # the stage and the coordinator
    assert "hoe ging het bij de sportclub?" in head  # what comes next
    assert page.count("<details class=\"part") >= 3  # the sections open and close
    with app.app_context():
        cases.move_stage(world.coach, db.session.get(Household, household.id), "closed", reason="moved_away")
        db.session.commit()
    closed = client.get(f"/households/{household.id}").text
    assert "Heropenen" in closed and "Wat eraan komt" not in closed and "Volgende" not in closed


def test_a_handover_by_the_team_lead_moves_access(app, client, auth, world, household):
    auth.login(world.teamlead)
    url = f"/households/{household.id}/handover"
    response = client.post(url, data={"coach_id": world.colleague.id, "note": "Anna gaat met verlof",
                                      "version": shown_version(client, url)})
    assert response.status_code == 302
    page = client.get(f"/households/{household.id}").text
    assert "Regisseur: Bert Collega" in page
    auth.logout()
    auth.login(world.coach)
    assert client.get(f"/households/{household.id}").status_code == 404
    auth.logout()
    auth.login(world.colleague)
    assert client.get(f"/households/{household.id}").status_code == 200


def test_the_old_coordinator_can_stay_on_as_co_worker(client, auth, world, household):
    auth.login(world.coach)
    url = f"/households/{household.id}/handover"
    client.post(url, data={"coach_id": world.colleague.id, "keep_as_worker": "y",
                           "version": shown_version(client, url)})
    assert client.get(f"/households/{household.id}").status_code == 200


def test_sixteen_months_after_the_first_contact_shows_a_warning(app, client, auth, world):
    with app.app_context():
        hid = make_household(world.coach, registered_on=TODAY - timedelta(days=16 * 31 - 30)).id
    auth.login(world.coach)
    assert "16 maanden in ondersteuning; de ondersteuningsperiode eindigt op" in client.get(f"/households/{hid}").text
    assert "ondersteuning tot" in client.get("/my-households").text.split("Familie Tulp")[1]


def test_a_check_in_due_yesterday_is_overdue_on_the_start_page(app, client, auth, world, household):
    with app.app_context():
        h = db.session.get(Household, household.id)
        coach = db.session.merge(world.coach)
        cases.plan_check_in(coach, h, TODAY - timedelta(days=1), "de aanmelding bij de sportclub")
        cases.plan_check_in(coach, h, TODAY + timedelta(days=30), "later in de maand")
        db.session.commit()
    auth.login(world.coach)
    page = client.get("/start").text
    overdue = page.split('id="overdue"')[1].split('id="week"')[0]
    assert "de aanmelding bij de sportclub" in overdue
    assert "later in de maand" not in page


def test_the_list_searches_by_member_first_name_and_filters_by_stage(app, client, auth, world, household):
    with app.app_context():
        make_household(world.coach, pseudonym="Familie Iris, Bloemhof")
    auth.login(world.coach)
    found = client.get("/my-households?q=samira").text
    assert "Familie Tulp" in found and "Familie Iris" in found
    assert "Familie Iris" not in client.get("/my-households?q=tulp").text
    assert "Familie Tulp" not in client.get("/my-households?stage=plan").text


def test_a_refused_form_still_leaves_its_audit_trail(app, client, auth, world, household):
    from gezinsaanpak.audit import AuditEvent
    auth.login(world.coach)
    tomorrow = (TODAY + timedelta(days=1)).isoformat()
    assert client.post(f"/households/{household.id}/contacts/new",
                       data={"kind": "phone", "contact_on": tomorrow}).status_code == 400
    with app.app_context():
        actions = db.session.scalars(select(AuditEvent.action).where(AuditEvent.household_id == household.id)).all()
    assert "contact.form" in actions and "contact.add" not in actions


def test_the_family_can_get_everything_held_about_them(client, auth, world, household):
    auth.login(world.coach)
    page = client.get(f"/households/{household.id}/privacy-export")
    assert page.status_code == 200 and "Samira" in page.text and "Alles wat we over dit huishouden" in page.text
    data = client.get(f"/households/{household.id}/privacy-export?format=json")
    assert data.mimetype == "application/json" and data.json["tables"]["members"][0]["first_name"] == "Samira"


def test_a_page_number_past_the_end_shows_the_last_page(client, auth, world, household):
    auth.login(world.coach)
    response = client.get("/my-households?page=99999999999999999999")
    assert response.status_code == 200 and "Familie Tulp" in response.text


def test_my_households_pages_and_keeps_the_filter_on_every_page(app, client, auth, world, monkeypatch):
    with app.app_context():
        coach = db.session.merge(world.coach)
        for name in ("Familie Aster", "Familie Berk", "Familie Den", "Fam. Zonder Filter"):
            cases.open_contact_track(coach, name, "school", neighbourhood("Tarwewijk").id)
        db.session.commit()
    monkeypatch.setitem(app.config, "PAGE_SIZE", 2)
    auth.login(world.coach)
    first = client.get("/my-households?q=Familie").text
    assert "Pagina 1 van 2" in first
    next_link = re.search(r'<a href="([^"]+)">Volgende</a>', first).group(1).replace("&amp;", "&")
    assert "q=Familie" in next_link and "page=2" in next_link
    second = client.get(next_link).text
    assert "Pagina 2 van 2" in second and "Volgende</a>" not in second and "Vorige</a>" in second
    shown = re.findall(r"Familie \w+", first + second)
    assert sorted(set(shown)) == ["Familie Aster", "Familie Berk", "Familie Den"]
    assert "Zonder Filter" not in first + second


def test_a_long_due_list_comes_a_page_at_a_time_oldest_first(app, client, auth, world, household, monkeypatch):
    """A team lead's start page holds the whole team's due items: it must stay a page, not a phone book."""
    with app.app_context():
        h = db.session.get(Household, household.id)
        coach = db.session.merge(world.coach)
        for days in range(1, 6):
            cases.plan_check_in(coach, h, TODAY - timedelta(days=days), f"overdue {days}")
        db.session.commit()
    monkeypatch.setitem(app.config, "PAGE_SIZE", 2)
    auth.login(world.teamlead)
    first = client.get("/start").text
    assert 'Te laat <span class="count">(5)</span>' in first and "Pagina 1 van 3" in first
    assert "overdue 5" in first and "overdue 4" in first and "overdue 3" not in first
    last = client.get("/start?page=3").text
    assert "overdue 1" in last and "overdue 5" not in last
    assert "Pagina 3 van 3" in client.get("/start?page=99").text


def test_search_finds_names_with_accents_in_any_letter_case(app, client, auth, world):
    with app.app_context():
        make_household(db.session.merge(world.coach), pseudonym="Familie Özdemir, Bloemhof")
    auth.login(world.coach)
    for typed in ("özdemir", "ÖZDEMIR", "Özdemir"):
        assert "Familie Özdemir" in client.get("/my-households", query_string={"q": typed}).text, typed


def test_a_co_worker_sees_the_co_workers_but_cannot_bring_in_more(app, client, auth, world, household):
    with app.app_context():
        third = create_user(None, "derde@example.nl", "Gert Derde", "coach", PASSWORD, db.session.merge(world.team_a))
        cases.add_worker(db.session.merge(world.coach), db.session.get(Household, household.id),
                         db.session.merge(world.colleague))
        db.session.commit()
        third_id = third.id
    auth.login(world.colleague)
    page = client.get(f"/households/{household.id}/workers")
    assert page.status_code == 200 and "Bert Collega" in page.text
    assert "De regisseur of de teamleider voegt medewerkers toe" in page.text and "Verwijderen" not in page.text
    assert client.post(f"/households/{household.id}/workers", data={"coach_id": third_id}).status_code == 404
    assert client.post(f"/households/{household.id}/workers/remove",
                       data={"user_id": world.colleague.id}).status_code == 404
    auth.logout()
    auth.login(world.coach)
    assert client.post(f"/households/{household.id}/workers", data={"coach_id": third_id}).status_code == 302
    with app.app_context():
        workers = db.session.get(Household, household.id).workers
        assert sorted(w.user_id for w in workers) == sorted([world.colleague.id, third_id])


def test_the_closing_form_shows_the_goals_and_the_closed_household_who_to_turn_to(app, client, auth, world,
                                                                                  household):
    with app.app_context():
        load_catalogue("domains")
        h, coach = db.session.get(Household, household.id), db.session.merge(world.coach)
        theme = db.session.scalar(select(Domain).where(Domain.code == "family.basic_needs"))
        goal = plans.set_goal(coach, h, None, theme, "Iedereen een eigen bed", TODAY + timedelta(days=30))
        db.session.commit()
        goal_id = goal.id
    auth.login(world.coach)
    url = f"/households/{household.id}/stage"
    form = client.get(f"{url}?to=closed").text
    assert "Basisbehoeften (het gezin): <strong>Actief</strong>" in form
    data = {"to_stage": "closed", "moved_on": TODAY.isoformat(), "reason": "goals_reached",
            "turn_to": "Buurvrouw Ans", "aftercare": "Over drie maanden bel ik", "version": shown_version(client, url)}
    refused = client.post(url, data=data)
    assert refused.status_code == 400 and "1 doel staat nog open" in refused.text
    assert "Buurvrouw Ans" in refused.text  # what was typed stays
    with app.app_context():
        plans.review_goal(db.session.merge(world.coach), db.session.get(Household, household.id),
                          db.session.get(Goal, goal_id), TODAY, "achieved")
        db.session.commit()
    assert client.post(url, data=dict(data, version=shown_version(client, url))).status_code == 302
    page = client.get(f"/households/{household.id}").text
    assert "Het gezin kan terecht bij" in page and "Buurvrouw Ans" in page and "Over drie maanden bel ik" in page
    assert "ondersteuning tot" not in page  # a closed household has no support period running

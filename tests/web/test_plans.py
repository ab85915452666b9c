"""The plan through the pages: assessments with their change, goals with actions, and the family's PDF."""
import io
import re
from datetime import timedelta

import pytest
from babel.dates import format_date
from reportlab.platypus import CondPageBreak, Table
from sqlalchemy import select

from gezinsaanpak.audit import AuditEvent
from gezinsaanpak.cases import operations as cases
from gezinsaanpak.cases.models import Household
from gezinsaanpak.catalogues import load_catalogue
from gezinsaanpak.extensions import db
from gezinsaanpak.network import operations as network
from gezinsaanpak.plans import operations as plans
from gezinsaanpak.plans.assessments import record_assessment
from gezinsaanpak.plans.descriptors import load_descriptors
from gezinsaanpak.plans.models import Domain, Goal
from gezinsaanpak.plans.pdf import Styles, _goal
from tests import helpers
from tests.factories import make_household
from tests.helpers import TODAY
from tests.web.form_pages import shown_version


@pytest.fixture
def domains(app):
    with app.app_context():
        load_catalogue("domains")
        load_catalogue("benchmarks")
        db.session.commit()
        return {d.code: d.id for d in db.session.scalars(select(Domain))}


@pytest.fixture
def family(app, world, domains):
    """Registered two months ago: Samira (parent), Kind0 (11) and Kind1 (10)."""
    with app.app_context():
        household = make_household(world.coach, registered_on=TODAY - timedelta(days=60))
        return household.id, {m.first_name: m.id for m in household.members}


def pdf_text(response):
    return helpers.pdf_text(response.data)


def test_two_bridge_assessments_a_month_apart_show_the_change(client, auth, world, family, domains):
    hid, people = family
    auth.login(world.coach)
    url = f"/households/{hid}/members/{people['Samira']}/assessments/new"
    first = {"assessed_on": (TODAY - timedelta(days=35)).isoformat()}
    first.update({f"domain_{domains[code]}": "2" for code in domains if code.startswith("bridge.")})
    first[f"domain_{domains['bridge.debts']}"] = "1"
    first[f"note_{domains['bridge.debts']}"] = "Drie aanmaningen van de energieleverancier"
    assert client.post(url, data=first).status_code == 302
    second = dict(first, assessed_on=(TODAY - timedelta(days=3)).isoformat())
    second[f"domain_{domains['bridge.debts']}"] = "3"
    assert client.post(url, data=second).status_code == 302
    page = client.get(f"/households/{hid}/members/{people['Samira']}").text
    assert "metingen: 2" in page and "1 · In crisis" in page and "3 · Stabiel" in page
    assert "beter (+2)" in page and "<svg" in page and 'role="img"' in page
    assert "style=" not in page.split("<svg")[1].split("</svg>")[0]  # the CSP allows no inline styles


def test_a_wrong_assessment_keeps_every_choice_and_note(client, auth, world, family, domains):
    hid, people = family
    auth.login(world.coach)
    debts = domains["bridge.debts"]
    response = client.post(f"/households/{hid}/members/{people['Samira']}/assessments/new",
                           data={"assessed_on": (TODAY - timedelta(days=200)).isoformat(), f"domain_{debts}": "1",
                                 f"note_{debts}": "Brieven van de deurwaarder"})
    assert response.status_code == 400
    assert "vóór de registratie" in response.text and "Brieven van de deurwaarder" in response.text
    assert f'checked id="domain_{debts}-1"' in response.text


def test_descriptor_texts_show_beside_the_steps(app, client, auth, world, family, domains):
    hid, people = family
    with app.app_context():
        load_descriptors(io.StringIO("domain_code,level,age_band,language,text\n"
                                     "bridge.debts,1,,nl,Schulden groeien en er is geen overzicht.\n"))
        db.session.commit()
    auth.login(world.coach)
    assert "Schulden groeien en er is geen overzicht." in \
        client.get(f"/households/{hid}/members/{people['Samira']}/assessments/new").text


def test_a_goal_beyond_the_support_period_is_refused_and_the_text_kept(client, auth, world, family, domains):
    hid, people = family
    auth.login(world.coach)
    response = client.post(f"/households/{hid}/goals/new", data={
        "member": str(people["Samira"]), "domain_id": str(domains["bridge.employment"]),
        "dream": "Werk waar ik trots op ben", "description": "Een vast contract van 24 uur",
        "target_on": (TODAY + timedelta(days=800)).isoformat()})
    assert response.status_code == 400
    assert "De ondersteuningsperiode eindigt op" in response.text
    assert "Werk waar ik trots op ben" in response.text and "Een vast contract van 24 uur" in response.text


def test_the_goal_form_offers_the_chosen_members_own_domains_and_no_target_date(client, auth, world, family,
                                                                                domains):
    hid, people = family
    auth.login(world.coach)

    def offered(page):
        select = page.split('name="domain_id"', 1)[1].split("</select>", 1)[0]
        return set(re.findall(r'<option[^>]*value="(\d+)"', select))

    by_scale = {scale: {str(i) for code, i in domains.items() if code.startswith(prefix)}
                for scale, prefix in (("bridge", "bridge."), ("child", "child."), ("family", "family."))}
    adult = client.get(f"/households/{hid}/goals/new?member={people['Samira']}").text
    child = client.get(f"/households/{hid}/goals/new?member={people['Kind0']}").text
    family_goal = client.get(f"/households/{hid}/goals/new?member=family").text
    assert "<h1>Doel stellen</h1>" in adult  # what the page does, not "Doel gesteld" (the audit trail's words)
    assert offered(adult) == by_scale["bridge"] and offered(child) == by_scale["child"]
    assert offered(family_goal) == by_scale["family"]
    target = re.search(r'<input[^>]*id="target_on"[^>]*>', adult).group(0)
    assert 'value="' not in target or 'value=""' in target  # no date chosen for the family
    # Another member chosen than the domain fits: a clear message, and that member's domains offered with it.
    response = client.post(f"/households/{hid}/goals/new", data={
        "member": str(people["Kind0"]), "domain_id": str(domains["bridge.debts"]), "description": "Elke week sparen",
        "own_words": "Ik wil sparen", "target_on": (TODAY + timedelta(days=60)).isoformat()})
    assert response.status_code == 400 and "Kinderbrug" in response.text and "Elke week sparen" in response.text
    assert offered(response.text) == by_scale["child"]


def test_a_goal_with_an_action_an_if_then_plan_and_a_review(app, client, auth, world, family, domains):
    hid, people = family
    auth.login(world.coach)
    response = client.post(f"/households/{hid}/goals/new", data={
        "member": str(people["Kind1"]), "domain_id": str(domains["child.social_emotional"]),
        "own_words": "Ik wil op voetbal met Daan", "description": "Voor de zomer elke week naar voetbal",
        "target_on": (TODAY + timedelta(days=120)).isoformat()})
    assert response.status_code == 302
    goal_url = response.location
    gid = int(goal_url.rstrip("/").split("/")[-1])
    assert client.post(f"{goal_url}/actions/new", data={"description": "Aanvraag bij het Jeugdfonds",
                                                         "who": "coach", "due_on": ""}).status_code == 302
    assert client.post(f"{goal_url}/obstacles/new", data={"obstacle": "Als Kind1 het spannend vindt",
                                                           "if_then_plan": "dan gaat Samira mee"}).status_code == 302
    with app.app_context():
        action_id = db.session.get(Goal, gid).actions[0].id
    assert client.post(f"/households/{hid}/actions/{action_id}/done", data={"done": "1"}).status_code == 302
    review = client.post(f"{goal_url}/review", data={"reviewed_on": TODAY.isoformat(), "status": "adjusted",
                                                     "note": "Eerst zwemles", "next_review_on": "",
                                                     "version": shown_version(client, f"{goal_url}/review")})
    assert review.status_code == 302
    page = client.get(goal_url).text
    for text in ("Ik wil op voetbal met Daan", "Aanvraag bij het Jeugdfonds", "gaat Samira mee", "Bijgesteld",
                 "Eerst zwemles"):
        assert text in page, text
    assert "nog niet" not in page.split("Actiepunten")[1].split("Als-dan-plannen")[0]  # the action is done


def test_an_empty_action_keeps_what_was_typed(client, auth, world, family, domains, app):
    hid, people = family
    with app.app_context():
        goal = plans.set_goal(db.session.merge(world.coach), db.session.get(Household, hid), None,
                              db.session.get(Domain, domains["family.basic_needs"]), "Iedereen een winterjas",
                              TODAY + timedelta(days=30))
        db.session.commit()
        gid = goal.id
    auth.login(world.coach)
    response = client.post(f"/households/{hid}/goals/{gid}/actions/new",
                           data={"description": "Langs de kledingbank", "who": "", "support_needed": "Adres"})
    assert response.status_code == 400
    assert "Langs de kledingbank" in response.text and "Schrijf op wie het doet" in response.text


def build_plan(app, world, hid, domains, name="Samira"):
    """A plan as in the acceptance story: two goals for the parent, one for a child, one for the family."""
    with app.app_context():
        coach = db.session.merge(world.coach)
        household = db.session.get(Household, hid)
        parent = next(m for m in household.members if m.role == "parent")
        parent.first_name = name
        child = next(m for m in household.members if m.first_name == "Kind1")
        domain = lambda code: db.session.get(Domain, domains[code])  # noqa: E731
        record_assessment(coach, household, parent, TODAY - timedelta(days=10),
                          {domains["bridge.debts"]: {"value": "1", "note": "INTERNE NOTITIE schuldeisers"}})
        soon = TODAY + timedelta(days=90)
        debts = plans.set_goal(coach, household, parent, domain("bridge.debts"), "Alle schulden in beeld", soon,
                               dream="Rustig slapen")
        plans.add_action(coach, household, debts, "Post sorteren in een map", "Samira en coach", soon, "Samen")
        plans.add_obstacle(coach, household, debts, "Als er een aanmaning komt", "dan bel ik dezelfde dag de coach")
        plans.review_goal(coach, household, debts, TODAY, "active", "INTERNE EVALUATIE moeizaam", soon)
        work = plans.set_goal(coach, household, parent, domain("bridge.employment"), "Cv klaar bij het Werkplein", soon)
        plans.add_action(coach, household, work, "Cv bijwerken", "Samira", soon)
        football = plans.set_goal(coach, household, child, domain("child.social_emotional"), "Elke week voetbal",
                                  soon, own_words="Ik wil op voetbal met Daan")
        plans.add_action(coach, household, football, "Proeftraining uitzoeken", "Samira en Kind1", soon)
        meals = plans.set_goal(coach, household, None, domain("family.routine_structure"), "Samen eten", soon)
        plans.add_action(coach, household, meals, "Weekplanning op de koelkast", "het hele gezin", soon)
        plans.set_wish(coach, household, child, "Een eigen bureau", version=0)
        plans.update_family_plan(coach, household, "Een dagje naar zee", TODAY + timedelta(days=7), "10:00, thuis",
                                 version=0)
        db.session.commit()


def test_the_family_plan_pdf_holds_every_goal_and_action_and_no_internal_notes(app, client, auth, world, family,
                                                                                domains):
    hid, _ = family
    build_plan(app, world, hid, domains, name='<img src="/etc/passwd"/>')
    auth.login(world.coach)
    page = client.get(f"/households/{hid}/plan").text
    assert "Alle schulden in beeld" in page and "Ik wil op voetbal met Daan" in page
    response = client.get(f"/households/{hid}/plan.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;") and f'gezinsplan-{TODAY.isoformat()}.pdf' in disposition
    assert response.headers["Cache-Control"] == "no-store"
    text = pdf_text(response)
    for expected in ("Ons gezinsplan", "Alle schulden in beeld", "Post sorteren in een map",
                     "Cv klaar bij het Werkplein", "Cv bijwerken", "Elke week voetbal", "Ik wil op voetbal met Daan",
                     "Samen eten", "Weekplanning op de koelkast", "dan bel ik dezelfde dag de coach",
                     "Een eigen bureau",
                     "Een dagje naar zee", "Kind1", "Schulden", "Pagina 1 van"):
        assert expected in text, expected
    assert '<img src="/etc/passwd"/>' in text  # printed as text, not read as an image
    for hidden in ("INTERNE NOTITIE", "INTERNE EVALUATIE", "Familie Tulp", "Tarwewijk"):
        assert hidden not in text, hidden
    with app.app_context():
        assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "plan.pdf",
                                                          AuditEvent.household_id == hid))


def test_the_pdf_in_english_with_a_name_the_coach_chose(app, client, auth, world, family, domains):
    hid, _ = family
    build_plan(app, world, hid, domains)
    auth.login(world.coach)
    response = client.get(f"/households/{hid}/plan.pdf?lang=en&name=Family+Jansen")
    assert "family-plan-" in response.headers["Content-Disposition"]
    text = pdf_text(response)
    for expected in ("Our family plan", "Family Jansen", "Debts", "Employment", "Alle schulden in beeld",
                     "Page 1 of"):
        assert expected in text, expected
    assert "Ons gezinsplan" not in text
    target = format_date(TODAY + timedelta(days=90), "d MMM y", locale="en")  # "5 Mar 2027": months keep capitals
    assert f"Target date {target}" in text, text


def words(page):
    """A page as a reader sees it: the text without tags, white space collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", page).split())


def test_an_if_then_plan_says_if_and_then_once_on_the_goal_the_plan_and_the_pdf(app, client, auth, world, family,
                                                                                domains):
    """The coach typed the whole sentence, "Als er een aanmaning komt" and "dan bel ik ..."."""
    hid, _ = family
    build_plan(app, world, hid, domains)
    with app.app_context():
        gid = db.session.scalar(select(Goal.id).where(Goal.description == "Alle schulden in beeld"))
    auth.login(world.coach)
    sentence = "Als er een aanmaning komt dan bel ik dezelfde dag de coach"
    pages = [words(client.get(url).text) for url in (f"/households/{hid}/goals/{gid}", f"/households/{hid}/plan")]
    for text in (*pages, pdf_text(client.get(f"/households/{hid}/plan.pdf"))):
        assert sentence in text
        assert "Als Als" not in text and "dan dan" not in text


def test_the_button_to_set_a_goal_asks_to_set_one_and_the_audit_trail_says_it_was_set(app, client, auth, world,
                                                                                       family, domains):
    hid, _ = family
    auth.login(world.coach)
    page = client.get(f"/households/{hid}").text
    assert f'href="/households/{hid}/goals/new">Doel stellen</a>' in page and "Doel gesteld" not in page
    assert "Doel stellen" in client.get(f"/households/{hid}/goals/new").text
    build_plan(app, world, hid, domains)
    auth.logout()
    auth.login(world.teamlead)
    assert "Doel gesteld" in client.get(f"/households/{hid}/audit").text


def test_the_household_page_shows_the_plan_section(client, auth, world, family, domains, app):
    hid, _ = family
    build_plan(app, world, hid, domains)
    auth.login(world.coach)
    page = client.get(f"/households/{hid}").text
    assert 'id="plan-heading"' in page and f"/households/{hid}/plan.pdf" in page
    section = page.split('id="plan-heading"')[1].split("</section>")[0]
    assert "Schulden" in section and "Actief" in section and "gemiddeld trede 1" in section
    assert "Het gezin als geheel" in section and "Routine en structuur" in section


def test_a_closed_household_shows_its_plan_but_takes_no_new_goals(app, client, auth, world, family, domains):
    hid, people = family
    with app.app_context():
        cases.move_stage(db.session.merge(world.coach), db.session.get(Household, hid), "closed", reason="moved_away")
        db.session.commit()
    auth.login(world.coach)
    assert client.get(f"/households/{hid}/plan").status_code == 200
    response = client.post(f"/households/{hid}/goals/new", data={
        "member": "family", "domain_id": str(domains["family.safety"]), "description": "Veilig thuis",
        "target_on": (TODAY + timedelta(days=30)).isoformat()})
    assert response.status_code == 400 and "afgesloten" in response.text


def test_changing_a_goal_shows_what_it_said_before_and_after(app, client, auth, world, family, domains):
    hid, people = family
    first, later = TODAY + timedelta(days=30), TODAY + timedelta(days=75)
    with app.app_context():
        goal = plans.set_goal(db.session.merge(world.coach), db.session.get(Household, hid), None,
                              db.session.get(Domain, domains["family.basic_needs"]), "Iedereen een winterjas", first)
        db.session.commit()
        gid = goal.id
    auth.login(world.coach)
    goal_url = f"/households/{hid}/goals/{gid}"
    assert "Nog geen wijzigingen." in client.get(goal_url).text
    response = client.post(f"{goal_url}/edit", data={
        "domain_id": str(domains["family.routine_structure"]), "description": "Elke avond om zes uur samen eten",
        "dream": "", "own_words": "", "target_on": later.isoformat(),
        "version": shown_version(client, f"{goal_url}/edit")})
    assert response.status_code == 302
    page = client.get(goal_url).text
    history = " ".join(re.sub(r"<[^>]+>", " ", page.split('id="change-history-heading"')[1]
                              .split("</section>")[0]).split())
    for text in ("Doel (SMART) · Anna Coach Iedereen een winterjas → Elke avond om zes uur samen eten",
                 f"Streefdatum · Anna Coach {format_date(first, locale='nl')} → {format_date(later, locale='nl')}",
                 "Domein · Anna Coach Basisbehoeften → Routine en structuur"):
        assert text in history, history
    assert "Nog geen wijzigingen." not in page


def test_strengths_and_protective_factors_on_the_plan_page_and_in_the_pdf(app, client, auth, world, family,
                                                                          domains):
    hid, people = family
    build_plan(app, world, hid, domains)
    auth.login(world.coach)
    empty = client.post(f"/households/{hid}/strengths/new", data={"member": str(people["Kind1"]),
                                                                  "kind": "strength", "text": ""})
    assert empty.status_code == 400 and "Schrijf op waar het gezin op kan bouwen" in empty.text
    for member, kind, text in ((str(people["Kind1"]), "strength", "Doorzetter op het voetbalveld"),
                               ("family", "protective_factor", "Oma past twee middagen per week op")):
        response = client.post(f"/households/{hid}/strengths/new", data={"member": member, "kind": kind, "text": text})
        assert response.status_code == 302 and response.location.endswith(f"/households/{hid}/plan#strengths")
    page = words(client.get(f"/households/{hid}/plan").text)
    family_part, kind1_part = page.split("Kind1", 1)[0], page.split("Kind1", 1)[1]
    assert "Beschermende factor: Oma past twee middagen per week op" in family_part
    assert "Kracht: Doorzetter op het voetbalveld" in kind1_part
    text = pdf_text(client.get(f"/households/{hid}/plan.pdf"))
    assert "Waar we op kunnen bouwen" in text
    assert "Beschermende factor: Oma past twee middagen per week op" in text
    assert "Kracht: Doorzetter op het voetbalveld" in text
    assert text.index("Oma past") < text.index("Doelen voor het hele gezin") < text.index("Doorzetter")


def test_a_childs_goal_without_own_words_shows_why_on_the_goal_and_the_plan(app, client, auth, world, family,
                                                                            domains):
    hid, people = family
    auth.login(world.coach)
    goal = {"member": str(people["Kind1"]), "domain_id": str(domains["child.social_emotional"]),
            "description": "Een rustige plek om huiswerk te maken",
            "target_on": (TODAY + timedelta(days=60)).isoformat()}
    form = client.get(f"/households/{hid}/goals/new").text
    assert "niet gevraagd, om het kind te beschermen" in form
    refused = client.post(f"/households/{hid}/goals/new", data=goal)
    assert refused.status_code == 400 and "Schrijf op wat Kind1 wil, in eigen woorden, of kies waarom niet." in \
        refused.text and "Een rustige plek om huiswerk te maken" in refused.text
    saved = client.post(f"/households/{hid}/goals/new", data=dict(goal, own_words_skipped="protect_child"))
    assert saved.status_code == 302
    expected = "Niet in de eigen woorden van het kind: niet gevraagd, om het kind te beschermen"
    assert expected in client.get(saved.location).text
    assert expected in client.get(f"/households/{hid}/plan").text
    assert "om het kind te beschermen" not in pdf_text(client.get(f"/households/{hid}/plan.pdf"))


def test_a_goal_heading_never_stays_behind_at_the_foot_of_a_page(app, world, family, domains):
    """The PDF keeps a goal's heading lines, and a member's name, together with the table that follows them."""
    hid, _ = family
    build_plan(app, world, hid, domains)
    with app.test_request_context():
        goal = db.session.scalar(select(Goal).where(Goal.description == "Alle schulden in beeld"))
        flowables = _goal(goal, "nl", Styles())
        table = next(i for i, f in enumerate(flowables) if isinstance(f, Table))
        lead = flowables[1:table]  # title, dream, goal, dates
        needed = sum(f.wrap(500, 800)[1] for f in lead) + sum(flowables[table]._rowHeights[:2])
        assert isinstance(flowables[0], CondPageBreak) and flowables[0].height >= needed


def test_an_action_point_carried_by_someone_from_the_network(app, client, auth, world, family, domains):
    """The action form offers the network's partners who are involved now; the goal page, the plan page and the
    PDF name the one chosen as what they are. Another household's partner is refused beside the field."""
    hid, _ = family
    with app.app_context():
        coach, household = db.session.merge(world.coach), db.session.get(Household, hid)
        goal = plans.set_goal(coach, household, None, db.session.get(Domain, domains["family.basic_needs"]),
                              "Elke maand de post op orde", TODAY + timedelta(days=30))
        fatima = network.add_partner(coach, household, "experience_expert", "Fatima")
        gone = network.add_partner(coach, household, "volunteer", "Oud-vrijwilliger Bram")
        network.end_partner(coach, household, gone)
        stranger = network.add_partner(coach, make_household(coach, pseudonym="Familie Roos"), "volunteer", "Kees")
        db.session.commit()
        gid, fatima_id, stranger_id = goal.id, fatima.id, stranger.id
    auth.login(world.coach)
    url = f"/households/{hid}/goals/{gid}/actions/new"
    form = client.get(url).text
    assert f'value="partner:{fatima_id}"' in form and "Fatima (ervaringswerker)" in form
    assert "Bram" not in form and "Kees" not in form
    refused = client.post(url, data={"description": "Samen de post openen", "carrier": f"partner:{stranger_id}"})
    assert refused.status_code == 400 and "Samen de post openen" in refused.text
    assert re.search(r'id="carrier-error"[^>]*>Kees staat niet in het netwerk', refused.text)
    assert client.post(url, data={"description": "Samen de post openen",
                                  "carrier": f"partner:{fatima_id}"}).status_code == 302
    assert client.post(url, data={"description": "Brieven sorteren", "carrier": "coach"}).status_code == 302
    for page in (client.get(f"/households/{hid}/goals/{gid}").text, client.get(f"/households/{hid}/plan").text):
        assert "Fatima (ervaringswerker)" in page and "gezinscoach" in page
        # the goal itself names who from the network carries it with the family, once
        assert re.search(r"Met hulp uit het netwerk:?</(dt|strong)>\s*(<dd>)?\s*Fatima \(ervaringswerker\)", page)
    pdf = pdf_text(client.get(f"/households/{hid}/plan.pdf"))
    assert "Fatima (ervaringswerker)" in pdf and "Met hulp uit het netwerk: Fatima (ervaringswerker)" in pdf
    assert "Fatima (experience expert)" in pdf_text(client.get(f"/households/{hid}/plan.pdf?lang=en"))

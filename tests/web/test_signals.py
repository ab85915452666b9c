"""Signals through the pages: record from the checklist, lose nothing on a mistake, follow and set aside."""
import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from gezinsaanpak.cases.models import Member
from gezinsaanpak.catalogues import load_catalogue
from gezinsaanpak.extensions import db
from gezinsaanpak.signals.models import ChecklistItem, Signal
from tests.factories import make_household
from tests.helpers import TODAY
from tests.web.form_pages import shown_version


@pytest.fixture
def items(app, world):
    with app.app_context():
        load_catalogue("checklist")
        load_catalogue("domains")
        db.session.commit()
        return {i.code: i.id for i in db.session.scalars(select(ChecklistItem))}


@pytest.fixture
def members(app, household):
    with app.app_context():
        rows = db.session.scalars(select(Member).where(Member.household_id == household.id))
        return {m.first_name: m.id for m in rows}


def count_signals(app, household_id):
    with app.app_context():
        return db.session.scalar(select(func.count(Signal.id)).where(Signal.household_id == household_id))


def ticked_boxes(html):
    return set(re.findall(r'name="tick" value="([^"]+)"[^>]*checked', html))


def test_the_recording_screen_offers_each_member_what_fits(client, auth, world, household, items, members):
    auth.login(world.coach)
    page = client.get(f"/households/{household.id}/signals/record").text
    assert f'value="h.{items["home_visit.signal.01"]}"' in page
    assert f'value="m{members["Samira"]}.{items["parents.signal.04"]}"' in page
    assert f'value="m{members["Kind0"]}.{items["children.signal.01"]}"' in page
    assert f'value="m{members["Samira"]}.{items["children.signal.01"]}"' not in page
    assert f'value="h.{items["parents.signal.04"]}"' not in page
    assert "altijd de gordijnen dicht" in page and "<details" in page and 'type="date"' in page


def test_an_invalid_note_keeps_every_tick_and_note(app, client, auth, world, household, items, members):
    auth.login(world.coach)
    samira, kind = members["Samira"], members["Kind0"]
    form = {"observed_on": TODAY.isoformat(),
            "tick": [f"h.{items['home_visit.signal.03']}", f"h.{items['home_visit.signal.06']}",
                     f"m{samira}.{items['parents.signal.07']}", f"m{kind}.{items['children.signal.03']}"],
            f"note.h.{items['home_visit.signal.03']}": "Stapel ongeopende post",
            f"note.m{samira}.{items['parents.signal.07']}": "x" * 1200,
            f"note.m{kind}.{items['children.signal.03']}": "Volgens juf vaak zonder ontbijt"}
    response = client.post(f"/households/{household.id}/signals/record", data=form)
    assert response.status_code == 400
    assert "hoogstens 1000 tekens" in response.text or "at most 1000 characters" in response.text
    assert ticked_boxes(response.text) == set(form["tick"])
    assert 'value="Stapel ongeopende post"' in response.text
    assert 'value="Volgens juf vaak zonder ontbijt"' in response.text and "x" * 1200 in response.text
    assert count_signals(app, household.id) == 0
    summary = response.text.split('class="utrecht-alert')[1].split("</div>")[0]
    assert f'href="#note-m{samira}.{items["parents.signal.07"]}"' in summary  # the summary leads to the note

    form[f"note.m{samira}.{items['parents.signal.07']}"] = "Brief deurwaarder op tafel"
    response = client.post(f"/households/{household.id}/signals/record", data=form)
    assert response.status_code == 302
    assert count_signals(app, household.id) == 4


def test_a_note_without_a_tick_is_pointed_out(app, client, auth, world, household, items):
    auth.login(world.coach)
    key = f"h.{items['home_visit.signal.09']}"
    response = client.post(f"/households/{household.id}/signals/record",
                           data={"observed_on": TODAY.isoformat(),
                                 "tick": [f"h.{items['home_visit.signal.01']}"], f"note.{key}": "Kachel uit"})
    assert response.status_code == 400 and 'value="Kachel uit"' in response.text
    assert ticked_boxes(response.text) == {f"h.{items['home_visit.signal.01']}"}
    nothing = client.post(f"/households/{household.id}/signals/record", data={"observed_on": TODAY.isoformat()})
    assert nothing.status_code == 400
    assert count_signals(app, household.id) == 0


def test_the_household_page_shows_signals_per_member_and_heading(app, client, auth, world, household, items,
                                                                 members):
    auth.login(world.coach)
    last_visit = TODAY - timedelta(days=14)
    client.post(f"/households/{household.id}/contacts/new", data={"kind": "home_visit",
                                                                  "contact_on": last_visit.isoformat()})
    client.post(f"/households/{household.id}/signals/record", data={
        "observed_on": (last_visit - timedelta(days=1)).isoformat(), "tick": [f"h.{items['home_visit.signal.10']}"]})
    client.post(f"/households/{household.id}/signals/record", data={
        "observed_on": TODAY.isoformat(),
        "tick": [f"m{members['Samira']}.{items['parents.signal.14']}",
                 f"m{members['Kind1']}.{items['children.signal.18']}"]})
    page = client.get(f"/households/{household.id}").text
    section = page[page.index('id="signals"'):]
    for text in ("Het huishouden als geheel", "Samira", "Kind1", "Weinig participeren", "Beperkt participeren",
                 "klein sociaal netwerk", "achterstand met de huur en/of energie", "Schulden"):
        assert text in section, text
    assert section.count('class="tag new"') == 2  # the two observed after the previous home visit
    recorded_again = client.get(f"/households/{household.id}/signals/record").text
    assert f'value="h.{items["home_visit.signal.10"]}"' not in recorded_again
    assert "al vastgelegd" in recorded_again or "already recorded" in recorded_again


def test_setting_a_signal_aside_keeps_it_in_history(app, client, auth, world, household, items):
    auth.login(world.coach)
    client.post(f"/households/{household.id}/signals/record",
                data={"observed_on": TODAY.isoformat(), "tick": [f"h.{items['home_visit.signal.01']}"]})
    with app.app_context():
        signal_id = db.session.scalar(select(Signal.id).where(Signal.household_id == household.id))
    url = f"/households/{household.id}/signals/{signal_id}"
    version = shown_version(client, url)
    assert client.post(url, data={"to_state": "confirmed", "changed_on": "", "note": "",
                                  "version": version}).status_code == 400
    response = client.post(url, data={"to_state": "not_applicable", "changed_on": TODAY.isoformat(),
                                      "note": "Gordijnen dicht vanwege nachtdienst", "version": version})
    assert response.status_code == 302
    page = client.get(f"/households/{household.id}").text
    assert "Opzijgezet als niet van toepassing (1)" in page
    history = client.get(url).text
    assert "Gordijnen dicht vanwege nachtdienst" in history and "Anna Coach" in history
    assert "Gesignaleerd → Niet van toepassing" in history  # the state it had, and the state it got
    assert 'value="observed"' in history  # reopening is possible


def test_in_the_contact_phase_the_screen_asks_no_member_data(app, client, auth, world, items):
    with app.app_context():
        hid = make_household(world.coach, registered=False).id
    auth.login(world.coach)
    page = client.get(f"/households/{hid}/signals/record").text
    assert 'value="m' not in page and f'value="h.{items["children.signal.03"]}"' in page
    response = client.post(f"/households/{hid}/signals/record", data={
        "observed_on": TODAY.isoformat(),
        "tick": [f"h.{items['children.risk.01']}", f"h.{items['parents.risk.01']}"]})
    assert response.status_code == 302
    household_page = client.get(f"/households/{hid}").text
    assert "Kinderen en jongeren · Risicomomenten en situaties" in household_page
    assert "Ouders · Risicomomenten en situaties" in household_page


def test_the_administrator_adds_and_retires_checklist_items(app, client, auth, world, household, items):
    auth.login(world.admin)
    page = client.get("/admin/checklist").text
    assert "altijd de gordijnen dicht" in page and "curtains always closed" in page
    response = client.post("/admin/checklist", data={"group_code": "home_visit", "kind": "signal",
                                                     "heading_nl": "Signalen bij huisbezoek", "heading_en": "",
                                                     "text_nl": "geen wifi in huis", "text_en": "no wifi at home"})
    assert response.status_code == 302
    missing = client.post("/admin/checklist", data={"group_code": "parents", "kind": "signal",
                                                    "heading_nl": "Nieuw kopje", "text_nl": "iets"})
    assert missing.status_code == 400 and 'value="Nieuw kopje"' in missing.text
    assert client.post(f"/admin/checklist/{items['home_visit.signal.02']}/retire",
                       data={"confirmed": "yes"}).status_code == 302
    auth.logout()
    auth.login(world.coach)
    assert client.get("/admin/checklist").status_code == 403
    page = client.get(f"/households/{household.id}/signals/record").text
    assert "geen wifi in huis" in page and "moeilijk telefonisch bereikbaar" not in page


def test_in_english_the_checklist_shows_its_english_texts(client, auth, world, household, items):
    auth.login(world.coach)
    client.post("/language", data={"lang": "en", "next": "/"})
    page = client.get(f"/households/{household.id}/signals/record").text
    assert "curtains always closed" in page and "Financial problems" in page and "Record signals" in page
    assert "altijd de gordijnen dicht" not in page


def test_only_administrators_change_the_checklist(client, auth, world, items):
    auth.login(world.teamlead)
    assert client.post("/admin/checklist", data={"group_code": "parents", "kind": "signal", "heading_nl": "X",
                                                 "heading_en": "X", "text_nl": "y", "text_en": "y"}).status_code == 403
    assert client.post(f"/admin/checklist/{items['home_visit.signal.01']}/retire").status_code == 403


def test_enter_in_a_note_cannot_save_the_checklist_by_surprise(client, auth, world, household, items):
    auth.login(world.coach)
    page = client.get(f"/households/{household.id}/signals/record").text
    form = page[page.index('<form method="post" novalidate class="checklist">'):]
    first_button = re.search(r"<button[^>]*>", form).group(0)
    assert 'type="submit"' in first_button and "disabled" in first_button  # the default button does nothing

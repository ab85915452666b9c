"""Everything we hold about a household, for the family (art. 15 AVG): a page and a PDF in words the family reads,
with every record there is, and the same data for a computer as JSON."""
import re
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from gezinsaanpak import privacy
from gezinsaanpak.audit import AuditEvent
from gezinsaanpak.auth.models import User
from gezinsaanpak.cases import operations as cases
from gezinsaanpak.cases.models import Household
from gezinsaanpak.catalogues import load_all
from gezinsaanpak.extensions import db
from tests.factories import EVERY_KIND_OF_RECORD, build_household_of_shape
from tests.helpers import TODAY, page_text, pdf_text

ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
SECONDS = re.compile(r"\b\d{1,2}:\d{2}:\d{2}")
# Readable words the overview shows for the household built below, per language.
WORDS = {
    "nl": ["Alles wat we over dit huishouden vastleggen", "Gezinsleden", "Geboortedatum", "14 mrt 1988", "Huisbezoek",
           "Toestemming", "Paniekbudget", "Warme overdracht", "Als-dan-plan", "Wie heeft dit dossier geopend",
           "Afgesloten", "Kinderbrug"],
    "en": ["Everything we hold about this household", "Members", "Date of birth", "14 Mar 1988", "Home visit",
           "Consent", "Panic budget", "Warm handover", "If-then plan", "Who opened this file", "Closed",
           "Child Bridge"],
}


@pytest.fixture
def everything(app, world):
    """A household with a record in every table that holds a household's data; returns its id, every text typed
    into it, and the machine-readable export of it."""
    with app.app_context():
        load_all()
        live = SimpleNamespace(**{name: db.session.get(User, getattr(world, name).id)
                                  for name in ("coach", "colleague", "teamlead", "admin")})
        household, typed = build_household_of_shape(live, EVERY_KIND_OF_RECORD)
        data = privacy.export_household(live.coach, household)
        db.session.commit()
        return household.id, typed, data


def codes_and_columns(data) -> set[str]:
    """What only the application reads: table and column names, and the codes stored in the code columns (those
    with an underscore cannot be mistaken for an ordinary word)."""
    found = set(data["tables"]) | set(data)
    for rows in data["tables"].values():
        for row in rows:
            found |= set(row)
            found |= {value for key, value in row.items()
                      if key in privacy.CODE_COLUMNS and isinstance(value, str)}
    return {word for word in found if "_" in word}


def test_every_table_of_the_export_has_a_readable_part(ctx):
    from gezinsaanpak.privacy.overview import COVERED_TABLES
    tables = {table.name for table, _parent, _column in privacy.household_tables()}
    assert tables - COVERED_TABLES == set(), "give these tables a part in privacy/overview.py PARTS"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_overview_shows_every_record_in_words_and_no_codes(client, auth, world, everything, lang):
    household_id, typed, data = everything
    auth.login(world.teamlead)
    if lang == "en":
        client.post("/language", data={"lang": "en"})
    page = client.get(f"/households/{household_id}/privacy-export")
    assert page.status_code == 200
    text = page_text(page.text)
    assert [tag for tag in typed if tag not in text] == []  # every text typed about the family is there
    for words in WORDS[lang]:
        assert words in text, words
    internal = codes_and_columns(data)
    assert {"coordinator_id", "is_demo", "check_ins", "food_bank", "home_visit"} & internal  # the check sees them
    shown = set(re.findall(r"[A-Za-z_]+", text))
    assert shown & internal == set()
    assert not ISO_DATE.search(text) and not SECONDS.search(text)
    assert "None" not in shown and "True" not in shown and "False" not in shown
    assert page.text.count("<details") >= 15  # parts that open and close


def test_the_machine_readable_export_stays_a_download(client, auth, world, household):
    auth.login(world.coach)
    page = client.get(f"/households/{household.id}/privacy-export")
    assert f'href="/households/{household.id}/privacy-export?format=json"' in page.text
    assert "machine" in page.text
    data = client.get(f"/households/{household.id}/privacy-export?format=json")
    assert data.mimetype == "application/json" and "attachment" in data.headers["Content-Disposition"]
    assert data.json["tables"]["members"][0]["first_name"] == "Samira"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_pdf_for_the_family_reads_as_the_page(app, client, auth, world, everything, lang):
    household_id, typed, data = everything
    auth.login(world.colleague)  # the coordinator since the hand-over
    if lang == "en":
        client.post("/language", data={"lang": "en"})
    page = client.get(f"/households/{household_id}/privacy-export")
    assert f'href="/households/{household_id}/privacy-export.pdf"' in page.text
    response = client.get(f"/households/{household_id}/privacy-export.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert "attachment" in response.headers["Content-Disposition"]
    text = pdf_text(response.data)
    with app.app_context():
        name = db.session.get(Household, household_id).pseudonym
    assert name in text
    assert ("pagina 1 van" if lang == "nl" else "page 1 of") in text
    assert ("20 mei 2026" if lang == "nl" else "20 May 2026") in text  # the day of the overview
    for words in WORDS[lang]:
        assert words in text, words
    assert [tag for tag in typed if tag not in text] == []
    assert set(re.findall(r"[A-Za-z_]+", text)) & codes_and_columns(data) == set()
    assert not ISO_DATE.search(text) and not SECONDS.search(text)
    with app.app_context():
        actions = db.session.scalars(select(AuditEvent.action).where(AuditEvent.household_id == household_id)).all()
    assert "household.privacy_pdf" in actions


def test_the_pdf_download_is_in_the_audit_trail_in_words(client, auth, world, household):
    auth.login(world.teamlead)
    client.get(f"/households/{household.id}/privacy-export.pdf")
    trail = client.get(f"/households/{household.id}/audit")
    assert "Alles wat we vastleggen als pdf gedownload" in trail.text


def test_overview_pdfs_are_limited_per_user(client, auth, world, household, app, monkeypatch):
    monkeypatch.setitem(app.config, "OVERVIEW_PDF_LIMIT", "2 per minute")
    auth.login(world.coach)
    url = f"/households/{household.id}/privacy-export.pdf"
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 429]
    auth.logout()
    auth.login(world.teamlead)
    assert client.get(url).status_code == 200  # another user has a limit of their own


def test_only_the_coordinator_and_the_team_lead_get_the_pdf(client, auth, world, household):
    for who, allowed in (("colleague", False), ("other_coach", False), ("other_teamlead", False), ("policy", False),
                         ("coach", True), ("teamlead", True)):
        auth.login(world.by_role(who))
        response = client.get(f"/households/{household.id}/privacy-export.pdf")
        assert (response.status_code == 200 and response.mimetype == "application/pdf") == allowed, who
        auth.logout()


def test_an_erased_household_still_shows_what_is_left(app, client, auth, world, household):
    with app.app_context():
        live = db.session.get(Household, household.id)
        cases.move_stage(db.session.get(User, world.coach.id), live, "closed", TODAY, "", "moved_away")
        privacy.erase_on_request(db.session.get(User, world.teamlead.id), live, live.pseudonym)
        db.session.commit()
    auth.login(world.teamlead)
    page = client.get(f"/households/{household.id}/privacy-export")
    assert page.status_code == 200
    text = page_text(page.text)
    assert "Samira" not in text and "Gewist op" in text and "20 mei 2026" in text
    pdf = client.get(f"/households/{household.id}/privacy-export.pdf")
    assert pdf.status_code == 200 and "Samira" not in pdf_text(pdf.data)

"""The family plan PDF costs the server little, whatever was typed: endless lines are cut with a note, and one
coach cannot keep the server busy with downloads."""
import io
import time
from datetime import timedelta

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from gezinsaanpak.catalogues import load_catalogue
from gezinsaanpak.extensions import db
from gezinsaanpak.plans import operations as plans
from gezinsaanpak.plans.models import Domain
from gezinsaanpak.plans.pdf import MAX_LINES, esc
from tests.factories import make_household
from tests.helpers import TODAY

ENDLESS = "x\n" * 2000  # 4000 characters: within every field's limit


@pytest.fixture
def endless_plan(app, world):
    """Every text of the plan a column of two thousand lines."""
    with app.app_context():
        load_catalogue("domains")
        coach = db.session.merge(world.coach)
        household = make_household(coach)
        parent = household.members[0]
        soon = TODAY + timedelta(days=90)
        for domain in db.session.scalars(select(Domain).where(Domain.scale == "bridge").limit(3)):
            goal = plans.set_goal(coach, household, parent, domain, ENDLESS, soon, dream=ENDLESS, own_words=ENDLESS)
            plans.add_action(coach, household, goal, ENDLESS, "Samira", soon, ENDLESS)
            plans.add_obstacle(coach, household, goal, ENDLESS, ENDLESS)
        plans.update_family_plan(coach, household, ENDLESS, soon, None, version=0)
        plans.set_wish(coach, household, parent, ENDLESS, version=0)
        db.session.commit()
        return household.id


def test_a_plan_of_endless_lines_prints_on_a_few_pages_with_a_note(client, auth, world, endless_plan):
    auth.login(world.coach)
    started = time.perf_counter()
    response = client.get(f"/households/{endless_plan}/plan.pdf")
    print(f"\nplan PDF of endless lines: {time.perf_counter() - started:.2f} s")  # was 150 s and 768 pages
    pages = PdfReader(io.BytesIO(response.data)).pages
    print(f"plan PDF of endless lines: {len(pages)} pages")
    assert response.status_code == 200
    assert len(pages) <= 30
    assert "gaat verder in de applicatie" in pages[0].extract_text()


def test_a_long_text_without_line_breaks_prints_whole():
    text = "woord " * 660  # 3960 characters, one paragraph
    assert esc(text) == text
    assert "<br/>" * 3 not in esc("Eerst\n\n\n\n\n\nDan")


def test_a_text_is_cut_after_its_lines_with_a_note(app):
    with app.test_request_context():
        markup = esc("regel\n" * (MAX_LINES + 5))
    assert markup.count("regel") == MAX_LINES
    assert "continues in the application" in markup or "gaat verder in de applicatie" in markup


def test_plan_pdfs_are_limited_per_coach(client, auth, world, household, app):
    auth.login(world.coach)
    url = f"/households/{household.id}/plan.pdf"
    for _ in range(20):
        assert client.get(url).status_code == 200
    assert client.get(url).status_code == 429
    auth.logout()
    auth.login(world.teamlead)
    assert client.get(url).status_code == 200  # another user has a limit of their own

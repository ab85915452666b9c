"""End to end in a real browser: a new team member gets an activation code from the administrator (never a
password), chooses a password on the activation page and lands on their start page; their team lead sees it."""
import re

import pytest

from gezinsaanpak.admin.operations import invite_user
from gezinsaanpak.auth.models import User
from gezinsaanpak.extensions import db
from tests.browser.helpers import log_in_with_keyboard

sync_api = pytest.importorskip("playwright.sync_api",
                               reason="Playwright for Python is not installed: browser tests skipped "
                                      "(pip install -e .[test])")
Page, expect = sync_api.Page, sync_api.expect


@pytest.fixture
def code(app, world):
    """What the administrator got on the accounts page for Nina, a new coach of Team Noord."""
    with app.app_context():
        _user, code = invite_user(db.session.get(User, world.admin.id), "nina@example.nl", "Nina Nieuw", "coach",
                                  db.session.merge(world.team_a))
        db.session.commit()
    return code


def test_a_new_coach_activates_the_account_and_the_team_lead_sees_it(page: Page, world, code):
    page.goto("/login")
    page.get_by_role("link", name="Stel je wachtwoord in met je activeringscode").click()
    expect(page).to_have_url(re.compile(r"/activate$"))
    page.get_by_label("E-mailadres").fill("nina@example.nl")
    page.get_by_label("Activeringscode").fill(code.lower())  # as typed from a phone call
    page.get_by_label("Kies een wachtwoord").fill("een zin die alleen ik ken")
    page.get_by_label("Herhaal het wachtwoord").fill("een zin die alleen ik ken")
    page.get_by_role("button", name="Mijn wachtwoord instellen").click()

    expect(page).to_have_url(re.compile(r"/start$"))
    expect(page.get_by_text("Je wachtwoord is ingesteld. Welkom!")).to_be_visible()
    page.get_by_role("button", name="Uitloggen").click()

    log_in_with_keyboard(page, world.teamlead.email)
    changes = page.get_by_role("region", name="Wijzigingen in de accounts van je team")
    expect(changes).to_contain_text("Nina Nieuw heeft het account geactiveerd")
    expect(changes).to_contain_text("Fay Beheer heeft het account aangemaakt: Nina Nieuw (Gezinscoach, Team Noord)")

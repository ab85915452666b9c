"""In a real browser: before the session ends a notice offers to stay logged in; and what a coach typed when it
did end comes back after logging in, filled in, to be saved."""
import os
import re

import pytest
from sqlalchemy import func, select

from gezinsaanpak.extensions import db
from gezinsaanpak.signals.models import Signal
from tests.browser.helpers import log_in_with_keyboard

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
expect = sync_api.expect
SCREENSHOTS = os.environ.get("GEZINSAANPAK_TEST_SCREENSHOTS")  # a folder: keep a picture of the notices there


def picture(page, name):
    if SCREENSHOTS:
        page.screenshot(path=os.path.join(SCREENSHOTS, name))


@pytest.fixture(autouse=True)
def csrf_on(app, monkeypatch):
    """As in production: every form and the "stay logged in" button carry their CSRF token."""
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)


def test_the_notice_before_the_idle_timeout_keeps_the_session(page, world, household, item):
    page.clock.install()
    page.goto("/login")
    log_in_with_keyboard(page, world.coach.email)
    expect(page).to_have_url(re.compile(r"/start$"))
    page.goto(f"/households/{household.id}/signals/record")
    notice = page.locator("#idle-notice")
    expect(notice).to_be_hidden()

    page.clock.fast_forward("27:30")
    expect(notice).to_be_hidden()
    page.clock.fast_forward("01:00")  # 28:30 of 30 minutes: a minute and a half left
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("Voor de veiligheid word je straks uitgelogd")
    expect(notice.get_by_role("timer")).to_have_text(re.compile(r"^1:[0-3]\d$"))
    picture(page, "idle-notice.png")

    with page.expect_response(re.compile(r"/session/keep-alive$")) as answer:
        notice.get_by_role("button", name="Ingelogd blijven").click()
    assert answer.value.status == 204
    expect(notice).to_be_hidden()
    page.clock.fast_forward("27:00")
    expect(notice).to_be_hidden()


def test_what_was_typed_when_the_session_ended_comes_back_after_login(page, app, world, household, item,
                                                                     monkeypatch):
    url = f"/households/{household.id}/signals/record"
    page.goto("/login")
    log_in_with_keyboard(page, world.coach.email)
    expect(page).to_have_url(re.compile(r"/start$"))
    page.goto(url)
    page.locator(f"#tick-h\\.{item}").check()
    page.locator(f"#note-h\\.{item}").fill("Stapel ongeopende post op de mat")

    monkeypatch.setitem(app.config, "IDLE_TIMEOUT_MINUTES", 0)  # the coach went away; the session ran out
    page.get_by_role("button", name="Signalen opslaan").click()
    expect(page).to_have_url(re.compile(r"/login$"))
    expect(page.get_by_role("alert").first).to_contain_text("wat je had ingevuld is bewaard")

    monkeypatch.setitem(app.config, "IDLE_TIMEOUT_MINUTES", 30)
    log_in_with_keyboard(page, world.coach.email)
    expect(page).to_have_url(re.compile(re.escape(url) + "$"))
    expect(page.locator(".kept")).to_contain_text("Je sessie was afgelopen; wat je had ingevuld staat er weer")
    expect(page.locator(f"#tick-h\\.{item}")).to_be_checked()
    expect(page.locator(f"#note-h\\.{item}")).to_have_value("Stapel ongeopende post op de mat")
    with app.app_context():
        assert db.session.scalar(select(func.count(Signal.id))) == 0
    page.set_viewport_size({"width": 1280, "height": 1000})
    picture(page, "restored-form.png")

    page.get_by_role("button", name="Signalen opslaan").click()
    expect(page.get_by_role("status").first).to_contain_text("Signalen vastgelegd: 1")
    expect(page.locator("#signals")).to_contain_text("Stapel ongeopende post op de mat")
    expect(page.locator(".kept")).to_have_count(0)

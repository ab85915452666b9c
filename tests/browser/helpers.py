"""What the browser tests share: logging in the way a person does, with the keyboard (and the administrator's
two-step code), and visiting pages in both languages for axe-core."""
import re

import pyotp

from tests.factories import PASSWORD

# Field labels in either language: the tests are about the flow, not about the exact wording of labels.
EMAIL_LABEL = re.compile(r"e-?mail", re.IGNORECASE)
PASSWORD_LABEL = re.compile(r"wachtwoord|password", re.IGNORECASE)


def log_in_with_keyboard(page, email: str, password: str = PASSWORD) -> None:
    page.get_by_label(EMAIL_LABEL).click()
    page.keyboard.type(email)
    page.get_by_label(PASSWORD_LABEL).click()
    page.keyboard.type(password)
    page.keyboard.press("Enter")


def log_in(page, user) -> None:
    """Log in from the login page; an account with two-step verification also types the code of its app."""
    from playwright.sync_api import expect  # a browser test is skipped without Playwright; this module is not

    page.goto("/login")
    log_in_with_keyboard(page, user.email)
    if getattr(user, "totp_secret", None):
        page.get_by_label(re.compile("code", re.IGNORECASE)).fill(pyotp.TOTP(user.totp_secret).now())
        page.keyboard.press("Enter")
    expect(page).not_to_have_url(re.compile(r"/login"))


def visit_in_both_languages(page, paths) -> None:
    """Every path in Dutch, then the language switch, then every path in English; each checked by axe on load."""
    from playwright.sync_api import expect

    for code, language in (("nl", "Nederlands"), ("en", "English")):
        if page.locator("html").get_attribute("lang") != code:
            page.get_by_role("button", name=language, exact=True).click()
            expect(page.locator("html")).to_have_attribute("lang", code)
        for path in paths:
            response = page.goto(path)
            assert response.status == 200, f"{path}: {response.status}"
            page.wait_for_function("window.__axeDone !== undefined")
            page.evaluate("window.__axeDone")

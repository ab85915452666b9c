"""What the browser tests share: logging in the way a person does, with the keyboard."""
import re

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

"""One-time activation codes: how a new account, or one whose password was reset, gets a password only its owner
knows. The administrator sees the code once and passes it on; the user types it with their email address on the
activation page and chooses a password there. Only the code's SHA-256 is stored (it is random and long, so no slow
hash is needed), it works for ACTIVATION_CODE_HOURS and only once."""
import hashlib
import hmac
import secrets
from datetime import timedelta

from flask import current_app
from sqlalchemy import select

from .. import audit
from ..errors import InvalidInput
from ..extensions import db
from ..i18n import _
from ..timeutil import utcnow
from .changes import record_change
from .models import User
from .operations import password_problem

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I/L to confuse on the phone
LENGTH = 16  # 80 bits


def _digest(code: str) -> str:
    """The stored form of a code, as typed in any letter case, with or without spaces and dashes."""
    cleaned = "".join(ch for ch in (code or "").upper() if ch.isalnum())
    return hashlib.sha256(cleaned.encode()).hexdigest()


def issue_code(user: User) -> str:
    """A new code for `user`; an earlier one stops working, and so does the password and every session: from now on
    only the code opens the account. Returns the code, to be shown once."""
    code = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    user.activation_code_hash = _digest(code)
    user.activation_expires_at = utcnow() + timedelta(hours=current_app.config["ACTIVATION_CODE_HOURS"])
    user.set_password(secrets.token_urlsafe(32))  # nobody knows it; also ends every session
    return "-".join(code[i:i + 4] for i in range(0, LENGTH, 4))


def _code_matches(user: User | None, code: str) -> bool:
    if user is None or user.activation_code_hash is None or not user.active:
        return False
    return hmac.compare_digest(user.activation_code_hash, _digest(code))


def activate(email: str, code: str, password: str) -> User:
    """Set the password the user chose, with the code they were given; the code is used up. A wrong email address
    or code gets one answer, so the page does not tell which accounts exist."""
    user = db.session.scalar(select(User).where(User.email == (email or "").strip().lower()))
    if not _code_matches(user, code):
        audit.record(user, "user.activate", obj=user, outcome="denied")
        raise InvalidInput(_("This email address and activation code do not belong together. Check both; a code "
                             "works only once."), "code")
    if utcnow() > user.activation_expires_at:
        audit.record(user, "user.activate", obj=user, outcome="denied", detail={"expired": True})
        raise InvalidInput(_("This activation code has expired. Ask your administrator for a new one."), "code")
    problem = password_problem(password)
    if problem:
        raise InvalidInput(problem, "new")
    user.set_password(password)
    user.activation_code_hash = user.activation_expires_at = None
    audit.record(user, "user.activate", obj=user)
    record_change(user, user, "activated")
    return user


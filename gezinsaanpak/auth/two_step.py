"""Two-step verification with time-based one-time codes (TOTP, RFC 6238), as in any authenticator app."""
import time

import pyotp

from .. import audit
from ..errors import InvalidInput
from ..i18n import _
from .models import User

ISSUER = "Gezinsaanpak"


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(user: User, secret: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=ISSUER)


def _matching_step(secret: str, code: str) -> int | None:
    """The 30-second step the code belongs to (allowing one step of clock drift), or None."""
    code = "".join((code or "").split())
    if not code.isdigit() or len(code) != 6:
        return None
    totp = pyotp.TOTP(secret)
    now = int(time.time()) // 30
    for step in (now, now - 1, now + 1):
        if totp.at(step * 30) == code:
            return step
    return None


def verify(user: User, code: str) -> bool:
    """A valid code that was not used before; using it makes it invalid."""
    step = _matching_step(user.totp_secret, code)
    if step is None or (user.totp_last_step is not None and step <= user.totp_last_step):
        return False
    user.totp_last_step = step
    return True


def enable(user: User, secret: str, code: str) -> None:
    """Switch the second factor on once the user proves their app shows the right codes."""
    step = _matching_step(secret, code)
    if step is None:
        raise InvalidInput(_("This code is not correct. Check the time on your phone and try the newest code."),
                           "code")
    user.totp_secret, user.totp_last_step = secret, step
    user.revoke_sessions()
    audit.record(user, "user.two_step_on", obj=user)


def disable(user: User) -> None:
    if user.role == "admin":
        raise InvalidInput(_("Administrators must keep two-step verification on."), "code")
    user.totp_secret, user.totp_last_step = None, None
    user.revoke_sessions()
    audit.record(user, "user.two_step_off", obj=user)

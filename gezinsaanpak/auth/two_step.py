"""Two-step verification with time-based one-time codes (TOTP, RFC 6238), as in any authenticator app.

During set-up the new secret waits on the server (`User.totp_pending_secret`), never in the session cookie or a
form: the cookie is signed, not encrypted, so anyone holding it could read the secret. The page shows it as a QR
code made here (SVG, no script, no outside service) beside the key to type.
"""
import io
import time

import pyotp
import segno

from .. import audit
from ..errors import InvalidInput
from ..i18n import _
from .models import User

ISSUER = "Gezinsaanpak"


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(user: User, secret: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=ISSUER)


def pending_secret(user: User) -> str:
    """The secret being set up for `user`, made on first use and kept server-side until the set-up succeeds."""
    if not user.totp_pending_secret:
        user.totp_pending_secret = new_secret()
    return user.totp_pending_secret


def qr_code_svg(uri: str, title: str) -> str:
    """The provisioning link as an inline SVG QR code, black on white, for an authenticator app to scan."""
    out = io.BytesIO()
    segno.make(uri, error="m").save(out, kind="svg", xmldecl=False, svgns=True, scale=5, light="#fff",
                                    title=title, svgclass="qr-code", lineclass=None, nl=False)
    return out.getvalue().decode()


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


def enable(user: User, code: str) -> None:
    """Switch the second factor on once the user proves their app shows the right codes for the pending secret."""
    secret = user.totp_pending_secret
    step = _matching_step(secret, code) if secret else None
    if step is None:
        raise InvalidInput(_("This code is not correct. Check the time on your phone and try the newest code."),
                           "code")
    user.totp_secret, user.totp_last_step, user.totp_pending_secret = secret, step, None
    user.revoke_sessions()
    audit.record(user, "user.two_step_on", obj=user)


def disable(user: User) -> None:
    if user.role == "admin":
        raise InvalidInput(_("Administrators must keep two-step verification on."), "code")
    user.totp_secret, user.totp_last_step = None, None
    user.revoke_sessions()
    audit.record(user, "user.two_step_off", obj=user)

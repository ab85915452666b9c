"""Ending a session: what logging out, an idle timeout and the end of a session's lifetime share."""
import time

from flask import current_app, session
from flask_login import current_user, logout_user


def end_session() -> int | None:
    """Log out and forget everything the session held, except the chosen language. Returns whose session it was,
    so what they were saving can be kept for them (`drafts.keep`)."""
    user_id = current_user.id if current_user.is_authenticated else None
    lang = session.get("lang")
    logout_user()
    session.clear()
    if lang:
        session["lang"] = lang
    return user_id


def session_ends_in() -> int:
    """Seconds until the session's lifetime ends, whatever the user does (for the notice in base.html)."""
    lifetime = current_app.config["SESSION_LIFETIME_HOURS"] * 3600
    now = time.time()
    return max(0, int(session.get("login_at", now) + lifetime - now))

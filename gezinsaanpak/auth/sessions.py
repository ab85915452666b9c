"""Ending a session: what logging out, an idle timeout and the end of a session's lifetime share."""
from flask import session
from flask_login import logout_user


def end_session():
    """Log out and forget everything the session held, except the chosen language."""
    lang = session.get("lang")
    logout_user()
    session.clear()
    if lang:
        session["lang"] = lang

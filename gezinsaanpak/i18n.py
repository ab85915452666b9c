"""The one place translation functions come from.

Source strings are English; `translations/nl` holds the Dutch catalogue, and Dutch is the default.
"""
from flask import request, session
from flask_babel import gettext as _  # noqa: F401
from flask_babel import lazy_gettext as _l  # noqa: F401
from flask_babel import ngettext  # noqa: F401

LANGUAGES = {"nl": "Nederlands", "en": "English"}
DEFAULT_LANGUAGE = "nl"


def select_locale():
    """The language the user chose, else the default: Dutch, whatever the browser says."""
    lang = session.get("lang") if request else None
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE

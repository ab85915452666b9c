"""The one place translation functions come from.

Source strings are English; `translations/nl` holds the Dutch catalogue, and Dutch is the default.

The functions behave as Flask-Babel's, but look the catalogue up once per request and language: Flask-Babel
finds it anew for every string through several context lookups, and a household page shows hundreds of strings.
"""
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from functools import lru_cache

import flask_babel
from babel import dates as babel_dates
from babel import numbers as babel_numbers
from flask import current_app, g, has_app_context, request, session
from flask.globals import _cv_app
from flask.templating import Environment as FlaskEnvironment
from flask_babel import format_currency, format_decimal, format_percent, get_translations
from flask_babel.speaklater import LazyString
from jinja2.ext import Extension
from jinja2.lexer import Token
from markupsafe import Markup

LANGUAGES = {"nl": "Nederlands", "en": "English"}
DEFAULT_LANGUAGE = "nl"


def select_locale():
    """The language the user chose, else the default: Dutch, whatever the browser says. Outside a request (the
    command line) the configured CLI_LANGUAGE."""
    lang = session.get("lang") if request else current_app.config.get("CLI_LANGUAGE") if current_app else None
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


PER_LANGUAGE = ("catalogue", "locale_key")  # what a request keeps on `g` of its language; force_locale swaps them


def _kept(key, make):
    """`make()` once for the rest of the request, kept on `g` under `key` (one of PER_LANGUAGE); outside an
    application context made afresh."""
    context = _cv_app.get(None)  # Flask's own context variable: one lookup instead of the `g` proxy's several
    if context is None:
        return make()
    kept = context.g.__dict__
    value = kept.get(key)
    if value is None:
        value = kept[key] = make()
    return value


def catalogue():
    """The current catalogue, kept for the rest of the request; `force_locale` below switches it."""
    return _kept("catalogue", get_translations)


@contextmanager
def force_locale(lang: str):
    """Flask-Babel's `force_locale` with the kept catalogue switched along: the PDF in the other language."""
    kept = g._get_current_object().__dict__ if has_app_context() else {}
    before = {key: kept.pop(key) for key in PER_LANGUAGE if key in kept}
    try:
        with flask_babel.force_locale(lang):
            yield
    finally:
        for key in PER_LANGUAGE:
            kept.pop(key, None)
        kept.update(before)


def gettext(string, **variables):
    text = catalogue().ugettext(string)
    return text % variables if variables else text


def ngettext(singular, plural, num, **variables):
    variables.setdefault("num", num)
    return catalogue().ungettext(singular, plural, num) % variables


def lazy_gettext(string, **variables):
    return LazyString(gettext, string, **variables)


_, _l = gettext, lazy_gettext


def is_english(lang: str | None = None) -> bool:
    """Whether a page (or a PDF made in `lang`) is in English; Dutch otherwise."""
    if lang is None:
        context = _cv_app.get(None)  # the `g` proxy costs several lookups, and a page asks some fifty times
        lang = context.g.__dict__.get("lang") if context is not None else None
    return lang == "en"


def in_language(obj, field: str, lang: str | None = None) -> str:
    """Catalogue texts are data with `_nl` and `_en` columns (checklist items, domains, funds, timeline rows):
    the one place that picks the column, English only when the reader chose it."""
    return getattr(obj, f"{field}_en" if is_english(lang) else f"{field}_nl")


def euros(cents: int | None, symbol: bool = True) -> str:
    """An amount of money in the reader's language ("€ 1.250,50" in Dutch, "€1,250.50" in English): Babel,
    the one way money is written on pages, in messages and in PDFs. Without the symbol, as a form shows it
    for editing ("1250,50")."""
    if cents is None:
        return "–" if symbol else ""
    if not symbol:
        return format_decimal(Decimal(cents) / 100, format="0.00")
    return format_currency(Decimal(cents) / 100, "EUR")


def number(value, digits: int | None = None) -> str:
    """A number in the reader's language ("6,0" and "1.250" in Dutch, "6.0" and "1,250" in English); `digits`
    fixes the decimals shown. The one way a page, a CSV download or a PDF writes a number."""
    if value is None:
        return "–"
    return _number(type(value), value, digits, _locale())


# A number or a day reads the same in a language every time it is written, and Babel takes some 30-50 µs to write
# one (a household page writes dozens): what was written is kept per process, least recently used first out.
def _locale() -> str:
    """The reader's locale as a key, kept for the request like the catalogue; outside an application, Babel's
    default from the environment."""
    return _kept("locale_key", lambda: str(flask_babel.get_locale() or babel_numbers.LC_NUMERIC))


@lru_cache(maxsize=8192)
def _number(kind, value, digits, locale) -> str:
    if digits is None:
        return babel_numbers.format_decimal(value, locale=locale)
    return babel_numbers.format_decimal(round(value, digits), format="#,##0." + "0" * digits if digits else "#,##0",
                                        locale=locale)


def dateformat(value, format=None) -> str:
    """Flask-Babel's `|dateformat` (the patterns of extensions.DATE_FORMATS), a calendar day written once per
    process and language; a time goes to Flask-Babel, which moves it into the reader's time zone first."""
    context = _cv_app.get(None)
    if type(value) is not date or context is None:
        return flask_babel.format_date(value, format)
    formats = context.app.extensions["babel"].instance.date_formats  # get_babel() without its proxies
    pattern = format or formats["date"]
    return _day(value, formats.get(f"date.{pattern}") or pattern, _locale())


@lru_cache(maxsize=8192)
def _day(value, pattern, locale) -> str:
    return babel_dates.format_date(value, pattern, locale=locale)


def percent(share) -> str:
    """A share (0-1) as a whole percentage in the reader's language ("67%")."""
    return "–" if share is None else format_percent(share, format="#,##0%")


def spreadsheet_number(value) -> str:
    """A fraction for a CSV download in the reader's language, without thousands separators (a Dutch spreadsheet
    reads "7,5" as seven and a half and "7.5" as a date or text)."""
    return format_decimal(value, format="0.0#####")


def template_gettext(string, **variables):
    translations = catalogue()
    if not variables:  # the same markup every time: each catalogue keeps what it made (a page has some hundred)
        made = translations.__dict__.setdefault("made_markup", {})
        markup = made.get(string)
        if markup is None:
            markup = made[string] = _made_markup(translations, string)
        return markup
    return Markup(translations.ugettext(string)) % variables


def _made_markup(translations, string) -> Markup:
    """A text without values as a template shows it: markup, and a format string ("%%" is "%")."""
    text = translations.ugettext(string)
    return Markup(text) if "%" not in text else Markup(text) % {}


class TemplatesPerLanguage(FlaskEnvironment):
    """Flask's template environment, compiling each template once per language with its texts without values
    (`_("Plan")`) already translated (`TranslatedTexts`): a page shows some hundred, and looking each up while
    rendering cost more than the rest of its output. A catalogue does not change while a process runs (a new
    translation comes with a deployment, which restarts the workers), so what was compiled stays right."""

    catalogue = None  # set on each language's own environment

    def __init__(self, *args, **options):
        super().__init__(*args, **options)
        self.per_language = {}

    def _of_language(self):
        if self.catalogue is not None:
            return self
        key = _locale()
        language = self.per_language.get(key)
        if language is None:
            language = self.overlay(extensions=[TranslatedTexts], cache_size=400)
            language.catalogue = catalogue()
            self.per_language[key] = language
        return language

    def get_template(self, name, parent=None, globals=None):
        return super(TemplatesPerLanguage, self._of_language()).get_template(name, parent, globals)

    def select_template(self, names, parent=None, globals=None):
        return super(TemplatesPerLanguage, self._of_language()).select_template(names, parent, globals)


class TranslatedTexts(Extension):
    """Writes `_("text")` as the translation itself, marked safe as `_` would give it: `("tekst"|safe)`. A call
    with values, or one used in any other shape, is left as it is."""

    def filter_stream(self, stream):
        tokens = list(stream)
        translations, out, i = self.environment.catalogue, [], 0
        while i < len(tokens):
            token = tokens[i]
            if (token.type == "name" and token.value == "_" and i + 3 < len(tokens)
                    and (i == 0 or tokens[i - 1].type != "dot")
                    and [t.type for t in tokens[i + 1:i + 4]] == ["lparen", "string", "rparen"]):
                text = str(_made_markup(translations, tokens[i + 2].value))
                out += [Token(token.lineno, "lparen", "("), Token(token.lineno, "string", text),
                        Token(token.lineno, "pipe", "|"), Token(token.lineno, "name", "safe"),
                        Token(token.lineno, "rparen", ")")]
                i += 4
                continue
            out.append(token)
            i += 1
        return iter(out)


def template_ngettext(singular, plural, num, **variables):
    variables.setdefault("num", num)
    return Markup(catalogue().ungettext(singular, plural, num)) % variables


def install(app):
    """Templates use the same lookup (`{{ _("...") }}`); called after Flask-Babel has installed its own."""
    app.jinja_env.install_gettext_callables(gettext=lambda s: catalogue().ugettext(s),
                                            ngettext=lambda s, p, n: catalogue().ungettext(s, p, n),
                                            newstyle=True)
    # Jinja's newstyle gettext goes through three calls (the `_` alias, the context, the function) for each of
    # the hundred-odd texts on a page; these do the same in one: every template is HTML, so the text is markup and
    # the values put into it are escaped, and it is always a format string ("%%" is "%").
    app.jinja_env.globals.update(_=template_gettext, gettext=template_gettext, ngettext=template_ngettext)
    app.jinja_env.globals["in_language"] = in_language
    app.jinja_env.filters["euros"] = euros
    app.jinja_env.filters["number"] = number
    app.jinja_env.filters["dateformat"] = dateformat
    app.jinja_env.filters["percent"] = percent

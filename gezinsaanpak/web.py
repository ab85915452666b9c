"""What every request shares: login required by default, session timeouts, one commit, safe headers (HSTS behind
HTTPS), typed text without control and invisible format characters, record ids that fit the database, and the
client's address as the trusted reverse proxy saw it."""
import time
import unicodedata
from functools import cache, lru_cache

from flask import (
    Request,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.globals import _cv_request
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from sqlalchemy import bindparam, inspect, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.datastructures import ImmutableMultiDict, iter_multi_items
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter

from . import audit, drafts, forms, logs
from .auth import endpoints
from .auth.sessions import end_session, session_ends_in
from .errors import HouseholdErased
from .extensions import db
from .i18n import _, select_locale

# What an administrator may do before setting up the second factor.
SETUP_ENDPOINTS = {"auth.two_step_setup", "auth.logout", "auth.keep_alive"}


class AuditMissing(RuntimeError):
    """A household page answered without writing an audit event: a programming error."""


# Control characters except tab and line breaks: pasted along with text, invisible, and PostgreSQL refuses NUL.
CONTROL_CHARACTERS = dict.fromkeys(c for c in [*range(0x20), 0x7F] if chr(c) not in "\t\n\r")
# Invisible format characters, Unicode's category Cf: bidirectional marks, embeddings, overrides and isolates turn
# text around on screen ("\u202eevil" shows as "live"); zero-width spaces, word joiners, soft hyphens and byte-order
# marks make two names that look alike differ; tag characters hide text. The zero-width non-joiner and joiner
# (U+200C, U+200D) stay: Persian, Arabic and Indic writing and emoji sequences need them.
JOINERS = {"\u200c", "\u200d"}


def without_control_characters(value):
    """Typed text without control and invisible format characters; anything else unchanged."""
    if not isinstance(value, str):
        return value
    value = value.translate(CONTROL_CHARACTERS)
    if value.isascii():  # nearly every field: no format character can be in it
        return value
    return "".join(c for c in value if c in JOINERS or unicodedata.category(c) != "Cf")


class TypedText(ImmutableMultiDict):
    """Form fields and query parameters as typed, without control and invisible format characters: one place for
    every form."""

    def __init__(self, mapping=None):
        super().__init__([(without_control_characters(key), without_control_characters(value))
                          for key, value in iter_multi_items(mapping or ())])


class CleanRequest(Request):
    parameter_storage_class = TypedText


# Activity is noted at most once a minute: the idle timeout may then end a session up to a minute early, and
# the page tells its notice how long ago that was (seen_ago), so the notice never promises more time.
SEEN_STEP = 60

MAX_RECORD_ID = 2**31 - 1  # ids are INTEGER columns: a larger number is a database error, not "not found"


def once_per_request(key, load):
    """What two parts of one page both need (the domain catalogue, a household's signals, goals and referrals)
    is loaded once.

    Only for reading: a request that may change data (anything but GET and HEAD) loads afresh each time, so a
    form that is refused after a change is shown with what the change left."""
    context = _cv_request.get(None)  # Flask's own context variable: one lookup instead of the proxy's several
    if context is None or context.request.method not in ("GET", "HEAD"):
        return load()
    # On the request, not on `g`: an application context (and its `g`) may outlive one request.
    loaded = vars(context.request).setdefault("loaded_once", {})
    if key not in loaded:
        loaded[key] = load()
    return loaded[key]


def preload(record, *names) -> None:
    """Fill one-to-many relationships of a loaded record (a household's consents, say) with a statement built
    once per relationship, as the lazy loader would on first use, in the same order. The lazy loader builds its
    statement again at every use, which costs about twice as much; a page that will read them says so up front.
    A relationship already loaded is left as it is."""
    state = inspect(record)
    for name in names:
        if name not in state.dict:
            statement, owner_key = _collection_statement(type(record), name)
            rows = db.session.scalars(statement, {"owner": getattr(record, owner_key)}).all()
            set_committed_value(record, name, rows)


def read_columns(statement, params=None):
    """The result of a statement that selects columns, not records (a count, a date, the timeline's rows), from
    the session's own connection: the ORM's work around a statement (some 75 µs) buys nothing there. A change
    waiting in the session is flushed first, as the ORM would."""
    session = db.session()
    if session.autoflush:
        session.flush()
    return session.connection().execute(statement, params)


@cache
def _collection_statement(model, name: str):
    relationship = model.__mapper__.relationships[name]
    ((owner_column, foreign_key),) = relationship.local_remote_pairs  # one column: what preload is for
    statement = (select(relationship.mapper).where(foreign_key == bindparam("owner"))
                 .order_by(*(relationship.order_by or ())))
    return statement, model.__mapper__.get_property_by_column(owner_column).key


def seen_ago() -> int:
    """Seconds since the server last noted the user as active: where the idle notice starts counting."""
    return max(0, int(time.time() - session.get("seen", time.time())))


def record_id(text) -> int:
    """A record id from a URL or a form (`request.form.get(..., type=record_id)`); ValueError when it cannot be one."""
    value = int(text)
    if not 0 < value <= MAX_RECORD_ID:
        raise ValueError(f"not a record id: {text!r}")
    return value


class RecordIdConverter(IntegerConverter):
    """`<int:...>` in every route: a number no record can have does not match, so it answers 404."""

    def __init__(self, map, fixed_digits=0, min=1, max=MAX_RECORD_ID, signed=False):
        super().__init__(map, fixed_digits, min, max, signed)


def trust_proxies(app):
    """Behind nginx every request comes from 127.0.0.1: believe the proxy's X-Forwarded-For and -Proto, so login
    limits count per client and redirects keep to https. Only as many hops as configured: a client cannot pass
    itself off as another by sending the header itself."""
    hops = int(app.config.get("TRUSTED_PROXIES") or 0)
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=0, x_port=0, x_prefix=0)


def commit_at_end(session) -> None:
    """The request's one commit, after its page is rendered. Nothing reads the loaded records after it (the
    session is removed at teardown), so they are not expired: expiring every record of a household page costs
    more than writing its audit event."""
    session.expire_on_commit = False
    try:
        session.commit()
    finally:
        session.expire_on_commit = True


URL_TYPES = (int, str, type(None))


def install_url_cache(app):
    """A link is built from its endpoint and values the same way every time: a household page builds some ninety
    and Werkzeug takes about 10 µs for each, so each process keeps what it built (least recently used first out).
    Anything else (an anchor, an external or relative endpoint, other kinds of values) is built afresh."""
    build = app.url_for
    if any(app.url_default_functions.values()):  # values a URL gets from the request: not the same every time
        return

    @lru_cache(maxsize=16384)
    def built(script_root, endpoint, values):
        return build(endpoint, **dict(values))

    def url_for(endpoint, *, _anchor=None, _method=None, _scheme=None, _external=None, **values):
        context = _cv_request.get(None)  # Flask's own context variable: cheaper than the `request` proxy
        if (context is not None and _anchor is None and _method is None and _scheme is None and not _external
                and endpoint[:1] != "." and all(type(value) in URL_TYPES for value in values.values())):
            # the values in the order written: the order the query string keeps
            return built(context.request.script_root, endpoint, tuple(values.items()))
        return build(endpoint, _anchor=_anchor, _method=_method, _scheme=_scheme, _external=_external, **values)

    url_for.cache_info = built.cache_info
    app.url_for = url_for
    app.jinja_env.globals["url_for"] = url_for


def install_request_hooks(app):
    app.request_class = CleanRequest
    install_url_cache(app)
    app.add_template_global(session_ends_in)
    app.add_template_global(seen_ago)
    app.add_template_global(forms.error_links)
    app.add_template_global(forms.input_class)
    trust_proxies(app)
    logs.install(app)

    @app.before_request
    def require_login_and_fresh_session():
        g.lang = select_locale()
        if request.endpoint is None or endpoints.is_public(request.endpoint):
            return None
        user = current_user._get_current_object()  # the proxy looks the user up again at every use
        if not user.is_authenticated:
            next_url = request.full_path.rstrip("?") if request.method == "GET" else None
            return redirect(url_for("auth.login", next=next_url))
        now = time.time()
        idle = current_app.config["IDLE_TIMEOUT_MINUTES"] * 60
        lifetime = current_app.config["SESSION_LIFETIME_HOURS"] * 3600
        if now - session.get("seen", now) > idle or now - session.get("login_at", now) > lifetime:
            kept = drafts.keep(end_session())
            flash(_("Your session has ended because it was idle too long. Log in again: what you typed is kept and "
                    "filled in again.") if kept else
                  _("Your session has ended because it was idle too long. Please log in again."), "warning")
            return redirect(url_for("auth.login"))
        if now - session.get("seen", 0) >= SEEN_STEP:  # not at every view: each write signs a new cookie
            session["seen"] = now
        if user.needs_two_step_setup and request.endpoint not in SETUP_ENDPOINTS:
            flash(_("Administrators need two-step verification. Set it up first."), "warning")
            return redirect(url_for("auth.two_step_setup"))
        endpoints.enforce()
        return None

    @app.after_request
    def commit_and_protect(response):
        drafts.on_response(response)
        if response.status_code < 400:
            household_page = request.view_args and "household_id" in request.view_args
            if household_page and current_user.is_authenticated and not g.get("audited"):
                db.session.rollback()
                raise AuditMissing(f"{request.endpoint} showed a household without an audit event")
            commit_at_end(db.session())
        else:
            db.session.rollback()
            audit.keep_after_rollback()
        headers = response.headers
        headers.setdefault("Content-Security-Policy",
                           "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                           "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("Referrer-Policy", "same-origin")
        if current_app.config["SESSION_COOKIE_SECURE"] and current_app.config.get("HSTS_MAX_AGE"):
            headers.setdefault("Strict-Transport-Security", f"max-age={int(current_app.config['HSTS_MAX_AGE'])}")
        if request.endpoint not in ("static", "theme.stylesheet", "theme.logo"):
            headers["Cache-Control"] = "no-store"
        return response


def install_errorhandlers(app):
    messages = {
        400: lambda: _("The request could not be processed. Please go back and try again."),
        403: lambda: _("You do not have permission to open this page."),
        404: lambda: _("This page does not exist, or you do not have access to it."),
        405: lambda: _("This page cannot be used this way."),
        429: lambda: _("Too many attempts. Wait a few minutes and try again."),
        500: lambda: _("Something went wrong on our side. Nothing you saved before is lost; please try again."),
    }

    def render_error(code):
        db.session.rollback()
        return render_template("errors.html", code=code, message=messages[code]()), code

    for code in messages:
        app.register_error_handler(code, lambda error, code=code: render_error(code))

    @app.errorhandler(IntegrityError)
    def concurrent_first_save(error):
        """Two first saves at the same moment of a record there is one of (a household's family plan, a member's
        wish): the second meets the first in the unique index, and is told as for any other record."""
        if not is_unique_violation(error):
            raise error
        return concurrent_change(error)

    @app.errorhandler(StaleDataError)
    def concurrent_change(error):
        """Two saves of the same record at the same moment: the first wins, the second is told."""
        db.session.rollback()
        message = _("Someone else saved this at the same moment. Go back and reload the page to see their change; "
                    "yours was not saved.")
        return render_template("errors.html", code=409, message=message), 409

    @app.errorhandler(HouseholdErased)
    def household_erased(error):
        """A page or form of an erased household (an old tab, a bookmark): say why nothing happens."""
        db.session.rollback()
        message = _("This family's file has been erased. Nothing can be added to it or changed; nothing was saved.")
        return render_template("errors.html", code=409, message=message), 409

    @app.errorhandler(CSRFError)
    def csrf_error(error):
        db.session.rollback()
        message = _("This form has expired or was not sent from this application. "
                    "Reload the page and try again; nothing has been saved.")
        return render_template("errors.html", code=400, message=message), 400


def is_unique_violation(error: IntegrityError) -> bool:
    """PostgreSQL names it by SQLSTATE 23505; SQLite only in its message."""
    return getattr(error.orig, "sqlstate", None) == "23505" or "UNIQUE constraint failed" in str(error.orig)

"""Logs an operator can feed to a log collector: with GEZINSAANPAK_LOG_FORMAT=json every message is one JSON
object per line, and every request adds a line with its request id, the user's id, the endpoint and route, the
status and the duration.

Never names and never the query string or form fields: a search for a family's name must not end up in a log.
The request id comes from the reverse proxy's X-Request-ID header when it sends one (so its log and ours can be
matched), and goes back in the response.
"""
import json
import logging
import re
import sys
import time
import uuid
from datetime import UTC, datetime

from flask import g, has_request_context, request
from flask.logging import default_handler

REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
request_log = logging.getLogger("gezinsaanpak.request")


class JsonFormatter(logging.Formatter):
    """One line of JSON per record; what a record carries in `extra={"fields": {...}}` joins the object."""

    def format(self, record):
        entry = {"time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
                 "level": record.levelname, "logger": record.name, "message": record.getMessage()}
        if has_request_context() and "request_id" in g:
            entry["request_id"] = g.request_id
        entry.update(getattr(record, "fields", {}))
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


def configure(app) -> None:
    """Send every log record to standard error as JSON (unless a JSON handler is already in place, as gunicorn's
    log configuration in gunicorn.conf.py sets one up)."""
    root = logging.getLogger()
    if not any(isinstance(handler.formatter, JsonFormatter) for handler in root.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(JsonFormatter())
        root.addHandler(handler)
    root.setLevel(logging.INFO)
    app.logger.removeHandler(default_handler)


def install(app) -> None:
    """Request ids for every request; JSON lines when LOG_FORMAT is "json"."""
    as_json = app.config.get("LOG_FORMAT") == "json"
    if as_json:
        configure(app)

    def start_request():
        incoming = request.headers.get("X-Request-ID", "")
        g.request_id = incoming if REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
        g.request_started = time.perf_counter()

    # First of all hooks: a request refused by an earlier one (CSRF, rate limit) still gets its id and duration.
    app.before_request_funcs.setdefault(None, []).insert(0, start_request)

    @app.after_request
    def log_request(response):
        response.headers.setdefault("X-Request-ID", g.get("request_id", ""))
        if as_json:
            user = g.get("_login_user")  # only when the request already loaded it: no query for the log
            fields = {"request_id": g.get("request_id"), "user_id": getattr(user, "id", None),
                      "method": request.method, "endpoint": request.endpoint,
                      "route": request.url_rule.rule if request.url_rule else None, "status": response.status_code,
                      "duration_ms": round((time.perf_counter() - g.get("request_started", time.perf_counter()))
                                           * 1000, 1)}
            request_log.info("%s %s %s", request.method, fields["route"], response.status_code,
                             extra={"fields": fields})
        return response

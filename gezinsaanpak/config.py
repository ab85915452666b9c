"""Configuration: defaults here, then `instance/config.py`, then `GEZINSAANPAK_*` environment variables."""
import os
import secrets
from datetime import timedelta
from pathlib import Path

from .files import write_private_text


class Defaults:
    SQLALCHEMY_TRACK_MODIFICATIONS = False
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False  # set True (GEZINSAANPAK_SESSION_COOKIE_SECURE=1) behind HTTPS
    REMEMBER_COOKIE_DURATION = timedelta(seconds=0)
    IDLE_TIMEOUT_MINUTES = 30
    IDLE_WARNING_SECONDS = 120  # the notice with a "stay logged in" button shows this long before the timeout
    # A form's CSRF token lives as long as the session (which the timeouts above end), not one hour besides: a form
    # saved after a long pause is kept for its user (drafts.py) instead of refused as "expired".
    WTF_CSRF_TIME_LIMIT = None
    SESSION_LIFETIME_HOURS = 12
    # Failed logins per client address (behind a proxy: the address it reports, see TRUSTED_PROXIES): generous, as a
    # whole office may share one address. Per account the database counts (auth/throttle.py): after
    # LOGIN_FREE_FAILURES failures the next attempt waits LOGIN_FIRST_WAIT_SECONDS, doubling up to the maximum.
    LOGIN_LIMIT = "30 per minute; 300 per hour"
    LOGIN_FREE_FAILURES = 5
    LOGIN_FIRST_WAIT_SECONDS = 15
    LOGIN_MAX_WAIT_SECONDS = 900
    PLAN_PDF_LIMIT = "20 per minute"  # family plan PDFs per user
    OVERVIEW_PDF_LIMIT = "10 per minute"  # PDFs of everything we hold about a household, per user
    # Where the limits per address are counted: "memory://" counts in each gunicorn worker on its own; a shared
    # store (GEZINSAANPAK_RATELIMIT_STORAGE_URI=redis://127.0.0.1:6379) counts them together.
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_HEADERS_ENABLED = False
    BABEL_DEFAULT_LOCALE = "nl"
    BABEL_DEFAULT_TIMEZONE = "Europe/Amsterdam"
    SUPPORT_MONTHS = 18  # the usual support period, from the first contact; longer with the team lead's agreement
    SUPPORT_WARNING_MONTHS = 15  # from this month on the coach and the team lead see the end coming
    SUPPORT_EXTENSION_MAX_MONTHS = 12  # one extension reaches at most this far past the current end
    # Where the municipality asks for it, a coach's closing of a registered household is a request that the team lead
    # of its team signs off (cases/closing.py); off, a coach closes at once.
    CLOSING_NEEDS_TEAM_LEAD = False
    PAGE_SIZE = 50
    DEMO_PASSWORD = "demo-gezinsaanpak"
    PASSWORD_HASH_METHOD = "scrypt"
    ACTIVATION_CODE_HOURS = 72  # how long the one-time code of a new account or a password reset works
    RETENTION_MONTHS = 24  # after closing, a household is anonymised by `flask retention apply`
    SAFETY_COPY_FOLDER = None  # where `restore` keeps the database it replaces; default next to the SQLite
    # file, or the instance folder for PostgreSQL
    TRUSTED_PROXIES = 0  # reverse proxies in front of the application (nginx: 1); their X-Forwarded-* are believed
    HSTS_MAX_AGE = 31536000  # with Secure cookies, browsers keep to HTTPS for a year; 0 sends no HSTS header
    LOG_FORMAT = "text"  # "json": one JSON object per line, with a line for every request
    BACKUP_DIR = None  # where the scheduled backups go; `flask check` looks at its permissions
    CLI_LANGUAGE = "nl"  # the language of the command line: its messages, help and errors
    VERBOSE = False  # Alembic's progress lines on `db upgrade` and `demo`
    # The municipality's look (theme.py): its name beside the logo, the logo file (SVG or PNG; absolute, or relative
    # to the instance folder) and its primary colour ("#rrggbb"; darkened where needed to read as text on white)
    THEME_NAME = ""
    THEME_LOGO = None
    THEME_PRIMARY_COLOR = "#154273"


def _coerce(value: str):
    """Environment values are strings; turn the obvious ones into booleans and numbers."""
    lowered = value.lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off"):
        return False
    if value.isdigit():
        return int(value)
    return value


def load_environment(config) -> None:
    """Apply GEZINSAANPAK_* variables; GEZINSAANPAK_DATABASE_URL names the database."""
    for key, value in os.environ.items():
        if not key.startswith("GEZINSAANPAK_") or key.startswith("GEZINSAANPAK_TEST_"):
            continue
        name = key.removeprefix("GEZINSAANPAK_")
        if name == "DATABASE_URL":
            config["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(value)
        else:
            config[name] = value if name.endswith("_URL") or name.endswith("_URI") else _coerce(value)


def normalise_database_url(url: str) -> str:
    """Accept plain postgres:// URLs and use psycopg 3 for them."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def ensure_secret_key(config, instance_path: str) -> None:
    """Keep the secret out of the repository: generate one into the instance folder on first start."""
    if config.get("SECRET_KEY"):
        return
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        write_private_text(path, secrets.token_hex(32))
    config["SECRET_KEY"] = path.read_text().strip()

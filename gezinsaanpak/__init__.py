"""Gezinsaanpak: case management for municipal family coaches who support families in poverty."""
import os
from pathlib import Path

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine

from . import config as config_module
from .extensions import babel, csrf, db, limiter, login_manager, migrate
from .files import private_sqlite_database
from .i18n import TemplatesPerLanguage

MIGRATIONS_DIR = str(Path(__file__).resolve().parent.parent / "migrations")


def create_app(test_config: dict | None = None) -> Flask:
    """Build the application: defaults, then instance/config.py, then GEZINSAANPAK_* variables."""
    app = Flask(__name__, instance_relative_config=True)
    app.jinja_environment = TemplatesPerLanguage  # before anything builds the environment
    app.config.from_object(config_module.Defaults)
    app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///" + os.path.join(app.instance_path, "gezinsaanpak.db")
    app.config.from_pyfile("config.py", silent=True)
    config_module.load_environment(app.config)
    if test_config:
        app.config.update(test_config)
    os.makedirs(app.instance_path, exist_ok=True)
    config_module.ensure_secret_key(app.config, app.instance_path)
    private_sqlite_database(app.config["SQLALCHEMY_DATABASE_URI"], app.instance_path)

    register_extensions(app)
    register_blueprints(app)
    register_household_parts(app)
    register_request_hooks(app)
    register_errorhandlers(app)
    register_commands(app)
    register_template_filters(app)
    return app


def register_extensions(app: Flask) -> None:
    from . import models  # noqa: F401  (every table, for Alembic and relationships)
    from .i18n import install as install_translations
    from .i18n import select_locale

    db.init_app(app)
    migrate.init_app(app, db, directory=MIGRATIONS_DIR, render_as_batch=True, compare_type=True)
    login_manager.init_app(app)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    install_translations(app)
    limiter.init_app(app)


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, connection_record):
    """SQLite per connection: check foreign keys; write-ahead log so readers never block the writer; wait for a
    busy writer instead of failing with "database is locked"; overwrite deleted content with zeros, so an erased
    household's text does not stay in free space (see erasures.py). Its lower() folds ASCII only, so searching
    "özdemir" missed "Özdemir": Python's takes its place, as PostgreSQL's folds every letter too."""
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        dbapi_connection.create_function("lower", 1, _lower, deterministic=True)
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.close()


def _lower(text):
    return text.lower() if isinstance(text, str) else text


def register_blueprints(app: Flask) -> None:
    from .admin import views_neighbourhoods  # noqa: F401  (on the admin blueprint)
    from .admin.views import bp as admin_bp
    from .auth import views_activation  # noqa: F401  (on the auth blueprint)
    from .auth.views import bp as auth_bp
    from .cases import views_audit, views_closing, views_consent, views_support, views_track  # noqa: F401
    from .cases.views import bp as cases_bp
    from .drafts import bp as drafts_bp
    from .health import health
    from .network import bp as network_bp
    from .network import views as network_views  # noqa: F401  (routes on the network blueprint)
    from .plans.views import bp as plans_bp
    from .privacy import views as privacy_views  # noqa: F401  (on the cases blueprint)
    from .referrals import views_admin as fund_pages  # noqa: F401  (on the referrals blueprint)
    from .referrals import views_panic  # noqa: F401  (on the referrals blueprint)
    from .referrals.views import bp as referrals_bp
    from .reports import views_admin  # noqa: F401  (target group sizes, on the admin blueprint)
    from .reports.views import bp as reports_bp
    from .reports.views_municipality import bp as municipality_bp
    from .signals.views import bp as signals_bp
    from .theme import install as install_theme
    from .visits.views import bp as visits_bp
    from .web import RecordIdConverter

    app.url_map.converters["int"] = RecordIdConverter
    for blueprint in (auth_bp, cases_bp, signals_bp, visits_bp, plans_bp, referrals_bp, network_bp, reports_bp,
                      municipality_bp, admin_bp,
                      drafts_bp):
        app.register_blueprint(blueprint)
    app.add_url_rule("/health", "health", health)
    install_theme(app)


def register_household_parts(app: Flask) -> None:
    """Each area's household-page section, timeline entries, due items and audit labels (cases/registry.py)."""
    from .cases import parts as cases_parts
    from .cases.registry import install
    from .network import parts as network_parts
    from .plans import parts as plans_parts
    from .referrals import parts as referrals_parts
    from .signals import parts as signals_parts
    from .visits import parts as visits_parts

    install(app, [cases_parts.register, signals_parts.register, plans_parts.register, referrals_parts.register,
                  network_parts.register, visits_parts.register])


def register_request_hooks(app: Flask) -> None:
    from .web import install_request_hooks
    install_request_hooks(app)


def register_errorhandlers(app: Flask) -> None:
    from .web import install_errorhandlers
    install_errorhandlers(app)


def register_commands(app: Flask) -> None:
    from .commands import register
    register(app)


def register_template_filters(app: Flask) -> None:
    from .history import as_date
    app.add_template_filter(as_date, "isodate")  # a stored ISO date, then |dateformat as everywhere

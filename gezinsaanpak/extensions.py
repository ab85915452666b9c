"""Unbound extension objects; `create_app` binds them to an application."""
from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

# Named constraints, so Alembic can alter them on SQLite and PostgreSQL alike.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
# One date format per language, the same pattern in both: "5 dec 2026" / "5 Dec 2026", with a time "5 dec 2026,
# 14:30"; a weekday in front where the day matters ("zaterdag 5 dec 2026", 'full').
DATE_FORMATS = {**Babel.default_date_formats, "date.short": "d MMM y", "date.medium": "d MMM y",
                "date.long": "d MMM y", "date.full": "EEEE d MMM y", "datetime.short": "d MMM y, HH:mm",
                "datetime.medium": "d MMM y, HH:mm", "datetime.long": "d MMM y, HH:mm"}
babel = Babel(date_formats=DATE_FORMATS)
# No storage here: it would override RATELIMIT_STORAGE_URI from the configuration.
limiter = Limiter(key_func=get_remote_address, default_limits=[])

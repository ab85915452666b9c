"""An existing database keeps the funds it loaded from an earlier catalogue: the migration corrects the ages the
guide gives ("tot 18" excludes 18) and leaves yearly renewal to the municipality."""
from flask_migrate import upgrade
from sqlalchemy import text

from gezinsaanpak import create_app
from gezinsaanpak.extensions import db

BEFORE = "b9c0516a0009"
ROWS = [  # code, min, max, applicants, yearly, local, edited
    ("leergeld", 4, 18, "parents", True, False, False),
    ("jeugdfonds_sport_cultuur", None, 18, "intermediaries", True, False, True),
    ("kinderhulp", None, 21, "intermediaries", False, False, False),
    ("uitgestelde_kinderfeestjes", 4, 12, "", False, False, False),
    ("local_sportfonds", None, 18, "intermediaries", True, True, True),
]


def test_shipped_funds_of_an_existing_database_get_the_guides_ages(tmp_path):
    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite:///" + str(tmp_path / "old.db"), "SECRET_KEY": "x",
                      "TESTING": True})
    with app.app_context():
        upgrade(revision=BEFORE)
        with db.engine.begin() as connection:
            for code, low, high, applicants, yearly, local, edited in ROWS:
                connection.execute(text(
                    "INSERT INTO funds (code, name, provides_nl, provides_en, min_age, max_age, applicants, is_sam, "
                    "is_yearly, is_local, edited_at) VALUES (:code, :code, 'x', 'x', :low, :high, :applicants, 0, "
                    ":yearly, :local, :edited)"),
                    {"code": code, "low": low, "high": high, "applicants": applicants, "yearly": yearly,
                     "local": local, "edited": "2026-11-30 10:00:00" if edited else None})
        upgrade()
        with db.engine.connect() as connection:
            funds = {row[0]: row[1:] for row in connection.execute(text(
                "SELECT code, min_age, max_age, applicants, is_yearly FROM funds"))}
        db.engine.dispose()
    assert funds["leergeld"] == (4, 17, "parents", False)
    assert funds["jeugdfonds_sport_cultuur"] == (None, 17, "recognised_intermediaries", True)  # edited: kept on
    assert funds["kinderhulp"] == (None, 20, "intermediaries", False)
    assert funds["uitgestelde_kinderfeestjes"][:2] == (5, 12)
    assert funds["local_sportfonds"] == (None, 18, "intermediaries", True)  # a local scheme is the municipality's

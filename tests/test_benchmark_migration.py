"""An existing database keeps its Child Bridge scores: one colour per domain, recorded before the benchmarks, stays
readable as domain-level history beside the benchmark-level assessments that follow."""
from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from gezinsaanpak import create_app
from gezinsaanpak.extensions import db
from gezinsaanpak.plans.assessments import benchmark_history
from gezinsaanpak.plans.models import Assessment

BEFORE = "f1a9e5c0d010"


def test_domain_level_colours_stay_as_domain_level_history(tmp_path):
    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite:///" + str(tmp_path / "old.db"), "SECRET_KEY": "x",
                      "TESTING": True})
    with app.app_context():
        upgrade(revision=BEFORE)
        with db.engine.begin() as connection:
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")  # only the rows this test reads back
            connection.execute(text(
                "INSERT INTO domains (id, code, scale, pillar_code, pillar_nl, pillar_en, label_nl, label_en, "
                "position) VALUES (1, 'child.self_regulation', 'child_bridge', 'p', 'Zelfregulatie', "
                "'Self-regulation', 'Zelfregulatie', 'Self-regulation', 11)"))
            connection.execute(text(
                "INSERT INTO assessments (id, household_id, member_id, scale, age_band, assessed_on, by_id, "
                "created_at) VALUES (7, 1, 1, 'child_bridge', 'by_11', '2026-10-01', 1, '2026-10-01 10:00:00')"))
            connection.execute(text(
                "INSERT INTO assessment_scores (assessment_id, domain_id, colour, note) "
                "VALUES (7, 1, 'orange', 'Kan zich slecht concentreren')"))
        upgrade()
        assessment = db.session.get(Assessment, 7)
        [score] = assessment.scores
        assert (score.colour, score.note, score.from_benchmarks) == ("orange", "Kan zich slecht concentreren", False)
        assert assessment.benchmark_scores == []
        [regulation] = benchmark_history([assessment])
        assert regulation.scores == [score] and regulation.benchmarks == []  # no benchmark catalogue loaded here
        db.session.remove()
        downgrade(revision=BEFORE)  # and back: the domain colours stay
        with db.engine.connect() as connection:
            kept = connection.execute(text("SELECT colour FROM assessment_scores")).scalars().all()
        db.engine.dispose()
    assert kept == ["orange"]

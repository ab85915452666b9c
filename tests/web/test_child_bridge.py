"""The Child Bridge through the pages: the benchmarks of the child's age band, a colour per benchmark, the domain's
colour that follows, and the history per benchmark beside older domain-level scores."""
import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from gezinsaanpak.cases import operations as cases
from gezinsaanpak.cases.models import Household
from gezinsaanpak.catalogues import load_catalogue
from gezinsaanpak.extensions import db
from gezinsaanpak.plans.models import Assessment, AssessmentScore, Benchmark, Domain
from tests.factories import make_household
from tests.helpers import TODAY

TODAY = TODAY


@pytest.fixture
def noor(app, world):
    """A registered household with Noor, seven years old; the domain and benchmark catalogues loaded."""
    with app.app_context():
        load_catalogue("domains")
        load_catalogue("benchmarks")
        household = make_household(world.coach, registered_on=TODAY - timedelta(days=600))
        child = cases.add_member(world.coach, db.session.get(Household, household.id), "Noor", "child",
                                 TODAY - timedelta(days=365 * 7 + 40))
        db.session.commit()
        return household.id, child.id


def benchmarks(app, band) -> dict[str, int]:
    with app.app_context():
        return {b.code: b.id for b in db.session.scalars(select(Benchmark).where(Benchmark.age_band == band))}


def test_the_form_for_a_seven_year_old_shows_the_benchmarks_of_middle_childhood(app, client, auth, world, noor):
    hid, nid = noor
    auth.login(world.coach)
    form = client.get(f"/households/{hid}/members/{nid}/assessments/new").text
    assert "Middenkindertijd (6-11 jaar)" in form
    for code, benchmark_id in benchmarks(app, "by_11").items():
        assert f'name="benchmark_{benchmark_id}"' in form, code
    assert "Haalt voor elk vak een voldoende." in form and "Volgt ingewikkelde opdrachten op." in form
    for band in ("by_5", "by_18"):
        assert not any(f'name="benchmark_{i}"' in form for i in benchmarks(app, band).values())
    assert "Volgt een opdracht in twee stappen op." not in form and "mbo, hbo of wo" not in form
    first = min(benchmarks(app, "by_11").values(), key=lambda i: form.index(f'name="benchmark_{i}"'))
    assert re.search(rf'<input autofocus[^>]*name="benchmark_{first}"', form)  # the first benchmark has the focus
    assert "G voor groen, O voor oranje, R voor rood" in form and "assess.js" in form


def test_colours_per_benchmark_give_each_domain_its_colour_and_show_per_benchmark(app, client, auth, world, noor):
    hid, nid = noor
    ids = benchmarks(app, "by_11")
    auth.login(world.coach)
    response = client.post(f"/households/{hid}/members/{nid}/assessments/new", data={
        "assessed_on": TODAY.isoformat(), "age_band": "by_11",
        f"benchmark_{ids['by_11.education.attendance']}": "green",
        f"benchmark_{ids['by_11.education.reading_maths']}": "orange",
        f"benchmark_{ids['by_11.education.sufficient_marks']}": "green",
        f"benchmark_{ids['by_11.social.gets_along']}": "green"})
    assert response.status_code == 302
    with app.app_context():
        derived = dict(db.session.execute(select(Domain.code, AssessmentScore.colour)
                                          .join(Domain, Domain.id == AssessmentScore.domain_id)).all())
    assert derived == {"child.educational_progress": "orange", "child.social_emotional": "green"}
    page = client.get(f"/households/{hid}/members/{nid}").text
    assert "Per ijkpunt" in page and "Haalt het niveau van zijn of haar groep in lezen en rekenen." in page
    row = page.split("Haalt het niveau van zijn of haar groep in lezen en rekenen.")[1].split("</tr>")[0]
    assert "Enige zorg" in row


def test_a_date_in_another_age_band_shows_that_bands_benchmarks_and_saves_nothing(app, client, auth, world, noor):
    hid, nid = noor
    ids = benchmarks(app, "by_11")
    auth.login(world.coach)
    response = client.post(f"/households/{hid}/members/{nid}/assessments/new", data={
        "assessed_on": (TODAY - timedelta(days=500)).isoformat(), "age_band": "by_11",
        f"benchmark_{ids['by_11.social.gets_along']}": "red"})
    assert response.status_code == 400
    assert "andere leeftijdsfase" in response.text and "Volgt een opdracht in twee stappen op." in response.text
    assert 'name="age_band" type="hidden" value="by_5"' in response.text
    assert re.search(r'<input[^>]*autofocus[^>]*name="assessed_on"', response.text)  # focus on the date to check
    assert "<input autofocus" not in response.text.split('name="assessed_on"')[1]
    with app.app_context():
        assert db.session.scalars(select(Assessment)).all() == []


def test_a_domain_level_score_from_before_the_benchmarks_stays_readable(app, client, auth, world, noor):
    hid, nid = noor
    with app.app_context():
        regulation = db.session.scalar(select(Domain).where(Domain.code == "child.self_regulation"))
        old = Assessment(household_id=hid, member_id=nid, scale="child_bridge", age_band="by_11",
                         assessed_on=TODAY - timedelta(days=30), by_id=world.coach.id)
        old.scores.append(AssessmentScore(domain=regulation, colour="red"))
        db.session.add(old)
        db.session.commit()
        old_id = old.id
    ids = benchmarks(app, "by_11")
    auth.login(world.coach)
    assert client.post(f"/households/{hid}/members/{nid}/assessments/new", data={
        "assessed_on": TODAY.isoformat(), "age_band": "by_11",
        **{f"benchmark_{i}": "green" for code, i in ids.items() if code.startswith("by_11.self_regulation")}
    }).status_code == 302
    page = client.get(f"/households/{hid}/members/{nid}").text
    assert "gescoord voor het domein als geheel" in page and "beter (+2)" in page
    detail = client.get(f"/households/{hid}/assessments/{old_id}").text
    assert "Hoge prioriteit" in detail and "vóór de ijkpunten" in detail

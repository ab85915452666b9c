"""Which funds a coach is shown for each child, and why: ages, who applies, birthdays and lead times.

The reasons are checked in Dutch, the language coaches see by default.
"""
from datetime import date, datetime, timedelta
from types import SimpleNamespace

import pytest

from gezinsaanpak.i18n import force_locale
from gezinsaanpak.referrals.suggestions import next_birthday, suggestions_for

from .helpers import born, funds

ON = date(2026, 3, 2)


def child(name, date_of_birth, school=None, member_id=1):
    return SimpleNamespace(id=member_id, role="child", first_name=name, date_of_birth=date_of_birth, school=school)


def suggested(member, referrals=(), on=ON):
    """{fund code: suggestion} for one child."""
    result = suggestions_for([member], funds().values(), list(referrals), on)
    return {s.fund.code: s for _member, items in result for s in items}


def test_a_child_of_8_with_a_birthday_in_7_weeks_is_suggested_a_jarige_job_box():
    found = suggested(child("Yusuf", born(8, 49, ON)))
    box = found["jarige_job"]
    assert box.kind == "birthday"
    assert box.deadline == ON + timedelta(days=49 - 42)
    assert "Jarig over 7 weken" in box.reason and "wordt 9" in box.reason and "6 weken" in box.reason
    assert box.applied_by == "coach"  # intermediaries may apply, so the coach can


def test_a_child_of_14_gets_no_jarige_job_box():
    assert "jarige_job" not in suggested(child("Noor", born(14, 49, ON)))


def test_a_child_of_16_gets_jeugdfonds_but_not_jarige_job():
    found = suggested(child("Daan", born(16, 49, ON)))
    assert "jeugdfonds_sport_cultuur" in found and "jarige_job" not in found
    assert "Daan is 16" in found["jeugdfonds_sport_cultuur"].reason


def test_the_box_is_for_the_age_the_child_turns():
    assert "jarige_job" in suggested(child("Lina", born(3, 49, ON)))  # turns 4
    assert "jarige_job" not in suggested(child("Sem", born(12, 49, ON)))  # turns 13


def test_a_birthday_far_away_is_not_suggested_yet():
    assert "jarige_job" not in suggested(child("Yusuf", born(8, 150, ON)))


def test_a_lead_time_that_can_no_longer_be_met_is_a_warning():
    box = suggested(child("Yusuf", born(8, 20, ON)))["jarige_job"]
    assert box.kind == "too_late" and box.deadline is None
    assert "over 2 weken" in box.reason and "lukt het niet meer" in box.reason


def test_the_last_day_to_apply_still_counts():
    box = suggested(child("Yusuf", born(8, 42, ON)))["jarige_job"]
    assert box.kind == "birthday" and box.deadline == ON


def test_who_applies_is_explained_and_prefilled():
    found = suggested(child("Yusuf", born(9, 200, ON), school="OBS Het Kompas"))
    assert found["leergeld"].applied_by == "family"
    assert "Ouders vragen zelf aan" in found["leergeld"].reason
    assert "vraag het aan OBS Het Kompas" in found["jeugdeducatiefonds"].reason
    assert "als gezinscoach" in found["kinderhulp"].reason


def test_ages_outside_a_range_are_not_suggested():
    found = suggested(child("Baby", born(0, 100, ON)))
    assert "leergeld" not in found and "jeugdfonds_sport_cultuur" in found  # Jeugdfonds: up to 17
    assert "kinderhulp" not in suggested(child("Oudste", born(22, 100, ON)))


@pytest.mark.parametrize("code, youngest, oldest", [
    ("leergeld", 4, 17),  # the guide: "van 4 tot 18 jaar"
    ("jeugdfonds_sport_cultuur", 0, 17),  # "tot 18 jaar"
    ("kinderhulp", 0, 20),  # "tot 21 jaar"
    ("uitgestelde_kinderfeestjes", 5, 12),  # "groep 2 tot en met 8"
])
def test_the_guides_tot_excludes_the_age_it_names(code, youngest, oldest):
    """An 18-year-old pointed to Leergeld, or a 21-year-old to Kinderhulp, would be refused."""
    assert code in suggested(child("Sam", born(oldest, 100, ON)))
    assert code not in suggested(child("Sam", born(oldest + 1, 100, ON)))
    if youngest:
        assert code in suggested(child("Sam", born(youngest, 100, ON)))
        assert code not in suggested(child("Sam", born(youngest - 1, 100, ON)))


def test_the_ages_read_as_the_guide_writes_them():
    found = suggested(child("Daan", born(16, 100, ON)))
    assert "Stichting Leergeld is voor kinderen van 4 tot 18 jaar" in found["leergeld"].reason
    assert "Nationaal Fonds Kinderhulp is voor kinderen tot 21 jaar" in found["kinderhulp"].reason
    with force_locale("en"):
        found = suggested(child("Daan", born(16, 100, ON)))
    assert "Stichting Leergeld is for children aged 4 to 17 (under 18)" in found["leergeld"].reason
    assert "Nationaal Fonds Kinderhulp is for children aged up to 20 (under 21)" in found["kinderhulp"].reason


def test_only_a_recognised_intermediary_applies_to_the_jeugdfonds():
    found = suggested(child("Daan", born(12, 100, ON)))["jeugdfonds_sport_cultuur"]
    assert "via een door het fonds erkende intermediair" in found.reason
    assert "ga na of jouw organisatie dat is" in found.reason
    assert "als gezinscoach" not in found.reason


def test_funds_without_an_age_range_and_retired_funds_are_not_suggested():
    catalogue = funds()
    catalogue["leergeld"].retired_at = datetime(2026, 1, 1)
    found = suggested(child("Yusuf", born(9, 200, ON)))
    assert "leergeld" not in found and "kledingbank" not in found


def test_a_fund_already_asked_is_not_suggested_again_but_a_rejection_is():
    catalogue = funds()
    yusuf = child("Yusuf", born(9, 200, ON))

    def referral(code, status, days_ago):
        return SimpleNamespace(member_id=yusuf.id, fund_id=catalogue[code].id, status=status,
                               created_at=datetime.combine(ON - timedelta(days=days_ago), datetime.min.time()))

    assert "leergeld" not in suggested(yusuf, [referral("leergeld", "applied", 20)])
    assert "leergeld" in suggested(yusuf, [referral("leergeld", "rejected", 20)])
    assert "leergeld" in suggested(yusuf, [referral("leergeld", "delivered", 400)])


def test_last_years_birthday_box_does_not_block_this_years():
    catalogue = funds()
    yusuf = child("Yusuf", born(8, 49, ON))
    last_year = SimpleNamespace(member_id=yusuf.id, fund_id=catalogue["jarige_job"].id, status="delivered",
                                created_at=datetime.combine(ON - timedelta(days=320), datetime.min.time()))
    assert suggested(yusuf, [last_year])["jarige_job"].kind == "birthday"


def test_only_children_get_suggestions_and_birthday_funds_come_first():
    parent = SimpleNamespace(id=2, role="parent", first_name="Samira", date_of_birth=date(1988, 3, 14), school=None)
    yusuf = child("Yusuf", born(8, 49, ON))
    result = suggestions_for([parent, yusuf], funds().values(), [], ON)
    assert [member.first_name for member, _items in result] == ["Yusuf"]
    assert result[0][1][0].fund.code == "jarige_job"


@pytest.mark.parametrize("born_on, on, expected", [
    (date(2018, 4, 20), date(2026, 3, 2), date(2026, 4, 20)),
    (date(2018, 1, 20), date(2026, 3, 2), date(2027, 1, 20)),
    (date(2018, 3, 2), date(2026, 3, 2), date(2026, 3, 2)),
    (date(2016, 2, 29), date(2026, 1, 10), date(2026, 2, 28)),
])
def test_next_birthday(born_on, on, expected):
    assert next_birthday(born_on, on) == expected

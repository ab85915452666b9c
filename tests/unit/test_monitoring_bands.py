"""The monitoring export cuts children's ages as the guide does (Child Bridge: 0-5, 6-11, 12-18 years), so a
researcher can put a child's age band beside the Child Bridge band of their assessments."""
from datetime import date

import pytest

from gezinsaanpak.plans.assessments import age_band_for
from gezinsaanpak.reports.export import age_band

ON = date(2026, 12, 31)
CHILD_BRIDGE = {"by_5": "0-5", "by_11": "6-11", "by_18": "12-18"}


def born(age):
    return date(ON.year - age, 6, 1)


@pytest.mark.parametrize("age, band", [(0, "0-5"), (5, "0-5"), (6, "6-11"), (11, "6-11"), (12, "12-18"),
                                       (18, "12-18"), (19, "19-22"), (22, "19-22"), (23, "23+")])
def test_a_childs_age_band_in_the_export(age, band):
    assert age_band("child", born(age), ON) == band


@pytest.mark.parametrize("age", range(0, 19))
def test_the_export_band_is_the_child_bridge_band(age):
    assert age_band("child", born(age), ON) == CHILD_BRIDGE[age_band_for(born(age), ON)]


def test_a_parent_is_an_adult():
    assert age_band("parent", born(40), ON) == "adult"

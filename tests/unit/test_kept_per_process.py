"""What each process keeps of links, days and numbers it wrote reads the same as writing them afresh, in the
reader's language and under the address the application is mounted at."""
from datetime import date, datetime

import flask_babel
from flask import url_for

from gezinsaanpak.i18n import dateformat, force_locale, number


def test_a_link_is_the_same_as_built_afresh_and_follows_the_mount_point(app):
    with app.test_request_context("/households/7"):
        first = url_for("plans.goal", household_id=7, goal_id=3)
        again = url_for("plans.goal", household_id=7, goal_id=3)
        other = url_for("plans.goal", household_id=8, goal_id=3)
        listed = url_for("reports.households", metric="no_contact", coach=4)
        anchored = url_for("plans.goal", household_id=7, goal_id=3, _anchor="actions")
        external = url_for("plans.goal", household_id=7, goal_id=3, _external=True)
    assert first == again == "/households/7/goals/3"
    assert other == "/households/8/goals/3"
    assert listed == "/team/households?metric=no_contact&coach=4"  # the query in the order it was written
    assert anchored == "/households/7/goals/3#actions"
    assert external == "http://localhost/households/7/goals/3"
    with app.test_request_context("/households/7", base_url="http://localhost/gezinsaanpak"):
        assert url_for("plans.goal", household_id=7, goal_id=3) == "/gezinsaanpak/households/7/goals/3"


def test_a_day_and_a_number_read_as_babel_writes_them_in_both_languages(app):
    day = date(2026, 12, 5)
    with app.test_request_context("/"):
        for lang, expected_day, expected_number in (("nl", "5 dec 2026", "1.250,5"), ("en", "5 Dec 2026", "1,250.5")):
            with force_locale(lang):
                for pattern in (None, "short", "medium", "long", "full", "d MMMM y"):
                    assert dateformat(day, pattern) == flask_babel.format_date(day, pattern)
                assert dateformat(day) == expected_day
                assert number(1250.5, 1) == expected_number
                assert number(7) == "7" and number(None) == "–"
        # a time is moved into the reader's time zone first (UTC 23:30 is the next day in Amsterdam)
        assert dateformat(datetime(2026, 12, 5, 23, 30)) == "6 dec 2026"

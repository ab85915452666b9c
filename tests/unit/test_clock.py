"""The fixed day the tests run on reaches the application, and the application's notion of today is local."""
import time
from datetime import UTC, datetime, timedelta
from unittest import mock

from gezinsaanpak import timeutil
from tests.helpers import TODAY


def test_the_application_runs_on_the_tests_fixed_day():
    assert timeutil.today() == TODAY
    assert abs(timeutil.utcnow().date() - TODAY) <= timedelta(days=1)


def test_today_is_the_local_day_not_utcs():
    """Just after midnight in Amsterdam it is still yesterday in UTC: the coach's 'today' is the local one."""
    late_utc = datetime(2026, 3, 9, 23, 30, tzinfo=UTC)
    with mock.patch.object(timeutil, "_clock", lambda: late_utc):
        with mock.patch.dict("os.environ", {"TZ": "Europe/Amsterdam"}):
            time.tzset()
            local_day, stored = timeutil.today(), timeutil.utcnow()
        time.tzset()
    assert local_day.isoformat() == "2026-03-10"
    assert stored == datetime(2026, 3, 9, 23, 30)

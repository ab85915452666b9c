"""gunicorn's settings (gunicorn.conf.py) as the systemd unit and the throughput benchmark use them."""
import gc
import runpy
import weakref
from pathlib import Path

import pytest

CONFIG = Path(__file__).resolve().parent.parent / "gunicorn.conf.py"


class Worker:
    """What gunicorn hands the hooks: an object the hooks may keep a count on."""


@pytest.fixture
def settings():
    thresholds = gc.get_threshold()
    yield runpy.run_path(str(CONFIG))
    gc.unfreeze()
    gc.set_threshold(*thresholds)


def test_a_worker_sets_what_it_built_at_start_up_aside_from_the_garbage_collector(settings):
    """A full collection would otherwise walk every object the application made at start-up, some 95 ms every few
    hundred requests: a pause in one family's page."""
    settings["post_worker_init"](Worker())
    assert gc.get_freeze_count() > 1000
    assert gc.get_threshold()[0] == settings["GC_EVERY"]  # a page view no longer sets the collector off itself


def test_what_a_request_leaves_in_cycles_is_freed_once_it_is_answered(settings):
    worker = Worker()
    settings["post_worker_init"](worker)

    class Record:
        pass

    for _request in range(settings["GC_FULL_EVERY"] + 1):
        left = [Record() for _ in range(50)]
        for record in left:
            record.itself = record  # a cycle: only the collector frees it
        freed = weakref.ref(left[0])
        del left, record
        settings["post_request"](worker, None, {}, None)
        assert freed() is None
    assert worker.requests_served == settings["GC_FULL_EVERY"] + 1


def test_the_access_log_leaves_out_what_a_family_typed():
    """A search for a family's name must not end up in a log: no query string, no referrer."""
    settings = runpy.run_path(str(CONFIG))
    assert "%(U)s" in settings["access_log_format"] and "%(q)s" not in settings["access_log_format"]
    assert "%(f)s" not in settings["access_log_format"] and "%(r)s" not in settings["access_log_format"]

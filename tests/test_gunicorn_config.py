"""gunicorn's settings (gunicorn.conf.py) as the systemd unit and the throughput benchmark use them."""
import gc
import runpy
from pathlib import Path

CONFIG = Path(__file__).resolve().parent.parent / "gunicorn.conf.py"


def test_a_worker_sets_what_it_built_at_start_up_aside_from_the_garbage_collector():
    """A full collection would otherwise walk every object the application made at start-up, some 95 ms every few
    hundred requests: a pause in one family's page."""
    settings = runpy.run_path(str(CONFIG))
    try:
        settings["post_worker_init"](worker=None)
        assert gc.get_freeze_count() > 1000
    finally:
        gc.unfreeze()


def test_the_access_log_leaves_out_what_a_family_typed():
    """A search for a family's name must not end up in a log: no query string, no referrer."""
    settings = runpy.run_path(str(CONFIG))
    assert "%(U)s" in settings["access_log_format"] and "%(q)s" not in settings["access_log_format"]
    assert "%(f)s" not in settings["access_log_format"] and "%(r)s" not in settings["access_log_format"]

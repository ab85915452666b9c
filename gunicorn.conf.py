"""gunicorn settings for Gezinsaanpak: `gunicorn --config gunicorn.conf.py wsgi:app` from the project folder.

Each can be set in the environment (the systemd unit reads /etc/gezinsaanpak/gezinsaanpak.env):
- GEZINSAANPAK_BIND, default 127.0.0.1:8000: only the reverse proxy on this machine reaches the application;
- GEZINSAANPAK_WORKERS, default 2 per CPU plus 1, at most 8;
- GEZINSAANPAK_TIMEOUT, default 60 seconds: the heaviest pages (family plan PDF, reach report) take well under a
  second at 20,000 households, so a request still running after a minute is stuck and its worker is restarted;
- GEZINSAANPAK_LOG_FORMAT: "json" makes gunicorn's own lines JSON as well, and leaves the line per request to the
  application (it knows the user and the route); otherwise gunicorn writes an access log.

The access log leaves out the query string and the referrer: a search for a family's name must not end up in a log.
"""
import gc
import multiprocessing
import os

env = os.environ.get

bind = env("GEZINSAANPAK_BIND", "127.0.0.1:8000")
workers = int(env("GEZINSAANPAK_WORKERS", min(2 * multiprocessing.cpu_count() + 1, 8)))
timeout = int(env("GEZINSAANPAK_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
max_requests = 5000  # a worker is replaced now and then, so a slow leak cannot grow
max_requests_jitter = 500
proc_name = "gezinsaanpak"
control_socket_disable = True  # gunicorn 25+: systemd starts, reloads and stops it; no socket in a home folder
errorlog = "-"

if env("GEZINSAANPAK_LOG_FORMAT") == "json":
    accesslog = None
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "gezinsaanpak.logs.JsonFormatter"}},
        "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}},
        "root": {"level": "INFO", "handlers": ["stderr"]},
        "loggers": {"gunicorn.error": {"level": "INFO", "handlers": ["stderr"], "propagate": False}},
    }
else:
    accesslog = "-"
    access_log_format = '%(h)s %(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms %({x-request-id}i)s'


# The garbage collector, around requests rather than inside them. A page view leaves some thousand objects in
# reference cycles (its loaded records, the template's context); collected while the request runs, the collector
# walks the objects still in use again and again, and promotes them to be walked once more later. Collected once
# the answer is sent, only what the request left is walked, and nearly all of it is freed at once.
GC_EVERY = 20_000  # allocations before the collector runs by itself: a page view does not reach it, an export may
GC_OLDER_EVERY, GC_FULL_EVERY = 10, 1_000  # requests between collections of the older generations


def post_worker_init(worker):
    """Once the worker has loaded the application, what it built at start-up (routes, templates, mappers,
    translations) lives as long as the worker: the garbage collector stops walking it. Otherwise each full
    collection, every few hundred requests, walks some 190,000 objects: a pause of about 95 ms in one answer."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(GC_EVERY, 10, 10)
    worker.requests_served = 0


def post_request(worker, req, environ, resp):
    """After the answer is sent: collect what the request left in cycles (see GC_EVERY)."""
    worker.requests_served = served = getattr(worker, "requests_served", 0) + 1
    gc.collect(2 if served % GC_FULL_EVERY == 0 else 1 if served % GC_OLDER_EVERY == 0 else 0)

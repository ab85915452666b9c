"""Throughput: gunicorn with 2 workers on 127.0.0.1 against a SQLite municipality, under a bounded load.

    .venv/bin/python benchmarks/throughput.py --households 1000 --clients 4 --seconds 30

Three runs on the same data, one after the other, each with the same clients for the same time:
- the floor (benchmarks/floor.py, the bare household page) under gunicorn the same way;
- the household page of the real application;
- a mixed run: each client goes round a coach's morning (start page, households list, household page, signals
  page, family plan, and a contact saved through its form, CSRF token and all).
Each client is a thread with its own logged-in session that asks again as soon as the previous answer is complete
(a closed loop, so the load is bounded by the number of clients). Prints requests per second, median and p95 of
each run and the household page's share of the floor's requests per second; fails on any error. The target
(issue 18): the household page at 300 requests per second or more, or at least 40% of the floor's.
"""
import argparse
import http.cookiejar
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
from benchmarks.municipality import TOKEN, build, make_app, pick_subjects  # noqa: E402
from benchmarks.serving import free_port, wait_for  # noqa: E402


def logged_in(base: str, email: str, password: str):
    """An opener with its own cookie jar, logged in through the login form."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    page = opener.open(f"{base}/login").read().decode()
    data = urllib.parse.urlencode({"email": email, "password": password,
                                   "csrf_token": TOKEN.search(page).group(1)}).encode()
    answer = opener.open(f"{base}/login", data=data)
    if "/login" in answer.geturl():
        raise RuntimeError(f"could not log in as {email}")
    return opener


TARGET_RPS, TARGET_SHARE = 300, 0.40


def fetch(opener, url: str, data: bytes | None = None) -> str:
    """One answer, read whole; anything but a 200 that stayed logged in is an error."""
    with opener.open(url, data=data, timeout=30) as answer:
        body = answer.read().decode()
        if answer.status != 200 or "/login" in answer.geturl():
            raise RuntimeError(f"{answer.status} {answer.geturl()}")
    return body


def coach_round(base: str, household_id: int):
    """The mixed run's round: what a coach opens in a morning, and one contact saved (its form, then the post)."""
    pages = [f"{base}/start", f"{base}/my-households", f"{base}/households/{household_id}",
             f"{base}/households/{household_id}/signals/record", f"{base}/households/{household_id}/plan"]
    form = f"{base}/households/{household_id}/contacts/new"

    def steps(opener):
        for page in pages:
            yield lambda page=page: fetch(opener, page)
        yield lambda: fetch(opener, form)
        yield lambda: save_contact(opener, form)
    return steps


def save_contact(opener, form_url: str) -> str:
    page = fetch(opener, form_url)
    data = urllib.parse.urlencode({"kind": "phone", "contact_on": time.strftime("%Y-%m-%d"),
                                   "duration_minutes": "10", "note": "Gebeld over de aanvraag.",
                                   "csrf_token": TOKEN.search(page).group(1)}).encode()
    return fetch(opener, form_url, data)


def load(openers, url, seconds: float):
    """Every client asks for `url` in a loop until the time is up (or, for a round, takes its steps in turn);
    returns (latencies in s, errors)."""
    latencies, errors = [], []
    deadline = time.perf_counter() + seconds

    def client(opener):
        steps = url(opener) if callable(url) else None
        while time.perf_counter() < deadline:
            step = next(steps, None) if steps is not None else None
            if steps is not None and step is None:
                steps = url(opener)
                continue
            started = time.perf_counter()
            try:
                step() if step is not None else fetch(opener, url)
            except Exception as error:  # noqa: BLE001 - every failure counts as an error
                errors.append(repr(error))
                continue
            latencies.append(time.perf_counter() - started)

    threads = [threading.Thread(target=client, args=(opener,)) for opener in openers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors


def serve(command, env):
    """A gunicorn on a free port; returns (process, base address) once it answers."""
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", *command, "-b", f"127.0.0.1:{port}"],
                              cwd=PROJECT, env=env, start_new_session=True,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for(port)
    return server, f"http://127.0.0.1:{port}"


def stop(server) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    server.wait()


def report(name: str, latencies, errors, seconds: float) -> float:
    ms = sorted(s * 1000 for s in latencies)
    p50, p95 = ms[len(ms) // 2], ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    rps = len(ms) / seconds
    print(f"{name:<16} {len(ms):6d} requests, {len(errors)} errors: {rps:6.1f} requests per second, "
          f"median {p50:5.1f} ms, p95 {p95:5.1f} ms", flush=True)
    if errors:
        print("  first error:", errors[0])
    return rps


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--households", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=4, help="concurrent clients (each waits for its answer)")
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    failed = False
    with tempfile.TemporaryDirectory(prefix="gezinsaanpak-throughput-") as tmp:
        url = f"sqlite:///{tmp}/throughput.db"
        app = make_app(url)
        print(f"building {args.households} households ...", end=" ", flush=True)
        print(f"{build(app, args.households):.0f} s", flush=True)
        subjects = pick_subjects(app)
        password = app.config["DEMO_PASSWORD"]
        env = dict(os.environ, GEZINSAANPAK_DATABASE_URL=url, GEZINSAANPAK_SECRET_KEY="throughput",
                   GEZINSAANPAK_LOGIN_LIMIT="10000 per minute")
        workers = ["-w", str(args.workers)]
        print(f"{args.clients} clients for {args.seconds:.0f} s per run against gunicorn ({args.workers} workers, "
              f"SQLite, {args.households} households) on 127.0.0.1; load average "
              f"{os.getloadavg()[0]:.2f} before", flush=True)

        floor, base = serve([*workers, f"benchmarks.floor:make_floor_app({url!r})"], env)
        try:
            openers = [urllib.request.build_opener() for _ in range(args.clients)]
            page = f"{base}/households/{subjects.household_id}"
            load(openers, page, 2)  # warm up both workers
            floor_rps = report("floor", *load(openers, page, args.seconds), args.seconds)
        finally:
            stop(floor)

        server, base = serve([*workers, "wsgi:app"], env)
        try:
            openers = [logged_in(base, subjects.coach_email, password) for _ in range(args.clients)]
            page = f"{base}/households/{subjects.household_id}"
            load(openers, page, 2)
            latencies, errors = load(openers, page, args.seconds)
            household_rps = report("household page", latencies, errors, args.seconds)
            failed |= bool(errors)
            latencies, errors = load(openers, coach_round(base, subjects.household_id), args.seconds)
            report("mixed", latencies, errors, args.seconds)
            failed |= bool(errors)
        finally:
            stop(server)
    share = household_rps / floor_rps if floor_rps else 0
    met = household_rps >= TARGET_RPS or share >= TARGET_SHARE
    print(f"household page: {share:.0%} of the floor's requests per second "
          f"(target: {TARGET_RPS} requests per second or {TARGET_SHARE:.0%} of the floor): "
          f"{'met' if met else 'MISSED'}; load average {os.getloadavg()[0]:.2f} after")
    sys.exit(1 if failed or not met else 0)


if __name__ == "__main__":
    main()

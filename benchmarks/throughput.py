"""Throughput: gunicorn with 2 workers on 127.0.0.1 against a SQLite municipality, under a bounded load on the
household page.

    .venv/bin/python benchmarks/throughput.py --households 1000 --clients 4 --seconds 30

Each client is a thread with its own logged-in session that asks for the household page again as soon as the
previous answer is complete (a closed loop, so the load is bounded by the number of clients). Prints requests
per second, median and p95, and fails on any error.
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


def load(openers, url: str, seconds: float):
    """Every client asks for `url` in a loop until the time is up; returns (latencies in s, errors)."""
    latencies, errors = [], []
    deadline = time.perf_counter() + seconds

    def client(opener):
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            try:
                with opener.open(url, timeout=30) as answer:
                    answer.read()
                    if answer.status != 200 or "/login" in answer.geturl():
                        raise RuntimeError(f"{answer.status} {answer.geturl()}")
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


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--households", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=4, help="concurrent clients (each waits for its answer)")
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--path", default="/households/{h}", help="the page to load ({h}: the coach's household)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="gezinsaanpak-throughput-") as tmp:
        url = f"sqlite:///{tmp}/throughput.db"
        app = make_app(url)
        print(f"building {args.households} households ...", end=" ", flush=True)
        print(f"{build(app, args.households):.0f} s", flush=True)
        subjects = pick_subjects(app)
        password = app.config["DEMO_PASSWORD"]
        port = free_port()
        env = dict(os.environ, GEZINSAANPAK_DATABASE_URL=url, GEZINSAANPAK_SECRET_KEY="throughput",
                   GEZINSAANPAK_LOGIN_LIMIT="10000 per minute")
        server = subprocess.Popen([sys.executable, "-m", "gunicorn", "-w", str(args.workers), "-b",
                                   f"127.0.0.1:{port}", "wsgi:app"], cwd=PROJECT, env=env, start_new_session=True,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_for(port)
            base = f"http://127.0.0.1:{port}"
            openers = [logged_in(base, subjects.coach_email, password) for _ in range(args.clients)]
            page = base + args.path.format(h=subjects.household_id)
            load(openers, page, 2)  # warm up both workers
            print(f"{args.clients} clients for {args.seconds:.0f} s on {args.path} against gunicorn "
                  f"({args.workers} workers, SQLite, {args.households} households) on 127.0.0.1:{port} ...",
                  flush=True)
            latencies, errors = load(openers, page, args.seconds)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait()
    ms = sorted(s * 1000 for s in latencies)
    p50, p95 = ms[len(ms) // 2], ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    print(f"{len(ms)} requests, {len(errors)} errors: {len(ms) / args.seconds:.1f} requests per second, "
          f"median {p50:.1f} ms, p95 {p95:.1f} ms")
    if errors:
        print("first error:", errors[0])
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()

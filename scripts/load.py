"""Load test: a demo municipality served by gunicorn on 127.0.0.1, with simulated coaches for a bounded time.

    python scripts/load.py [--users 50] [--seconds 60]

Prints requests, failures, p50 and p95 per page, and exits non-zero if any request failed.
"""
import argparse
import csv
import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
from benchmarks.serving import free_port, wait_for  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    bin_dir = Path(sys.executable).parent
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, GEZINSAANPAK_DATABASE_URL=f"sqlite:///{tmp}/load.db",
                   GEZINSAANPAK_SECRET_KEY="load-test", GEZINSAANPAK_LOGIN_LIMIT="10000 per minute")
        subprocess.run([str(bin_dir / "flask"), "--app", "gezinsaanpak", "demo"], cwd=PROJECT, env=env, check=True,
                       stdout=subprocess.DEVNULL)
        port = free_port()
        server = subprocess.Popen([sys.executable, "-m", "gunicorn", "-w", str(args.workers), "-b",
                                   f"127.0.0.1:{port}", "wsgi:app"], cwd=PROJECT, env=env, start_new_session=True,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_for(port)
            print(f"{args.users} simulated coaches for {args.seconds} s against gunicorn "
                  f"({args.workers} workers, SQLite) on 127.0.0.1:{port} ...", flush=True)
            subprocess.run([str(bin_dir / "locust"), "-f", str(PROJECT / "scripts" / "locustfile.py"), "--headless",
                            "-u", str(args.users), "-r", str(max(args.users // 5, 1)), "-t", f"{args.seconds}s",
                            "--host", f"http://127.0.0.1:{port}", "--csv", f"{tmp}/load", "--only-summary"],
                           cwd=PROJECT, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait()
        failures = report(Path(f"{tmp}/load_stats.csv"))
    sys.exit(1 if failures else 0)


def report(stats_file: Path) -> int:
    rows = list(csv.DictReader(stats_file.open()))
    print(f"{'page':<45} {'requests':>9} {'failures':>9} {'p50 ms':>8} {'p95 ms':>8} {'req/s':>8}")
    failures = 0
    for row in rows:
        name = row["Name"] if row["Type"] else "all"
        print(f"{(row['Type'] + ' ' + name).strip():<45} {row['Request Count']:>9} {row['Failure Count']:>9} "
              f"{row['50%']:>8} {row['95%']:>8} {float(row['Requests/s']):>8.1f}")
        if row["Name"] == "Aggregated":
            failures = int(row["Failure Count"])
    print("zero errors" if failures == 0 else f"{failures} requests failed")
    return failures


if __name__ == "__main__":
    main()

"""Performance at municipal scale: every page a coach and a team lead use, at several sizes, on SQLite and
PostgreSQL.

    .venv/bin/python benchmarks/run.py --sizes 1000,20000 --requests 50 --json /tmp/gezinsaanpak-benchmark.json

For each database and size it builds a synthetic municipality (migrations, then the benchmark-data builder),
logs in a coach and a team lead through the login form and requests each page through the real WSGI app.
Server time is the time the application takes to produce the whole response body; SQL statements are counted
with SQLAlchemy's `before_cursor_execute` event. The household page shows the newest timeline entries; the
timeline page shows them all, a page at a time. For the dashboard and the reach report the query functions
behind them are also timed on their own ("bare SQL"). The figures go to a JSON file only where --json says; the
exit status is 1 when a target is missed, so a CI job or a script notices.
"""
import argparse
import gc
import json
import os
import platform
import statistics
import sys
import time
from contextlib import ExitStack
from datetime import date
from pathlib import Path

import sqlalchemy
from sqlalchemy import event, select

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.floor import make_floor_app  # noqa: E402
from benchmarks.municipality import (  # noqa: E402
    POSTGRES_ADMIN_URL,
    build,
    log_in,
    make_app,
    pick_subjects,
    postgres_database,
    postgres_problem,
    sqlite_database,
)
from gezinsaanpak.cases.models import Household, Neighbourhood  # noqa: E402
from gezinsaanpak.extensions import db  # noqa: E402
from gezinsaanpak.reports import caseload, reach  # noqa: E402
from gezinsaanpak.timeutil import today  # noqa: E402

# (key, label, who, path); {h} is the measured household.
PAGES = [
    ("start", "coach: start page", "coach", "/start"),
    ("households", "coach: households list", "coach", "/my-households"),
    ("household", "household page", "coach", "/households/{h}"),
    ("timeline", "timeline (first page)", "coach", "/households/{h}/timeline"),
    ("signals", "signals recording page", "coach", "/households/{h}/signals/record"),
    ("plan", "family plan page", "coach", "/households/{h}/plan"),
    ("pdf", "family plan PDF", "coach", "/households/{h}/plan.pdf"),
    ("dashboard", "team lead dashboard", "teamlead", "/team/"),
    ("reach", "reach report", "teamlead", "/team/reach"),
]
WARM_UP = 10
# Targets (issue 18): on SQLite every HTML page within FLOOR_LIMIT x the floor's median and with a p95 under
# P95_LIMIT_MS; on PostgreSQL every HTML page's p95 under PG_P95_LIMIT_MS (~0.4 ms per statement round trip
# included: a page of 17 statements against a floor of 3 pays them 14 times more, so there the ratio to the floor is
# shown, not judged); the plan PDF's p95 under PDF_LIMIT_MS; a page at the largest size at most GROWTH_LIMIT x its
# median at the smallest; dashboard and reach at most BARE_LIMIT x their bare SQL.
P95_LIMIT_MS, PG_P95_LIMIT_MS, PDF_LIMIT_MS = 15.0, 25.0, 60.0
GROWTH_LIMIT, BARE_LIMIT, FLOOR_LIMIT = 1.3, 3.0, 3.0


class Measured:
    """WSGI middleware: the time until the whole body is produced, and the SQL statements on the way (with the
    time spent executing them, to tell the database's share from Python's)."""

    def __init__(self, app, engine):
        self.wsgi_app = app.wsgi_app
        self.statements = 0
        self.seconds = self.cpu_seconds = self.sql_seconds = 0.0
        self._sent = 0.0
        event.listen(engine, "before_cursor_execute", self._before)
        event.listen(engine, "after_cursor_execute", self._after)

    def _before(self, *args):
        self.statements += 1
        self._sent = time.perf_counter()

    def _after(self, *args):
        self.sql_seconds += time.perf_counter() - self._sent

    def __call__(self, environ, start_response):
        self.statements = 0
        self.sql_seconds = 0.0
        started, cpu_started = time.perf_counter(), time.process_time()
        iterable = self.wsgi_app(environ, start_response)
        try:
            body = b"".join(iterable)
        finally:
            if hasattr(iterable, "close"):
                iterable.close()
        self.seconds = time.perf_counter() - started
        self.cpu_seconds = time.process_time() - cpu_started
        return [body]


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def summary(seconds: list[float]) -> dict:
    ms = [s * 1000 for s in seconds]
    return {"median_ms": round(statistics.median(ms), 2), "p95_ms": round(percentile(ms, 0.95), 2),
            "min_ms": round(min(ms), 2), "max_ms": round(max(ms), 2), "requests": len(ms)}


class Municipality:
    """One size, built and ready: the app with its meter, a logged-in coach and team lead, and what they look at."""

    def __init__(self, url: str, size: int):
        self.size = size
        self.app = make_app(url)
        print(f"  building {size} households ...", end=" ", flush=True)
        self.build_seconds = build(self.app, size)
        print(f"{self.build_seconds:.0f} s", flush=True)
        self.subjects = pick_subjects(self.app)
        with self.app.app_context():
            self.meter = Measured(self.app, db.engine)
        self.app.wsgi_app = self.meter
        self.floor_app = make_floor_app(url)
        with self.floor_app.app_context():
            self.floor_meter = Measured(self.floor_app, self.floor_app.extensions["sqlalchemy"].engine)
        self.floor_app.wsgi_app = self.floor_meter
        self.floor_client = self.floor_app.test_client()
        self.clients = {"coach": self.app.test_client(), "teamlead": self.app.test_client()}
        log_in(self.clients["coach"], self.subjects.coach_email, self.app.config["DEMO_PASSWORD"])
        log_in(self.clients["teamlead"], self.subjects.teamlead_email, self.app.config["DEMO_PASSWORD"])

    def get(self, who: str, path: str) -> tuple[float, float, int]:
        """(seconds, CPU seconds, seconds executing SQL, statements) of one request."""
        response = self.clients[who].get(path.format(h=self.subjects.household_id))
        if response.status_code != 200:
            raise RuntimeError(f"{path} answered {response.status_code} at {self.size} households")
        return self.meter.seconds, self.meter.cpu_seconds, self.meter.sql_seconds, self.meter.statements

    def get_floor(self) -> tuple[float, float, int]:
        """The same as `get`, for the floor: the bare household page of the same household."""
        response = self.floor_client.get(f"/households/{self.subjects.household_id}")
        if response.status_code != 200:
            raise RuntimeError(f"the floor page answered {response.status_code} at {self.size} households")
        m = self.floor_meter
        return m.seconds, m.cpu_seconds, m.sql_seconds, m.statements

    def bare_queries(self) -> dict:
        """The query functions behind the dashboard and the reach report, called as their pages call them."""
        team, start, end = self.subjects.team_id, date(today().year, 1, 1), today()

        def reach_queries():
            scope = reach.Scope(team_id=team)
            reach.reach(start, end, scope)
            reach.provisions_delivered(start, end, scope)
            reach.flow(start, end, scope)
            db.session.scalars(select(Neighbourhood).where(Neighbourhood.id.in_(
                select(Household.neighbourhood_id).where(Household.team_id == team)))).all()

        return {"dashboard": lambda: caseload.caseload(team), "reach": reach_queries}

    def time_bare(self, function) -> float:
        """One call in a fresh session, as a request has."""
        with self.app.app_context():
            started = time.perf_counter()
            function()
            elapsed = time.perf_counter() - started
            db.session.remove()
        return elapsed

    def close(self) -> int:
        with self.app.app_context():
            households = db.session.scalar(select(sqlalchemy.func.count(Household.id)))
            db.engine.dispose()
        return households


def _page_figures(samples, path) -> dict:
    seconds, cpu, sql, counts = zip(*samples, strict=True)
    return {**summary(seconds), "cpu_median_ms": round(statistics.median(cpu) * 1000, 2),
            "sql_median_ms": round(statistics.median(sql) * 1000, 2),
            "statements": max(counts), "statements_varied": len(set(counts)) > 1, "path": path}


def measure(towns: list[Municipality], requests: int) -> dict:
    """Every page at every size, the sizes taking turns request by request, so a busy moment on the machine
    falls on all sizes alike and the comparison between them stays fair. Before every page request the floor
    (benchmarks/floor.py) is requested too: its figures, over the whole run, are the page `floor`, and each page
    is also read as a multiple of it."""
    results = {town.size: {"pages": {}, "bare": {}} for town in towns}
    floors = {town.size: [] for town in towns}
    for town in towns:
        for _ in range(WARM_UP):
            town.get_floor()
    for key, label, who, path in PAGES:
        for town in towns:
            for _ in range(WARM_UP):
                town.get(who, path)
        gc.collect()
        samples = {town.size: [] for town in towns}
        floor_here = {town.size: [] for town in towns}
        for _ in range(requests):
            for town in towns:
                floor_here[town.size].append(town.get_floor())
                samples[town.size].append(town.get(who, path))
        for town in towns:
            page = _page_figures(samples[town.size], path.format(h=town.subjects.household_id))
            page["floor_median_ms"] = round(statistics.median(s[0] for s in floor_here[town.size]) * 1000, 2)
            page["floor_ratio"] = round(page["median_ms"] / page["floor_median_ms"], 2)
            results[town.size]["pages"][key] = page
            floors[town.size].extend(floor_here[town.size])
        print(f"    {label:<28}" + "".join(
            f"  {n}: {r['pages'][key]['median_ms']:6.1f} / {r['pages'][key]['p95_ms']:6.1f} ms "
            f"{r['pages'][key]['floor_ratio']:5.1f}x floor {r['pages'][key]['statements']:3d} st "
            f"({r['pages'][key]['sql_median_ms']:.1f} ms in SQL)"
            for n, r in results.items()), flush=True)
    for town in towns:
        results[town.size]["pages"]["floor"] = _page_figures(floors[town.size],
                                                             f"floor /households/{town.subjects.household_id}")
    for key in ("dashboard", "reach"):
        functions = {town.size: town.bare_queries()[key] for town in towns}
        samples = {town.size: [] for town in towns}
        for n in range(WARM_UP + requests):
            for town in towns:
                elapsed = town.time_bare(functions[town.size])
                if n >= WARM_UP:
                    samples[town.size].append(elapsed)
        for town in towns:
            results[town.size]["bare"][key] = summary(samples[town.size])
    for town in towns:
        results[town.size].update(households=town.close(), build_seconds=round(town.build_seconds, 1),
                                  subjects=vars(town.subjects))
    return results


def check_targets(sizes: dict, database: str = "sqlite") -> list[dict]:
    """Every target per page: passed or missed, with the figures it compared."""
    small, large = sizes[min(sizes)], sizes[max(sizes)]
    p95_limit = PG_P95_LIMIT_MS if database == "postgresql" else P95_LIMIT_MS
    n_large = max(sizes)
    results = []

    def add(page, target, passed, figures):
        results.append({"page": page, "target": target, "passed": bool(passed), "figures": figures})

    for key, *_ in PAGES:
        a, b = small["pages"][key], large["pages"][key]
        if key != "pdf":  # the PDF has a target of its own
            add(key, f"p95 < {p95_limit:.0f} ms at {n_large}", b["p95_ms"] < p95_limit, f"{b['p95_ms']} ms")
            if database != "postgresql":
                add(key, f"median <= {FLOOR_LIMIT:.0f}x the floor at {n_large}", b["floor_ratio"] <= FLOOR_LIMIT,
                    f"{b['floor_ratio']:.2f}x ({b['median_ms']} ms / {b['floor_median_ms']} ms)")
        add(key, "same statements at every size",
            len({s["pages"][key]["statements"] for s in sizes.values()}) == 1,
            " / ".join(str(s["pages"][key]["statements"]) for _, s in sorted(sizes.items())))
        growth = b["median_ms"] / a["median_ms"]
        add(key, f"median at {n_large} <= {GROWTH_LIMIT}x at {min(sizes)}", growth <= GROWTH_LIMIT, f"{growth:.2f}x")
        if key == "pdf":
            worst = max(s["pages"][key]["p95_ms"] for s in sizes.values())
            add(key, f"p95 < {PDF_LIMIT_MS:.0f} ms", worst < PDF_LIMIT_MS, f"{worst} ms")
        if key in ("dashboard", "reach"):
            for n, s in sorted(sizes.items()):
                ratio = s["pages"][key]["median_ms"] / s["bare"][key]["median_ms"]
                s["bare"][key]["page_ratio"] = round(ratio, 2)
                add(key, f"<= {BARE_LIMIT:.0f}x bare SQL at {n}", ratio <= BARE_LIMIT, f"{ratio:.2f}x")
    return results


def print_table(name: str, sizes: dict, targets: list[dict]) -> None:
    ordered = sorted(sizes)
    print(f"\n{name}: server time per request in ms (median / p95), as a multiple of the floor (the bare household "
          "page, requested before every page), SQL statements per request")
    head = f"{'page':<28}" + "".join(f"{f'{n} households':>34}" for n in ordered)
    head += f"{'growth':>8}{'bare SQL ms':>14}{'page/bare':>11}  missed"
    print(head)
    print("-" * len(head))
    floor_line = f"{'floor (bare household page)':<28}"
    for n in ordered:
        f = sizes[n]["pages"]["floor"]
        floor_line += f"{f['median_ms']:>9.1f} /{f['p95_ms']:>7.1f}  {1:>5.1f}x  {f['statements']:>3} st"
    print(floor_line)
    for key, label, *_ in PAGES:
        line = f"{label:<28}"
        for n in ordered:
            p = sizes[n]["pages"][key]
            line += f"{p['median_ms']:>9.1f} /{p['p95_ms']:>7.1f}  {p['floor_ratio']:>5.1f}x  {p['statements']:>3} st"
        growth = sizes[ordered[-1]]["pages"][key]["median_ms"] / sizes[ordered[0]]["pages"][key]["median_ms"]
        line += f"{growth:>7.2f}x"
        if key in sizes[ordered[-1]]["bare"]:
            bare = sizes[ordered[-1]]["bare"][key]
            line += f"{bare['median_ms']:>14.1f}{bare['page_ratio']:>10.2f}x"
        else:
            line += " " * 25
        missed = [t["target"] for t in targets if t["page"] == key and not t["passed"]]
        line += "  " + ("; ".join(missed) if missed else "-")
        print(line)
    limit = PG_P95_LIMIT_MS if name == "PostgreSQL" else P95_LIMIT_MS
    ratio = "" if name == "PostgreSQL" else f"median <= {FLOOR_LIMIT:.0f}x the floor and "
    print(f"targets: every HTML page's {ratio}p95 < {limit:.0f} ms at "
          f"{ordered[-1]}; the same number of statements at every size; median at {ordered[-1]} <= "
          f"{GROWTH_LIMIT}x median at {ordered[0]}; PDF p95 < {PDF_LIMIT_MS:.0f} ms; dashboard and reach median <= "
          f"{BARE_LIMIT:.0f}x their bare SQL.")
    missed = [t for t in targets if not t["passed"]]
    print(f"{len(targets) - len(missed)} of {len(targets)} targets met" + (":" if missed else "."))
    for t in missed:
        print(f"  MISSED  {t['page']}: {t['target']} ({t['figures']})")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,20000", help="households per run, comma-separated")
    parser.add_argument("--requests", type=int, default=50, help="measured requests per page (at least 50)")
    parser.add_argument("--json", type=Path, help="write every figure to this file")
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--postgres-url", default=POSTGRES_ADMIN_URL,
                        help="a PostgreSQL server's maintenance database; a fresh database is made beside it")
    args = parser.parse_args(argv)
    sizes = sorted(int(n) for n in args.sizes.split(","))
    report = {"sizes": sizes, "requests": args.requests, "python": platform.python_version(),
              "sqlalchemy": sqlalchemy.__version__, "machine": platform.platform(), "cpus": os.cpu_count(),
              "load_average_at_start": os.getloadavg(), "databases": {}}
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} at the start (other work on the machine "
          "shows in the times, not in the statement counts)")
    for name in args.databases.split(","):
        if name == "postgresql":
            problem = postgres_problem(args.postgres_url)
            if problem:
                print(f"\nPostgreSQL: skipped, no server at {args.postgres_url}: {problem}")
                report["databases"][name] = {"skipped": problem}
                continue
        print(f"\n== {name}", flush=True)
        with ExitStack() as stack:
            towns = [Municipality(stack.enter_context(sqlite_database() if name == "sqlite" else
                                                      postgres_database(args.postgres_url)), size)
                     for size in sizes]
            print("  measuring (server time median / p95, statements) ...", flush=True)
            results = measure(towns, args.requests)
        targets = check_targets(results, name)
        report["databases"][name] = {"sizes": {str(n): r for n, r in results.items()}, "targets": targets}
        print_table("SQLite" if name == "sqlite" else "PostgreSQL", results, targets)
    report["load_average_at_end"] = os.getloadavg()
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n")
        print(f"\nfigures written to {args.json}")
    missed = [t for db_report in report["databases"].values() for t in db_report.get("targets", []) if not t["passed"]]
    if missed:
        print(f"\n{len(missed)} targets missed")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())

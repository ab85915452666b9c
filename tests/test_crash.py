"""Pull the plug: kill the server with SIGKILL in the middle of a stream of writes. Every write that was
answered with success is there after a restart, and SQLite's integrity check passes."""
import http.cookiejar
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
PASSWORD = "een zin om in te loggen"
SETUP = """
from datetime import date
from gezinsaanpak import create_app
from gezinsaanpak.extensions import db
from gezinsaanpak.auth.operations import create_user, find_or_create_team
from gezinsaanpak.cases.operations import open_contact_track
from flask_migrate import upgrade
app = create_app()
with app.app_context():
    upgrade()
    coach = create_user(None, "crash@example.nl", "Crash Coach", "coach", {password!r}, find_or_create_team("T"))
    household = open_contact_track(coach, "Familie Test", "school")
    db.session.commit()
    print(household.id)
"""


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(env, port):
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "-w", "2", "-b", f"127.0.0.1:{port}", "wsgi:app"],
                              cwd=PROJECT, env=env, start_new_session=True, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return server
        except OSError:
            time.sleep(0.1)
    os.killpg(server.pid, signal.SIGKILL)
    pytest.fail("the server did not start")


def get(opener, url, attempts=50):
    """A server that has just started may still be booting its workers: retry briefly."""
    for attempt in range(attempts):
        try:
            return opener.open(url)
        except (ConnectionError, urllib.error.URLError):
            if attempt == attempts - 1:
                raise
            time.sleep(0.1)


def csrf_token(opener, url):
    page = get(opener, url).read().decode()
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)


def post(opener, url, data):
    try:
        return opener.open(url, urllib.parse.urlencode(data).encode()).status
    except urllib.error.HTTPError as error:
        return error.code


def test_writes_answered_before_a_crash_survive_it(tmp_path):
    database = tmp_path / "crash.db"
    env = dict(os.environ, GEZINSAANPAK_DATABASE_URL=f"sqlite:///{database}", GEZINSAANPAK_SECRET_KEY="crash-test")
    setup = subprocess.run([sys.executable, "-c", SETUP.format(password=PASSWORD)], cwd=PROJECT, env=env,
                           capture_output=True, text=True)
    assert setup.returncode == 0, setup.stderr
    household_id = int(setup.stdout.strip().splitlines()[-1])
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(env, port)
    try:
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
                                             NoRedirect)
        token = csrf_token(opener, base + "/login")
        assert post(opener, base + "/login", {"email": "crash@example.nl", "password": PASSWORD,
                                              "csrf_token": token}) == 302
        form_url = f"{base}/households/{household_id}/contacts/new"
        token = csrf_token(opener, form_url)
        acknowledged, stop = [], threading.Event()

        def write_stream():
            number = 0
            while not stop.is_set():
                try:
                    status = post(opener, form_url, {"kind": "phone", "contact_on": "2026-01-05",
                                                     "note": f"write {number}", "csrf_token": token})
                except OSError:
                    return  # the server is gone
                if status == 302:
                    acknowledged.append(number)
                number += 1

        writer = threading.Thread(target=write_stream)
        writer.start()
        while len(acknowledged) < 20:
            time.sleep(0.01)
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()
        stop.set()
        writer.join()
        server = start_server(env, port)  # the application starts again on the same database
        assert get(opener, f"{base}/households/{household_id}").status == 200
    finally:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()
    with sqlite3.connect(database) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        notes = {row[0] for row in connection.execute("SELECT note FROM contacts")}
    missing = [n for n in acknowledged if f"write {n}" not in notes]
    assert not missing, f"{len(missing)} acknowledged writes were lost"

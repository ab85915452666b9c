"""The failed-login count of an account holds across gunicorn workers and their restarts: with two workers that are
each replaced after every request, no two attempts are answered by the same process, yet the sixth attempt (with the
right password) still has to wait."""
import http.cookiejar
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
PASSWORD = "een zin om in te loggen"
SETUP = f"""
from flask_migrate import upgrade
from gezinsaanpak import create_app
from gezinsaanpak.auth.operations import create_user, find_or_create_team
from gezinsaanpak.extensions import db
app = create_app()
with app.app_context():
    upgrade()
    create_user(None, "coach@example.nl", "Coach", "coach", {PASSWORD!r}, find_or_create_team("T"))
    db.session.commit()
"""


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def attempt(base, password):
    """A fresh browser: open the login page, then post the form; returns the status and the page."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect)
    for tries in range(100):  # a worker that has just been replaced may still be starting
        try:
            page = opener.open(base + "/login").read().decode()
            break
        except (ConnectionError, urllib.error.URLError):
            if tries == 99:
                raise
            time.sleep(0.1)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode({"email": "coach@example.nl", "password": password, "csrf_token": token}).encode()
    try:
        response = opener.open(base + "/login", data)
        return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_the_count_per_account_holds_across_gunicorn_workers_and_restarts(tmp_path):
    database = tmp_path / "workers.db"
    env = dict(os.environ, GEZINSAANPAK_DATABASE_URL=f"sqlite:///{database}", GEZINSAANPAK_SECRET_KEY="w" * 64,
               GEZINSAANPAK_LOGIN_FIRST_WAIT_SECONDS="600",  # longer than replacing the workers takes
               GEZINSAANPAK_PASSWORD_HASH_METHOD="pbkdf2:sha256:1000")
    env.pop("GEZINSAANPAK_LOG_FORMAT", None)
    setup = subprocess.run([sys.executable, "-c", SETUP], cwd=PROJECT, env=env, capture_output=True, text=True)
    assert setup.returncode == 0, setup.stderr
    port, log = free_port(), tmp_path / "access.log"
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "-w", "2", "-b", f"127.0.0.1:{port}",
                               "--preload", "--max-requests", "1", "--max-requests-jitter", "0",
                               "--access-logfile", str(log), "--access-logformat", '%(p)s "%(m)s %(U)s" %(s)s',
                               "wsgi:app"],
                              cwd=PROJECT, env=env, start_new_session=True, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        answers = [attempt(base, "not the password at all") for _ in range(5)]
        right = attempt(base, PASSWORD)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    assert [status for status, _page in answers] == [401] * 5
    assert "Wacht 10 minuten" in answers[-1][1]
    assert right[0] == 429 and "Wacht 10 minuten" in right[1]  # the right password, but within the wait
    posts = [line.split()[0] for line in log.read_text().splitlines() if '"POST /login"' in line]
    assert len(posts) == 6 and len(set(posts)) == 6  # six attempts, six different worker processes
    with sqlite3.connect(database) as connection:
        assert connection.execute("SELECT failures FROM login_throttles").fetchall() == [(5,)]

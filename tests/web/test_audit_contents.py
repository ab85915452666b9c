"""The audit trail and the application log hold who did what to which record, never what was typed: no note
text, no passwords, no cookies. Every form is filled in with a recognisable text in each of its text fields,
then the whole trail and every log line are searched for it."""
import logging
from urllib.parse import urlsplit

from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from gezinsaanpak.audit import AuditEvent
from gezinsaanpak.extensions import db, limiter
from tests.factories import PASSWORD
from tests.web.form_pages import FormReader
from tests.web.walk import Walker, post_rules

MARK = "Geheim-Notitie"
TYPED = ("text", "textarea", "search")


def test_typed_text_passwords_and_cookies_stay_out_of_the_trail_and_the_log(app, world, caplog):
    caplog.set_level(logging.DEBUG)
    walker = Walker(app, world)
    cookies, posted = set(), 0
    for rule in post_rules(app):
        client, url, form = walker.form(rule)
        if url.startswith("/login"):
            with app.app_context():
                limiter.reset()
        typed = typed_fields(client, url) if "GET" in rule.methods else set()
        sent = MultiDict([(name, f"{MARK} {name}" if name in typed else value) for name, value in form["sent"]])
        client.post(url, data=sent)
        posted += 1
        cookie = client.get_cookie("session")
        if cookie:
            cookies.add(cookie.value)
    assert posted > 30
    with app.app_context():
        saved = sum(db.session.scalar(select(db.func.count()).select_from(table).where(column.contains(MARK)))
                    for table in db.metadata.sorted_tables if table.name != "audit_events"
                    for column in table.c if column.type.python_type is str)
        events = db.session.scalars(select(AuditEvent)).all()
    assert saved > 10, "the forms saved the marked text, so the search below has something to miss"
    trail = "\n".join(f"{e.action} {e.path} {e.detail}" for e in events)
    assert len(events) > posted
    assert MARK not in trail
    assert PASSWORD not in trail
    assert not [c for c in cookies if c[:40] in trail]
    log = "\n".join(record.getMessage() for record in caplog.records)
    assert MARK not in log and PASSWORD not in log
    assert not [c for c in cookies if c[:40] in log]


def typed_fields(client, url) -> set[str]:
    """The free-text fields of the form on the page (amounts excepted: marked, the form would only be refused)."""
    response = client.get(url)
    if response.status_code != 200 or response.mimetype != "text/html":
        return set()
    reader = FormReader(url)
    reader.feed(response.text)
    form = next((f for f in reader.forms if f["action"] == urlsplit(url).path), None)
    return {f["name"] for f in form["fields"] if f["kind"] in ("text", "textarea") and "amount" not in f["name"]} \
        if form else set()

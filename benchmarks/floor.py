"""The floor: the least a household page can cost in this stack. A bare Flask app with Flask-SQLAlchemy on the
same database: three indexed queries (the household, its members, its ten newest signals with their checklist
text) rendered by one Jinja template, with no login, session, CSRF, translation, audit or layout.

The benchmark serves it beside the real pages, request by request, so both see the same machine load; each
page's time is then read as a multiple of the floor's ("3x the floor"), which says more than milliseconds on a
shared machine. It is not part of the application and never reaches users.
"""
from flask import Flask, abort, render_template_string
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import MetaData, Table, select

PAGE = """<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>{{ household.pseudonym }}</title></head>
<body><main>
<h1>{{ household.pseudonym }}</h1>
<p>{{ household.stage }} · {{ household.neighbourhood or "" }}</p>
<h2>Gezinsleden</h2>
<ul>{% for m in members %}<li>{{ m.first_name }} ({{ m.role }}, {{ m.date_of_birth.isoformat() }})</li>{% endfor %}</ul>
<h2>Signalen</h2>
<table><tbody>
{% for s in signals %}<tr><td>{{ s.observed_on.isoformat() }}</td><td>{{ s.text_nl }}</td><td>{{ s.state }}</td></tr>
{% endfor %}</tbody></table>
</main></body></html>"""


def make_floor_app(url: str) -> Flask:
    app = Flask("floor")
    app.config.update(SQLALCHEMY_DATABASE_URI=url)
    db = SQLAlchemy(app)
    with app.app_context():
        meta = MetaData()
        households, members, signals, items = (Table(name, meta, autoload_with=db.engine)
                                               for name in ("households", "members", "signals", "checklist_items"))

    @app.route("/households/<int:household_id>")
    def household(household_id):
        row = db.session.execute(select(households).where(households.c.id == household_id)).first()
        if row is None:
            abort(404)
        people = db.session.execute(select(members).where(members.c.household_id == household_id)
                                    .order_by(members.c.id)).all()
        seen = db.session.execute(
            select(signals.c.observed_on, signals.c.state, items.c.text_nl)
            .join(items, items.c.id == signals.c.item_id).where(signals.c.household_id == household_id)
            .order_by(signals.c.observed_on.desc(), signals.c.id.desc()).limit(10)).all()
        return render_template_string(PAGE, household=row, members=people, signals=seen)

    return app

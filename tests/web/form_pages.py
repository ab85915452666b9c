"""Forms as a browser sees them: the fields of a page's form, and what submitting it unchanged would send."""
import itertools
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from tests.factories import PASSWORD
from tests.helpers import TODAY

TEMPLATES = Path(__file__).resolve().parents[2] / "gezinsaanpak" / "templates"
serial = itertools.count()  # for values that must be unique, such as email addresses


class FormReader(HTMLParser):
    """The POST forms of a page: per form its action and fields, each {name, kind, value, required, options}."""

    def __init__(self, page_url):
        super().__init__(convert_charrefs=True)
        self.page_url, self.forms = page_url, []
        self._form = self._field = None

    def handle_starttag(self, tag, attrs):
        a = {key: value or "" for key, value in attrs}
        if tag == "form" and a.get("method", "").lower() == "post":
            self._form = {"action": urlsplit(urljoin(self.page_url, a.get("action") or self.page_url)).path,
                          "fields": []}
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "option" and self._field and self._field["kind"] == "select":
            self._field["options"].append(a.get("value", ""))
            if "selected" in a:
                self._field["value"] = a.get("value", "")
        elif tag in ("input", "select", "textarea", "button") and a.get("name"):
            kind = tag if tag in ("select", "textarea") else a.get("type", "submit" if tag == "button" else "text")
            field = {"name": a["name"], "kind": kind.lower(), "required": "required" in a, "options": [],
                     "value": a.get("value", ""), "checked": "checked" in a}
            self._form["fields"].append(field)
            self._field = field if tag in ("select", "textarea") else None

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        if self._field and self._field["kind"] == "textarea":
            self._field["value"] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag in ("select", "textarea"):
            if self._field and self._field["kind"] == "textarea":  # the line break after <textarea> is no content
                self._field["value"] = re.sub(r"^\r?\n", "", self._field["value"])
            self._field = None


def plausible(field):
    """What a user would type into a required field left empty, so one hostile field can get past the others."""
    return {"date": TODAY.isoformat(), "number": "1", "email": f"fuzz{next(serial)}@example.nl",
            "password": PASSWORD}.get(field["kind"], "Fuzz")


def as_sent(fields):
    """The pairs a browser sends for the form as shown, with required fields filled in and a choice made in every
    list: the selected (or checked) one when it is not empty, else the first that is not. The first box of every
    group of check boxes is ticked too."""
    sent, radios, ticked = [], {}, set()
    for field in fields:
        name, kind, value = field["name"], field["kind"], field["value"]
        if kind == "select":
            sent.append((name, value or next((o for o in field["options"] if o), "")))
        elif kind == "radio":
            radios.setdefault(name, []).append((bool(value) and field["checked"], bool(value), value))
        elif kind == "checkbox":
            if field["checked"] or name not in ticked:
                sent.append((name, value or "on"))
                ticked.add(name)
        elif kind in ("submit", "button", "image", "reset"):
            if name == "submit":
                sent.append((name, value))
        else:
            sent.append((name, value if value or not field["required"] else plausible(field)))
    return sent + [(name, max(options)[2]) for name, options in radios.items()]


def page_form(client, url):
    """The form on the page at `url` that posts back to it, or None when the page shows none."""
    response = client.get(url)
    if response.status_code != 200 or response.mimetype != "text/html":
        return None
    reader = FormReader(url)
    reader.feed(response.text)
    form = next((f for f in reader.forms if f["action"] == urlsplit(url).path), None)
    if form:
        return {"sent": as_sent(form["fields"]), "names": list(dict.fromkeys(f["name"] for f in form["fields"]))}
    return None


def template_form(endpoint):
    """For a button without a page of its own: the field names of the template form that posts to it."""
    names = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        for form in re.findall(rf"<form[^>]*url_for\('{re.escape(endpoint)}'.*?</form>", path.read_text(), re.DOTALL):
            names += [n for n in re.findall(r'name="([^"{]+)"', form) if n not in names]
    return {"sent": [(name, "") for name in names], "names": names or ["field"]}


def shown_version(client, url, prefix=""):
    """The version of the record the form at `url` shows, which a save must send back (optimistic locking); a
    page with several forms names each one's version with the form's prefix ("again-version")."""
    name = f"{prefix}-version" if prefix else "version"
    return re.search(rf'name="{name}" type="hidden" value="(\d+)"', client.get(url).text).group(1)

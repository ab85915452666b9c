"""Put kept values back into a freshly rendered page, the way the browser showed them when the user pressed save.

The page is rendered by its own view, as for any visit (a new CSRF token, today's choices); this only fills in
its form, so no view needs to know about kept forms. The form filled is the page's own POST form (no action, or
its own address) that has most of the kept field names; the CSRF token is never replaced. Text fields, text
areas, choices, radio buttons and checkboxes get the kept values (a checkbox missing from what was sent was
unticked); a collapsed `<details>` around a filled-in value is opened, so the user sees what came back.
"""
from collections import Counter
from html import escape
from html.parser import HTMLParser
from urllib.parse import urlsplit

NOT_FILLED = {"csrf_token"}
NOT_FILLED_TYPES = {"submit", "button", "image", "reset", "file", "password"}
FIELD_TAGS = ("input", "textarea", "select")


def fill_in(page: str, path: str, fields: list[tuple[str, str]]) -> tuple[str, bool]:
    """The page with `fields` ([(name, value)] as posted) filled into its form; and whether a form took them."""
    values: dict[str, list[str]] = {}
    for name, value in fields:
        if name not in NOT_FILLED:
            values.setdefault(name, []).append(value)
    scan = _Scan(path)
    scan.feed(page)
    scan.close()
    target = scan.best_form(values)
    if target is None:
        return page, False
    rewrite = _Rewrite(values, target, scan.details_to_open(target, values))
    rewrite.feed(page)
    rewrite.close()
    return "".join(rewrite.out), True


def _type(tag, attrs):
    return (attrs.get("type") or "text").lower() if tag == "input" else tag


def _shows_something(kind, attrs, wanted):
    """Whether filling this field puts something visible in it (a tick, a choice, text)."""
    if kind == "hidden" or not wanted:
        return False
    if kind in ("checkbox", "radio"):
        return attrs.get("value", "on") in wanted
    return any(value.strip() for value in wanted)


class _Scan(HTMLParser):
    """First reading: the page's own POST forms with their field names, and the fields inside each <details>."""

    def __init__(self, path):
        super().__init__(convert_charrefs=True)
        self.path = path
        self.forms: list[set[str] | None] = []  # field names per form; None for a form that is not the page's own
        self.details_fields: list[list[tuple[int, str, str, dict]]] = []  # (form, name, kind, attrs) per <details>
        self._open_details: list[int] = []
        self._form = None

    def handle_starttag(self, tag, attrs):
        attrs = {key: value or "" for key, value in attrs}
        if tag == "form":
            action = urlsplit(attrs.get("action", "")).path
            own = attrs.get("method", "").lower() == "post" and action in ("", self.path)
            self.forms.append(set() if own else None)
            self._form = len(self.forms) - 1
        elif tag == "details":
            self.details_fields.append([])
            self._open_details.append(len(self.details_fields) - 1)
        elif tag in FIELD_TAGS and self._form is not None and attrs.get("name"):
            names = self.forms[self._form]
            if names is not None:
                names.add(attrs["name"])
            for index in self._open_details:
                self.details_fields[index].append((self._form, attrs["name"], _type(tag, attrs), attrs))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "details" and self._open_details:
            self._open_details.pop()

    def best_form(self, values) -> int | None:
        scores = [len(names & values.keys()) if names is not None else 0 for names in self.forms]
        best = max(scores, default=0)
        return scores.index(best) if best else None

    def details_to_open(self, target, values) -> set[int]:
        return {index for index, fields in enumerate(self.details_fields)
                if any(form == target and _shows_something(kind, attrs, values.get(name))
                       for form, name, kind, attrs in fields)}


class _Rewrite(HTMLParser):
    """Second reading: the page copied as it is, but for the fields of the target form and the details to open."""

    def __init__(self, values, target, details_to_open):
        super().__init__(convert_charrefs=False)
        self.values, self.target, self.details_to_open = values, target, details_to_open
        self.out: list[str] = []
        self.forms = self.details = -1
        self.in_target = False
        self.used = Counter()  # per name, how many of its values are filled in (names may repeat)
        self.choice = None  # the values chosen in the <select> being copied
        self.replacing_text = False  # inside a <textarea> whose content was replaced

    def handle_starttag(self, tag, attrs):
        self.out.append(self._tag(tag, attrs, self.get_starttag_text(), closed=False))

    def handle_startendtag(self, tag, attrs):
        self.out.append(self._tag(tag, attrs, self.get_starttag_text(), closed=True))

    def _tag(self, tag, attrs, raw, closed):
        if tag == "form":
            self.forms += 1
            self.in_target = self.forms == self.target
            return raw
        if tag == "details":
            self.details += 1
            if self.details in self.details_to_open and not any(key == "open" for key, _value in attrs):
                return _build(tag, [*attrs, ("open", None)], closed)
            return raw
        if tag == "option" and self.choice is not None:
            attrs = [(key, value) for key, value in attrs if key != "selected"]
            value = dict(attrs).get("value")
            return _build(tag, attrs + ([("selected", None)] if value in self.choice else []), closed)
        name = dict(attrs).get("name")
        if not self.in_target or tag not in FIELD_TAGS or not name or name in NOT_FILLED:
            return raw
        kind = _type(tag, dict(attrs))
        wanted = self.values.get(name, [])
        if kind in ("checkbox", "radio"):
            attrs = [(key, value) for key, value in attrs if key != "checked"]
            ticked = (dict(attrs).get("value") or "on") in wanted
            return _build(tag, attrs + ([("checked", None)] if ticked else []), closed)
        if kind in NOT_FILLED_TYPES or name not in self.values:
            return raw
        if kind == "select":
            self.choice = set(wanted)
            return raw
        value = self._next_value(name)
        if value is None:
            return raw
        if kind == "textarea":
            self.replacing_text = True
            return raw + "\n" + escape(value, quote=False)
        return _build(tag, [(key, v) for key, v in attrs if key != "value"] + [("value", value)], closed)

    def _next_value(self, name):
        index = self.used[name]
        self.used[name] += 1
        values = self.values[name]
        return values[index] if index < len(values) else None

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_target = False
        elif tag == "select":
            self.choice = None
        elif tag == "textarea":
            self.replacing_text = False
        self.out.append(f"</{tag}>")

    def handle_data(self, data):
        if not self.replacing_text:
            self.out.append(data)

    def handle_entityref(self, name):
        if not self.replacing_text:
            self.out.append(f"&{name};")

    def handle_charref(self, name):
        if not self.replacing_text:
            self.out.append(f"&#{name};")

    def handle_comment(self, data):
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.out.append(f"<!{decl}>")

    def handle_pi(self, data):
        self.out.append(f"<?{data}>")

    def unknown_decl(self, data):
        self.out.append(f"<![{data}]>")


def _build(tag, attrs, closed):
    parts = [tag] + [key if value is None else f'{key}="{escape(value)}"' for key, value in attrs]
    return "<" + " ".join(parts) + (" />" if closed else ">")

"""Texts in templates: translated, with what is put into them escaped, in the reader's language."""
import json
from pathlib import Path

from babel.messages.pofile import read_po
from jinja2 import DictLoader

import gezinsaanpak
from gezinsaanpak.i18n import TemplatesPerLanguage, catalogue, force_locale, template_gettext


def test_a_text_in_a_template_is_translated_and_escapes_what_is_put_into_it(app):
    with app.test_request_context("/"):
        page = app.jinja_env.from_string(
            '{{ _("Plan") }}|{{ _("Goal for %(who)s: %(domain)s", who="<script>", domain="Werk") }}|'
            '{{ ngettext("%(num)d open goal", "%(num)d open goals", 2) }}|{{ _("100%% done") }}')
        dutch = page.render()
        with force_locale("en"):
            english = page.render()
    assert dutch.split("|")[:2] == ["Plan", "Doel voor &lt;script&gt;: Werk"]
    assert english.split("|")[1] == "Goal for &lt;script&gt;: Werk"
    assert dutch.split("|")[3] == english.split("|")[3] == "100% done"  # always a format string, as Jinja's


def test_a_text_without_values_reads_in_each_language_however_often_it_is_shown(app):
    """Each catalogue keeps the markup it made of a text: the next page in the other language gets its own."""
    with app.test_request_context("/"):
        page = app.jinja_env.from_string('{{ _("Family plan") }}')
        seen = [page.render()]
        with force_locale("en"):
            seen += [page.render(), page.render()]
        seen.append(page.render())
    assert seen == ["Gezinsplan", "Family plan", "Family plan", "Gezinsplan"]


SOURCE = ('{{ _("Family plan") }}|{{ _("Goal for %(who)s: %(domain)s", who="<b>", domain="Werk") }}|'
          '{{ _("100%% done") }}|{{ _("Family plan")|upper }}')


def test_a_template_is_compiled_per_language_with_its_texts_without_values_in_place(app):
    """Only a text with values is looked up while the page is shown; the others were translated when the template
    was compiled for the reader's language."""
    env = TemplatesPerLanguage(app, loader=DictLoader({"page.html": SOURCE}), autoescape=True)
    env.globals.update(app.jinja_env.globals)
    looked_up = []

    def counting(string, **values):
        looked_up.append(string)
        return template_gettext(string, **values)

    env.globals["_"] = counting
    with app.test_request_context("/"):
        dutch = env.get_template("page.html").render()
        with force_locale("en"):
            english = env.get_template("page.html").render()
        again = env.get_template("page.html").render()
    assert dutch == again == "Gezinsplan|Doel voor &lt;b&gt;: Werk|100% done|GEZINSPLAN"
    assert english == "Family plan|Goal for &lt;b&gt;: Werk|100% done|FAMILY PLAN"
    assert looked_up == ["Goal for %(who)s: %(domain)s"] * 3


def test_every_text_of_the_catalogue_reads_the_same_compiled_in_as_looked_up(app):
    with open(Path(gezinsaanpak.__file__).parent / "translations" / "nl" / "LC_MESSAGES" / "messages.po", "rb") as f:
        texts = [m.id for m in read_po(f) if isinstance(m.id, str) and m.id and "%(" not in m.id]
    source = "\n".join("{{ _(" + json.dumps(text) + ") }}" for text in texts)
    assert len(texts) > 500
    with app.test_request_context("/"):
        for lang in ("nl", "en"):
            with force_locale(lang):
                looked_up = app.jinja_env.from_string(source).render()  # the environment every language shares
                compiled_in = app.jinja_env._of_language().from_string(source).render()
                assert compiled_in == looked_up
                assert app.jinja_env._of_language().catalogue is catalogue()

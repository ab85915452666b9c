"""Texts in templates: translated, with what is put into them escaped, in the reader's language."""
from gezinsaanpak.i18n import force_locale


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

"""Kept values go back into a freshly rendered form as the user left them, and nowhere else."""
from gezinsaanpak.formfill import fill_in

PAGE = """<!doctype html><html><body>
<form method="post" action="/language"><input type="hidden" name="next" value="/x">
  <button name="lang" value="en">English</button></form>
<form method="post" novalidate>
  <input id="csrf_token" name="csrf_token" type="hidden" value="fresh-token">
  <input name="version" type="hidden" value="3">
  <select name="status"><option selected value="active">Actief</option><option value="stopped">Gestopt</option></select>
  <input type="radio" name="to_state" value="observed" checked><input type="radio" name="to_state" value="confirmed">
  <details class="heading"><summary>Post &amp; geld</summary>
    <input type="checkbox" name="tick" value="h.1"><input type="text" name="note.h.1" value="">
  </details>
  <details class="heading"><summary>Overig</summary><input type="checkbox" name="tick" value="h.2"></details>
  <input type="checkbox" name="keep_as_worker" value="y" checked>
  <textarea id="note" name="note">
oud</textarea>
  <button type="submit">Opslaan</button>
</form>
<form method="post" action="/kept-forms/discard"><input type="hidden" name="path" value="/x"></form>
</body></html>"""

KEPT = [("csrf_token", "stale-token"), ("version", "2"), ("status", "stopped"), ("to_state", "confirmed"),
        ("tick", "h.1"), ("note.h.1", 'Brief van "de bank" & de huur'), ("note", "regel 1\n<b>regel 2</b>"),
        ("next", "/elders"), ("path", "/elders")]


def test_the_kept_values_are_filled_into_the_pages_own_form():
    page, filled = fill_in(PAGE, "/x", KEPT)
    assert filled
    assert 'value="fresh-token"' in page and "stale-token" not in page  # the new token stays
    assert 'name="version" type="hidden" value="2"' in page  # the version the user was changing
    assert '<option value="active">' in page and '<option value="stopped" selected>' in page
    assert '<input type="radio" name="to_state" value="observed">' in page
    assert '<input type="radio" name="to_state" value="confirmed" checked>' in page
    assert '<input type="checkbox" name="tick" value="h.1" checked>' in page
    assert '<input type="checkbox" name="tick" value="h.2">' in page
    assert 'value="Brief van &quot;de bank&quot; &amp; de huur"' in page
    assert '<input type="checkbox" name="keep_as_worker" value="y">' in page  # unticked: not sent
    assert "<textarea id=\"note\" name=\"note\">\nregel 1\n&lt;b&gt;regel 2&lt;/b&gt;</textarea>" in page
    assert "oud" not in page


def test_a_collapsed_heading_opens_around_what_came_back_and_only_there():
    page, _filled = fill_in(PAGE, "/x", KEPT)
    assert '<details class="heading" open><summary>Post &amp; geld</summary>' in page
    assert '<details class="heading"><summary>Overig</summary>' in page


def test_other_forms_on_the_page_are_left_alone():
    page, _filled = fill_in(PAGE, "/x", KEPT)
    assert '<input type="hidden" name="next" value="/x">' in page
    assert '<input type="hidden" name="path" value="/x">' in page


def test_a_page_without_a_matching_form_comes_back_unchanged():
    assert fill_in(PAGE, "/x", [("something_else", "1")]) == (PAGE, False)

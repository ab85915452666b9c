"""The reports' bar charts: bars as long as their figures, the ambition where it belongs, nothing drawn for a figure
that is not shown, numbers in the reader's language, and one named image to assistive technology."""
import xml.etree.ElementTree as ET

from gezinsaanpak.i18n import force_locale
from gezinsaanpak.reports.charts import HALF, PLOT, WIDTH, Bar, Change, bar_chart, change_chart, share_text

SVG = "{http://www.w3.org/2000/svg}"


def parsed(svg):
    root = ET.fromstring(str(svg))
    assert root.get("role") == "img" and "style" not in str(svg)
    title = root.find(f"{SVG}title")
    assert root.get("aria-labelledby") == title.get("id")
    return root, title.text


def shapes(root, css):
    return [e for e in root if (e.get("class") or "").split() and css in e.get("class").split()]


def texts(root):
    return [e.text for e in root.iter(f"{SVG}text")]


def test_bars_are_as_long_as_their_share(ctx):
    root, title = parsed(bar_chart("c", "Bereik", [Bar("A", 0.25, "1 van 4"), Bar("B", 0.5, "2 van 4")]))
    assert title == "Bereik"
    assert [float(r.get("width")) for r in shapes(root, "chart-bar")] == [PLOT * 0.25, PLOT * 0.5]
    assert ["A", "1 van 4", "B", "2 van 4"] == texts(root)


def test_the_ambition_is_a_marker_at_its_share_named_in_a_legend(ctx):
    root, _ = parsed(bar_chart("c", "Bereik", [Bar("Bijstand", 0.25, "2 van 8", marker=1.0),
                                               Bar("Werkend", 0.8, "8 van 10", marker=0.7)], marker_label="ambitie"))
    markers = shapes(root, "chart-marker")
    assert [float(m.get("x1")) for m in markers[:2]] == [PLOT, PLOT * 0.7]
    assert "ambitie" in texts(root)


def test_a_share_above_100_percent_gets_the_longest_bar_and_100_percent_is_marked(ctx):
    root, _ = parsed(bar_chart("c", "Bereik", [Bar("A", 1.5, "15 van 10", marker=1.0), Bar("B", 0.75, "")]))
    bars = [float(r.get("width")) for r in shapes(root, "chart-bar")]
    assert bars == [PLOT, PLOT / 2]  # 150% fills the plot; 75% is half of it
    hundred = round(PLOT / 1.5, 1)
    assert float(shapes(root, "chart-marker")[0].get("x1")) == hundred
    assert float(shapes(root, "chart-axis")[0].get("x1")) == hundred and "100%" in texts(root)


def test_a_suppressed_figure_draws_no_bar_and_says_why(ctx):
    root, _ = parsed(bar_chart("c", "Verandering", [Bar("A", 0.9, "minder dan 5 huishoudens", marker=0.7,
                                                        suppressed=True), Bar("B", 0.4, "2 van 5")]))
    assert [float(r.get("width")) for r in shapes(root, "chart-bar")] == [PLOT * 0.4]
    assert len(shapes(root, "chart-track")) == 1 and not shapes(root, "chart-marker")
    assert "minder dan 5 huishoudens" in texts(root)


def test_zero_values_and_no_rows_draw_no_bar(ctx):
    root, _ = parsed(bar_chart("c", "Bereik", [Bar("A", 0, "0 van 5 (0%)"), Bar("B", None, "onbekend")]))
    assert not shapes(root, "chart-bar") and len(shapes(root, "chart-track")) == 1
    assert texts(root)[1] == "0 van 5 (0%)"
    for empty in (bar_chart("c", "Bereik", []), change_chart("d", "Verandering", [])):
        root, title = parsed(empty)
        assert not root.findall(f"{SVG}rect") and len(texts(root)) == 1


def test_a_change_chart_draws_worse_to_the_left_and_better_to_the_right(ctx):
    root, _ = parsed(change_chart("d", "Verandering", [
        Change("Schulden", 0.25, 0.5, "1 slechter (25%)", "2 beter (50%)"),
        Change("Werk", None, None, "", "", note="minder dan 5 huishoudens")]))
    worse, better = shapes(root, "chart-bar")
    middle = WIDTH / 2
    assert float(worse.get("x")) + float(worse.get("width")) == middle and float(worse.get("width")) == HALF / 4
    assert float(better.get("x")) == middle and float(better.get("width")) == HALF / 2
    assert "worse" in worse.get("class").split() and "worse" not in better.get("class").split()
    assert "minder dan 5 huishoudens" in texts(root) and len(shapes(root, "chart-bar")) == 2


def test_labels_are_escaped(ctx):
    root, title = parsed(bar_chart("c", "<b>", [Bar("<script>", 0.5, "a & b")]))
    assert title == "<b>" and "<script>" in texts(root) and "a & b" in texts(root)


def test_numbers_are_written_in_the_reader_s_language(ctx):
    with force_locale("nl"):
        assert share_text(1250, 3000) == "1.250 van 3.000 (42%)"
    with force_locale("en"):
        assert share_text(1250, 3000) == "1,250 of 3,000 (42%)"

"""A municipality's own look: its name, logo and primary colour from configuration, on NL Design System's tokens."""
import re

from gezinsaanpak.theme import DEFAULT_PRIMARY, WHITE, contrast, parse_colour, readable_primary


def test_the_theme_stylesheet_carries_the_configured_colour_without_login(client, app, monkeypatch):
    monkeypatch.setitem(app.config, "THEME_PRIMARY_COLOR", "#00689e")
    response = client.get("/theme.css")
    assert response.status_code == 200 and response.mimetype == "text/css"
    assert "--gezinsaanpak-primary: #00689e;" in response.text
    assert "max-age=3600" in response.headers["Cache-Control"]
    page = client.get("/login").text
    assert "/theme.css?v=" in page and "nlds/utrecht-components.css" in page and "nlds/voorbeeld-theme.css" in page


def test_a_new_colour_gives_the_stylesheet_a_new_address(client, app, monkeypatch):
    """Browsers keep the stylesheet an hour: its address changes with the colour, also in a process that already
    served pages with the old one."""
    version = re.compile(r"/theme\.css\?v=(\w+)")
    monkeypatch.setitem(app.config, "THEME_PRIMARY_COLOR", "#00689e")
    first = version.search(client.get("/login").text).group(1)
    assert version.search(client.get("/login").text).group(1) == first
    monkeypatch.setitem(app.config, "THEME_PRIMARY_COLOR", "#8a1538")
    assert version.search(client.get("/login").text).group(1) != first


def test_a_colour_too_light_for_text_is_darkened_until_it_reads():
    colour, as_is = readable_primary("#ffcc00")  # a municipality's yellow: 1.6:1 on white
    assert not as_is and contrast(parse_colour(colour), WHITE) >= 4.5
    assert readable_primary("#154273") == ("#154273", True)
    assert readable_primary("rood") == (DEFAULT_PRIMARY, False)  # not a colour: the default, and `check` says so
    assert readable_primary(None) == (DEFAULT_PRIMARY, True)


def test_the_logo_and_name_of_the_municipality_in_the_header(client, app, monkeypatch, tmp_path):
    assert client.get("/theme/logo").status_code == 404  # none configured
    logo = tmp_path / "logo.svg"
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>')
    monkeypatch.setitem(app.config, "THEME_LOGO", str(logo))
    monkeypatch.setitem(app.config, "THEME_NAME", "Gemeente Voorbeeld")
    page = client.get("/login").text
    assert 'alt="Gemeente Voorbeeld"' in page and "/theme/logo?v=" in page
    assert "<title>Inloggen · Gezinsaanpak · Gemeente Voorbeeld</title>" in page
    response = client.get("/theme/logo")
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"

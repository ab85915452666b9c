"""The municipality's theme: its name, logo and primary colour on top of NL Design System's tokens.

The look comes from NL Design System (the vendored Utrecht component CSS and the open "voorbeeld" design tokens in
static/nlds/, see scripts/update-nlds.sh). A municipality sets three things in configuration (GEZINSAANPAK_THEME_*):
its name beside the logo, the logo file and its primary colour. /theme.css turns them into CSS custom properties
(the strict CSP allows no inline style), which static/style.css maps onto the design tokens.
"""
import hashlib
import re
from functools import lru_cache
from pathlib import Path

from flask import Blueprint, Response, abort, current_app, send_file

bp = Blueprint("theme", __name__)

DEFAULT_PRIMARY = "#154273"  # a calm dark blue, 10.4:1 on white
HEX = re.compile(r"^#?([0-9a-fA-F]{6})$")
TEXT_CONTRAST = 4.5  # WCAG 2.2 AA for text: the colour is used for links and as the background of white text


def parse_colour(value) -> tuple[int, int, int] | None:
    """An "#rrggbb" colour as (r, g, b), or None when it is not one."""
    match = HEX.match(str(value or "").strip())
    if not match:
        return None
    digits = match.group(1)
    return tuple(int(digits[i:i + 2], 16) for i in (0, 2, 4))


def hex_colour(rgb) -> str:
    return "#{:02x}{:02x}{:02x}".format(*(max(0, min(255, round(c))) for c in rgb))


def luminance(rgb) -> float:
    """Relative luminance as WCAG defines it."""
    def channel(c):
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    """The WCAG contrast ratio of two colours, 1 to 21."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def mix(rgb, other, share: float):
    """`rgb` with `share` (0-1) of `other` mixed in."""
    return tuple(c + (o - c) * share for c, o in zip(rgb, other, strict=True))


WHITE, BLACK = (255, 255, 255), (0, 0, 0)


def readable_primary(value) -> tuple[str, bool]:
    """The configured primary colour, darkened as little as needed to read as text on white (4.5:1).

    Returns the colour and whether the configured one was used as it is; an unreadable value falls back to the
    default colour."""
    rgb = parse_colour(value)
    if rgb is None:
        return DEFAULT_PRIMARY, value in (None, "")
    share = 0.0
    while contrast(mix(rgb, BLACK, share), WHITE) < TEXT_CONTRAST:
        share += 0.05
    return hex_colour(mix(rgb, BLACK, share)), share == 0.0


def theme_css(config) -> str:
    """The custom properties for the configured theme; static/style.css puts them to use."""
    primary_hex, _ = readable_primary(config.get("THEME_PRIMARY_COLOR"))
    primary = parse_colour(primary_hex)
    values = {
        "--gezinsaanpak-primary": primary_hex,
        "--gezinsaanpak-primary-hover": hex_colour(mix(primary, BLACK, 0.25)),
        "--gezinsaanpak-primary-active": hex_colour(mix(primary, BLACK, 0.4)),
        "--gezinsaanpak-primary-subtle": hex_colour(mix(primary, WHITE, 0.9)),
        "--gezinsaanpak-primary-border": hex_colour(mix(primary, WHITE, 0.5)),
    }
    lines = "\n".join(f"  {name}: {value};" for name, value in values.items())
    return f"/* The municipality's theme (GEZINSAANPAK_THEME_*), see gezinsaanpak/theme.py */\n:root {{\n{lines}\n}}\n"


def logo_path(config, instance_path: str) -> Path | None:
    """The configured logo file (absolute, or relative to the instance folder), if it exists."""
    configured = config.get("THEME_LOGO")
    if not configured:
        return None
    path = Path(configured)
    path = path if path.is_absolute() else Path(instance_path) / path
    return path if path.is_file() else None


def template_values():
    """What base.html shows: the municipality's name and whether there is a logo (and its cache-busting version)."""
    path = logo_path(current_app.config, current_app.instance_path)
    version = int(path.stat().st_mtime) if path else None
    return {"theme": {"name": current_app.config.get("THEME_NAME") or "", "logo_version": version,
                      "css_version": css_version(current_app.config.get("THEME_PRIMARY_COLOR"))}}


@lru_cache(maxsize=64)
def css_version(primary) -> str:
    """Changes when the stylesheet does; a pure function of the configured colour, so each process keeps it
    instead of working out the theme again for every page."""
    return hashlib.sha1(theme_css({"THEME_PRIMARY_COLOR": primary}).encode()).hexdigest()[:8]


@bp.route("/theme.css")
def stylesheet():
    response = Response(theme_css(current_app.config), mimetype="text/css")
    response.cache_control.public = True
    response.cache_control.max_age = 3600
    return response


@bp.route("/theme/logo")
def logo():
    path = logo_path(current_app.config, current_app.instance_path)
    if path is None:
        abort(404)
    return send_file(path, max_age=3600)


def install(app) -> None:
    app.register_blueprint(bp)
    app.context_processor(template_values)

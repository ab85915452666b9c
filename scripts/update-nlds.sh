#!/usr/bin/env bash
# Refresh the vendored NL Design System files (and axe-core for the browser tests) from the npm registry.
#
# The application needs no Node at run time: the built CSS is committed under gezinsaanpak/static/nlds/, with its
# licence and version (VERSIONS). Run this script (it needs npm) only to move to other versions, then look at the
# pages and run the browser tests (they run axe-core on every page they visit) before committing the result:
#
#     scripts/update-nlds.sh                       # the versions below
#     UTRECHT_CSS=9.0.5 scripts/update-nlds.sh     # another version of one package
#
# - @utrecht/component-library-css (EUPL-1.2): the components (index.css: BEM classes such as utrecht-button,
#   html.css: the same look for plain HTML elements inside class="utrecht-html").
# - @nl-design-system-unstable/voorbeeld-design-tokens (EUPL-1.2): the design tokens of NL Design System's neutral
#   example theme ("voorbeeld"), which a municipality's own colours and logo override (GEZINSAANPAK_THEME_*,
#   see the README). Gemeente Utrecht's own tokens (@utrecht/design-tokens) are not used: that package's licence
#   keeps them proprietary to Gemeente Utrecht ("all rights reserved"), and they are Utrecht's house style.
# - axe-core (MPL-2.0): the accessibility checker the browser tests inject into every page; a test asset under
#   tests/browser/assets/, never served to users.
set -euo pipefail
cd "$(dirname "$0")/.."

UTRECHT_CSS="${UTRECHT_CSS:-9.0.4}"
VOORBEELD_TOKENS="${VOORBEELD_TOKENS:-7.4.1}"
AXE_CORE="${AXE_CORE:-4.14.1}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

unpack() {  # unpack PACKAGE VERSION DIR: the package's published files, without installing anything
    (cd "$work" && npm pack --silent "$1@$2" > "$3.name")
    mkdir -p "$work/$3"
    tar -xzf "$work/$(cat "$work/$3.name")" -C "$work/$3" --strip-components=1
}

unpack @utrecht/component-library-css "$UTRECHT_CSS" css
unpack @nl-design-system-unstable/voorbeeld-design-tokens "$VOORBEELD_TOKENS" tokens
unpack axe-core "$AXE_CORE" axe

static=gezinsaanpak/static/nlds
assets=tests/browser/assets
mkdir -p "$static" "$assets"
cp "$work/css/dist/index.css" "$static/utrecht-components.css"
cp "$work/css/dist/html.css" "$static/utrecht-html.css"
cp "$work/css/LICENSE.md" "$static/LICENSE-utrecht-component-library-css.md"
cp "$work/tokens/dist/theme.css" "$static/voorbeeld-theme.css"
cp "$work/tokens/LICENSE.md" "$static/LICENSE-voorbeeld-design-tokens.md"
cp "$work/axe/axe.min.js" "$assets/axe.min.js"
cp "$work/axe/LICENSE" "$assets/LICENSE-axe-core.txt"
cat > "$static/VERSIONS" <<VERSIONS
# Vendored by scripts/update-nlds.sh from the npm registry; do not edit the files by hand.
@utrecht/component-library-css $UTRECHT_CSS EUPL-1.2 dist/index.css -> utrecht-components.css, dist/html.css -> utrecht-html.css
@nl-design-system-unstable/voorbeeld-design-tokens $VOORBEELD_TOKENS EUPL-1.2 dist/theme.css -> voorbeeld-theme.css
VERSIONS
echo "axe-core $AXE_CORE MPL-2.0 axe.min.js (test asset, not served)" > "$assets/VERSION"
echo "Vendored: @utrecht/component-library-css $UTRECHT_CSS, voorbeeld-design-tokens $VOORBEELD_TOKENS, axe-core $AXE_CORE"

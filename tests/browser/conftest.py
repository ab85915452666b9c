"""Browser tests: the app served by a real HTTP server, driven by Playwright in Debian's chromium.

Playwright cannot download its own browsers here, so it launches the system chromium
(GEZINSAANPAK_TEST_CHROMIUM, default /usr/bin/chromium). Without it the browser tests are skipped, with a reason.

Every page a browser test opens is checked by axe-core (tests/browser/assets/axe.min.js, vendored by
scripts/update-nlds.sh; a test asset, never served): it runs in the page once it has loaded, against WCAG 2.2 A and
AA, and the test fails on any violation. Without the asset the check is left out, with a warning.
"""
import json
import os
import threading
import warnings
from pathlib import Path

import pytest
from werkzeug.serving import make_server

CHROMIUM = os.environ.get("GEZINSAANPAK_TEST_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",  # we run as root
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # Without these chromium phones home, and the closed network refuses its connections.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE = Path(__file__).parent / "assets" / "axe.min.js"
AXE_MISSING = f"axe-core not found at {AXE}: accessibility checks skipped (scripts/update-nlds.sh vendors it)"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
# Runs in every page once it has loaded; the result comes back as one console line that the fixture collects.
AXE_ON_LOAD = """
window.addEventListener("load", () => {
  if (!window.axe) { return; }
  window.__axeDone = window.axe.run(document, {runOnly: {type: "tag", values: WCAG_TAGS}, resultTypes: ["violations"]})
    .then((result) => {
      const violations = result.violations.map((v) => ({id: v.id, help: v.help,
        nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" "))}));
      console.log("axe-result " + JSON.stringify({page: location.pathname, lang: document.documentElement.lang,
                                                   violations: violations}));
    });
});
""".replace("WCAG_TAGS", json.dumps(WCAG_TAGS))
SKIP_REASON = f"chromium not available at {CHROMIUM}: browser tests skipped (.ci/run installs it with apt-get)"


def pytest_collection_modifyitems(config, items):
    """Every test under tests/browser is a browser test (select or deselect them with -m browser)."""
    here = os.path.dirname(os.path.abspath(__file__))
    for item in items:
        if str(item.path).startswith(here + os.sep):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def live_server(app):
    """The test app on a free port of 127.0.0.1, in a daemon thread; yields the base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as error:
        pytest.skip(f"Playwright for Python is not installed ({error}): browser tests skipped "
                    "(pip install -e .[test])")
    if not os.path.exists(CHROMIUM):
        pytest.skip(SKIP_REASON)
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    except Exception as error:  # noqa: BLE001 - any launch failure means: no usable browser
        playwright.stop()
        pytest.skip(f"{SKIP_REASON}; launching it failed: {str(error).strip().splitlines()[0]}")
    try:
        yield browser
    finally:
        browser.close()
        playwright.stop()


class AxeResults:
    """What axe-core found on the pages of one browser context."""

    def __init__(self):
        self.pages = []

    def collect(self, message):
        if message.text.startswith("axe-result "):
            self.pages.append(json.loads(message.text.removeprefix("axe-result ")))

    def violations(self):
        return [f"{p['page']} ({p['lang']}): {v['id']} - {v['help']} at {v['nodes']}"
                for p in self.pages for v in p["violations"]]


def new_checked_context(browser, base_url, **options):
    """A browser context whose pages run axe-core when they load; (context, results)."""
    context = browser.new_context(base_url=base_url, **options)
    context.set_default_timeout(10_000)
    results = AxeResults()
    if AXE.exists():
        context.add_init_script(path=str(AXE))
        context.add_init_script(script=AXE_ON_LOAD)
        context.on("console", results.collect)
    else:
        warnings.warn(AXE_MISSING, stacklevel=1)
    return context, results


def finish_axe(page, results):
    """Wait for the check of the page still open, then fail on what axe found anywhere."""
    try:
        page.evaluate("window.__axeDone || null")
    except Exception:  # noqa: BLE001 - a page that is gone or closed has reported already or has nothing to say
        pass
    found = results.violations()
    assert not found, "axe-core found WCAG violations:\n" + "\n".join(found)


@pytest.fixture
def page(browser, live_server, request):
    """A fresh browser context (own cookies, Dutch locale) and page, with the live server as base URL; every page
    it loads is checked by axe-core."""
    context, results = new_checked_context(browser, live_server, locale="nl-NL")
    page = context.new_page()
    try:
        yield page
        if not (request.node.rep_call.failed if hasattr(request.node, "rep_call") else False):
            finish_axe(page, results)
    finally:
        context.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep the outcome of the test itself, so a failed test is not reported twice (by axe as well)."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)

"""Browser tests: the app served by a real HTTP server, driven by Playwright in Debian's chromium.

Playwright cannot download its own browsers here, so it launches the system chromium
(GEZINSAANPAK_TEST_CHROMIUM, default /usr/bin/chromium). Without it the browser tests are skipped, with a reason.

Every page a browser test opens is checked by axe-core (tests/browser/assets/axe.min.js, vendored by
scripts/update-nlds.sh; a test asset, never served): it runs in the page once it has loaded, against WCAG 2.2 A and
AA, and the test fails on any violation. Without the asset the check is left out, with a warning.
"""
import os
import threading

import pytest
from werkzeug.serving import make_server

from tests.browser.axe import finish_axe, new_checked_context

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

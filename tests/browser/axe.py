"""axe-core in the browser tests: every page a test opens runs it once loaded (WCAG 2.2 A and AA), and the test
fails on any violation. The asset is vendored by scripts/update-nlds.sh; without it the check is left out, with a
warning."""
import json
import warnings
from pathlib import Path

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

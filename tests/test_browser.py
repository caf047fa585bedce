"""The HTML report in headless Chromium: claim highlighting works, hostile text never runs.

Uses Debian's `chromium` package through Playwright's `executable_path` (no browser
download). The screenshot is kept in test-artifacts/ for a person to look at.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsfuse.render import render
from tests.test_render import briefing_and_articles

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="Debian's chromium is not installed (apt-get install chromium)",
    ),
]


def test_report_highlights_claims_and_runs_no_article_script(tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    briefing, arts = briefing_and_articles()
    page_file = tmp_path / "report.html"
    page_file.write_text(render(briefing, arts, "html"), encoding="utf-8")
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(page_file.as_uri())
            assert page.evaluate("window.__pwned === undefined")
            marks = page.locator('mark[data-claims~="s-c1"]')
            assert marks.count() == 2
            assert "<script>" in page.locator('mark[data-claims~="s-c2"]').inner_text()
            evacuated = page.locator('mark[data-claims~="s-c3"]')
            assert evacuated.count() == 2

            page.locator('li[data-claim="s-c1"]').hover()
            assert all("hl" in (marks.nth(i).get_attribute("class") or "") for i in range(2))
            page.mouse.move(0, 0)
            assert "hl" not in (marks.nth(0).get_attribute("class") or "")

            # Beta's sentence restates the core event and reports the evacuation: it is lit
            # for either claim, and hovering it lights its own statement's claim.
            page.locator('li[data-claim="s-c3"]').hover()
            assert all("hl" in (evacuated.nth(i).get_attribute("class") or "") for i in range(2))
            assert "hl" not in (marks.nth(0).get_attribute("class") or "")
            page.mouse.move(0, 0)
            evacuated.nth(1).hover()
            assert "hl" in (evacuated.nth(0).get_attribute("class") or "")
            page.mouse.move(0, 0)

            page.locator('li[data-claim="s-c1"]').click()
            page.mouse.move(0, 0)
            assert "hl" in (marks.nth(1).get_attribute("class") or "")
            assert page.locator("svg.timeline circle").count() == 1
            page.screenshot(path=str(ARTIFACTS / "report.png"), full_page=True)
            assert not errors
        finally:
            browser.close()

"""The web app in headless Chromium against the real server on a loopback port: search,
open a story, click a claim and see its sources lit; a page that updates itself when a
report joins its story; a hostile article that runs nothing; the API docs offline.

Uses Debian's `chromium` through Playwright's `executable_path` (no browser download).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest

from newsfuse.web import ServeConfig
from tests.conftest import SEEDS
from tests.test_browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS
from tests.webapp import HOSTILE_ROW, copy_db, live_server

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="Debian's chromium is not installed (apt-get install chromium)",
    ),
]

HERALD = {
    "id": "estavia-herald/drovny-inquiry",
    "outlet": "Estavia Herald",
    "title": "Drovny derailment: rail inquiry looks at rain-soaked embankment",
    "text": "Drovny derailment: rail inquiry looks at rain-soaked embankment\n"
    "DROVNY (Estavia Herald) — Investigators from the National Transport Safety Board on "
    "Saturday examined the embankment near Drovny where the overnight train from Korvel to "
    "Lisbrand derailed on Wednesday, killing 14 people.\n"
    "Seven of the train's nine carriages left the tracks on a curve east of Drovny station. "
    "Transport Minister Halina Sorvik said the board's preliminary findings would be "
    "published within 30 days.\n"
    "Estarail said rail traffic between Korvel and Lisbrand remains suspended and "
    "replacement buses would run until at least March 20.",
}
"""An invented fourth report of the bundled derailment story, POSTed while its page is open."""


@pytest.fixture(scope="module")
def base(examples_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = copy_db(examples_store, tmp_path_factory.mktemp("browser"))
    with live_server(ServeConfig(db=str(db), poll_seconds=1)) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


class Watched:
    """A page whose script errors, dialogs and refused loads (CSP) are recorded."""

    def __init__(self, browser: Any) -> None:
        self.page = browser.new_page(viewport={"width": 1280, "height": 900})
        self.problems: list[str] = []
        self.page.on("pageerror", lambda e: self.problems.append(f"error: {e}"))
        self.page.on(
            "dialog", lambda d: (self.problems.append(f"dialog: {d.message}"), d.dismiss())
        )
        self.page.on(
            "console",
            lambda m: self.problems.append(f"console: {m.text}") if m.type == "error" else None,
        )

    def close(self) -> None:
        self.page.close()


@pytest.fixture
def watched(browser: Any) -> Iterator[Watched]:
    w = Watched(browser)
    yield w
    w.close()


def post(base: str, rows: list[dict], **params: str) -> dict:
    resp = httpx.post(f"{base}/api/articles", json=rows, params=params, timeout=120)
    assert resp.status_code == 200, resp.text
    return resp.json()


def lit(page: Any, claim: str) -> list[str]:
    """Articles (columns) whose sentences are lit for a claim."""
    return page.eval_on_selector_all(
        f'mark.hl[data-claims~="{claim}"]',
        "ms => ms.map(m => m.closest('.column').dataset.article)",
    )


def test_search_open_story_and_click_a_claim(base: str, watched: Watched) -> None:
    page = watched.page
    page.goto(base + "/")
    page.fill("header input[name=q]", "seawall")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url("**/?q=seawall")
    rows = page.locator("a.story-link")
    assert rows.count() == 1
    assert rows.inner_text() == "Porthaven gets €48m for new seawall"
    rows.click()
    page.wait_for_selector("li.claim")
    claim = page.locator("li.claim.corroborated").first
    claim_id = claim.get_attribute("data-claim")
    claim.click()
    page.mouse.move(0, 0)
    assert "hl" in (claim.get_attribute("class") or "")
    assert len(set(lit(page, claim_id))) >= 2
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "web-story.png"))
    assert not watched.problems


def test_story_page_updates_when_a_report_joins(base: str, watched: Watched) -> None:
    page = watched.page
    found = httpx.get(f"{base}/api/stories", params={"q": "derails"}).json()["stories"]
    story_id = found[0]["id"]
    page.goto(f"{base}/stories/{story_id}")
    assert page.locator(".column").count() == 3
    page.wait_for_timeout(1500)
    result = post(base, [HERALD], date="2026-03-14")
    assert result["stories"] == [story_id]
    page.wait_for_selector(".column >> nth=3", timeout=30_000)
    assert page.locator("#live-note").is_visible()
    assert "Estavia Herald" in page.locator(".story-meta").inner_text()
    claim = page.locator("li.claim").first
    claim.click()
    assert lit(page, claim.get_attribute("data-claim"))
    assert not watched.problems


def test_hostile_article_runs_nothing_in_any_page(base: str, watched: Watched) -> None:
    result = post(base, [HOSTILE_ROW])
    story = result["stories"][0]
    page = watched.page
    urls = [
        "/",
        "/?q=ostrava",
        f"/stories/{story}",
        f"/articles/{quote(HOSTILE_ROW['id'], safe='')}",
    ]
    for url in urls:
        page.goto(base + url)
        page.wait_for_timeout(300)
        for claim in page.locator("li.claim").all()[:5]:
            claim.click()
        page.locator("body").hover()
        assert page.evaluate("window.__pwned") is None, url
        injected = page.evaluate(
            """() => [...document.querySelectorAll('*')].filter(el =>
                   ['IMG', 'IFRAME', 'B'].includes(el.tagName) ||
                   [...el.attributes].some(a => a.name.startsWith('on') ||
                                                a.value.trim().toLowerCase().startsWith('javascript:'))
               ).map(el => el.outerHTML)"""
        )
        assert injected == [], url
        assert page.locator("script:not([src])").count() == 0, url
    assert "Evil Wire" in page.content()
    assert not watched.problems


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is absent")
def test_seed_story_page_shows_who_and_what(base: str, watched: Watched) -> None:
    rows = [
        {"id": p.name, "text": p.read_text(encoding="utf-8")} for p in sorted(SEEDS.glob("*.txt"))
    ]
    result = post(base, rows, date="2025-12-21")
    assert len(result["stories"]) == 1
    story = httpx.get(f"{base}/api/stories/{result['stories'][0]}").json()
    assert sorted(story["articles"]) == sorted(r["id"] for r in rows)
    page = watched.page
    page.goto(f"{base}/stories/{story['id']}")
    text = page.locator("main").inner_text()
    for shown in ("ILKHA", "Kurdistan24", "Peskov", "$105 billion"):
        assert shown in text, shown
    assert not watched.problems


def test_api_docs_load_from_the_app_alone(base: str, watched: Watched) -> None:
    page = watched.page
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(base + "/docs")
    page.wait_for_selector(".opblock", timeout=30_000)
    assert page.locator(".opblock").count() >= 4
    assert requested and all(u.startswith(base) or u.startswith("data:") for u in requested)
    assert not watched.problems

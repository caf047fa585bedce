"""The web pages through the ASGI app: each built from its JSON twin's query, hostile
article text shown as text and never as markup, limits on every route."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from newsfuse.web import ServeConfig, create_app
from newsfuse.web.guard import Limits
from tests.webapp import HOSTILE_ROW, copy_db

OUR_SCRIPTS = {"/static/app.js", "/static/report.js"}
INJECTED_TAGS = {"img", "iframe", "b", "object", "embed", "base", "meta-refresh"}


class Markup(HTMLParser):
    """Every tag and attribute of a page, the text of its scripts, and its visible text."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.script_text: list[str] = []
        self.text: list[str] = []
        self._in_script = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        (self.script_text if self._in_script else self.text).append(data)

    def links(self) -> list[str]:
        return [attrs["href"] for tag, attrs in self.tags if tag == "a" and "href" in attrs]


def assert_inert(html: str) -> Markup:
    """No script but ours, no event handler, no javascript: URL, no injected element."""
    page = Markup(html)
    for tag, attrs in page.tags:
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
        assert not any("javascript:" in v.lower() for v in attrs.values()), (tag, attrs)
        assert tag not in INJECTED_TAGS, (tag, attrs)
        if tag == "script":
            assert attrs.get("src") in OUR_SCRIPTS, attrs
        if tag == "svg":
            assert attrs.get("class") == "timeline", attrs
    assert not "".join(page.script_text).strip()
    return page


@pytest.fixture(scope="module")
def client(examples_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    db = copy_db(examples_store, tmp_path_factory.mktemp("pages"))
    with TestClient(create_app(ServeConfig(db=str(db)))) as c:
        yield c


@pytest.fixture(scope="module")
def hostile_story(client: TestClient) -> str:
    result = client.post("/api/articles", json=[HOSTILE_ROW]).json()
    assert result["ingested"] == [HOSTILE_ROW["id"]], result
    return result["stories"][0]


def test_list_page_is_its_json_twin(client: TestClient) -> None:
    page = client.get("/", params={"q": "drovny"})
    assert page.status_code == 200
    markup = assert_inert(page.text)
    twin = next(a["href"] for t, a in markup.tags if t == "link" and a.get("rel") == "alternate")
    assert twin == "/api/stories?q=drovny"
    stories = client.get(twin).json()["stories"]
    story_links = [h for h in markup.links() if h.startswith("/stories/")]
    assert story_links == [f"/stories/{s['id']}" for s in stories]
    assert "Night express derails near Drovny" in page.text


def test_list_pages_follow_the_cursor(client: TestClient) -> None:
    first = Markup(client.get("/", params={"limit": 2}).text)
    older = next(a["href"] for t, a in first.tags if t == "a" and a.get("rel") == "next")
    second = Markup(client.get(older).text)
    ids = [h for m in (first, second) for h in m.links() if h.startswith("/stories/")]
    assert len(ids) == len(set(ids)) == 4


def test_story_page_draws_the_report_partial(client: TestClient) -> None:
    story = client.get("/api/stories", params={"q": "seawall"}).json()["stories"][0]
    page = client.get(f"/stories/{story['id']}")
    markup = assert_inert(page.text)
    claims = [a["data-claim"] for t, a in markup.tags if t == "li" and "data-claim" in a]
    fused = client.get(f"/api/stories/{story['id']}").json()
    assert sorted(claims) == sorted(c["id"] for c in fused["claims"])
    assert {a.get("data-article") for t, a in markup.tags if "data-article" in a} == set(
        fused["articles"]
    )
    scripts = {a["src"] for t, a in markup.tags if t == "script"}
    assert scripts == OUR_SCRIPTS


def test_article_page_and_a_url_that_is_no_link(client: TestClient) -> None:
    story = client.get("/api/stories", params={"q": "seawall"}).json()["stories"][0]
    article_id = next(a for a in story["articles"] if "/" in a)
    page = client.get(f"/articles/{quote(article_id, safe='')}")
    assert page.status_code == 200
    markup = assert_inert(page.text)
    assert f"/stories/{story['id']}" in markup.links()
    assert client.get(f"/articles/{article_id}").text == page.text


def test_hostile_article_injects_nothing_in_any_page(
    client: TestClient, hostile_story: str
) -> None:
    pages = {
        "list": client.get("/"),
        "search": client.get("/", params={"q": "Ostrava"}),
        "outlet": client.get("/", params={"outlet": HOSTILE_ROW["outlet"]}),
        "story": client.get(f"/stories/{hostile_story}"),
        "article": client.get(f"/articles/{quote(HOSTILE_ROW['id'], safe='')}"),
    }
    for name, resp in pages.items():
        assert resp.status_code == 200, name
        markup = assert_inert(resp.text)
        shown = "".join(markup.text)
        assert "Evil Wire" in shown, name
    story_text = "".join(Markup(pages["story"].text).text)
    assert "<script>window.__pwned=6</script>" in story_text
    article = Markup(pages["article"].text)
    assert HOSTILE_ROW["url"] in "".join(article.text)
    assert HOSTILE_ROW["title"] in "".join(article.text)


def test_page_errors_are_pages_and_api_errors_are_problems(client: TestClient) -> None:
    page = client.get("/stories/no-such-story")
    assert page.status_code == 404
    assert page.headers["content-type"].startswith("text/html")
    assert "no story" in page.text
    assert_inert(client.get("/", params={"cursor": "<script>x</script>"}).text)
    assert client.get("/", params={"cursor": "bad"}).status_code == 400


@pytest.mark.parametrize(
    "path",
    ["/static/../pyproject.toml", "/static/%2e%2e/web/app.py", "/static/.hidden", "/static/x.js"],
)
def test_static_serves_only_its_files(client: TestClient, path: str) -> None:
    assert client.get(path).status_code == 404


def test_static_assets_are_served_from_the_package(client: TestClient) -> None:
    for path in ("/static/app.js", "/static/report.js", "/static/report.css", "/static/app.css"):
        assert client.get(path).status_code == 200, path
    swagger = client.get("/static/swagger-ui/swagger-ui-bundle.js")
    assert swagger.status_code == 200 and len(swagger.content) > 100_000
    docs = Markup(client.get("/docs").text)
    assert {a["src"] for t, a in docs.tags if t == "script"} == {
        "/static/swagger-ui/swagger-ui-bundle.js",
        "/static/docs.js",
    }


def test_a_request_over_its_time_gets_503() -> None:
    async def slow(scope: dict, receive: object, send: object) -> None:
        await asyncio.sleep(5)

    sent: list[dict] = []

    async def send(message: dict) -> None:
        sent.append(message)

    async def receive() -> dict:
        return {"type": "http.request", "body": b""}

    scope = {"type": "http", "method": "GET", "path": "/", "headers": []}
    asyncio.run(Limits(slow, timeout_s=0.05)(scope, receive, send))  # type: ignore[arg-type]
    assert sent[0]["status"] == 503
    assert re.search(rb'"status": 503', sent[1]["body"])

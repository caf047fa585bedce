"""The HTTP API through the ASGI app, over a real SQLite store of the bundled examples."""

from __future__ import annotations

import inspect
import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from pydantic import BaseModel

from newsfuse.model import Article
from newsfuse.store import BriefStore
from newsfuse.web import ServeConfig, create_app, models
from tests.conftest import ROOT, run_cli
from tests.webapp import EXAMPLES, copy_db

TOKEN = "s3cret-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
DERAILMENT = "Night express derails near Drovny as rescuers search wreckage"


@pytest.fixture(scope="module")
def db(examples_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_db(examples_store, tmp_path_factory.mktemp("api"))


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(ServeConfig(db=str(db), token=TOKEN))) as c:
        yield c


def _titles(listing: dict) -> list[str]:
    return [s["title"] for s in listing["stories"]]


def test_openapi_lists_the_api(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/stories", "/api/stories/{story_id}", "/api/articles"} <= set(paths)
    assert "/api/articles/{article_id}" in paths
    assert "post" in paths["/api/articles"]


def test_stories_newest_first_with_counts(client: TestClient) -> None:
    listing = client.get("/api/stories").json()
    assert listing["next"] is None
    assert len(listing["stories"]) == 4
    updated = [s["updated"] for s in listing["stories"]]
    assert updated == sorted(updated, reverse=True)
    derailment = next(s for s in listing["stories"] if s["title"] == DERAILMENT)
    assert set(derailment["outlets"]) == {"Meridian Wire", "NORDPRESS", "The Calder Ledger"}
    assert len(derailment["articles"]) == 3
    assert derailment["conflicts"] >= 1
    assert derailment["claims"] > derailment["conflicts"]
    assert derailment["first_seen"] <= derailment["updated"]


def test_search_outlet_and_since_filters(client: TestClient) -> None:
    assert _titles(client.get("/api/stories", params={"q": "SEAWALL"}).json()) == [
        "Porthaven gets €48m for new seawall"
    ]
    assert _titles(client.get("/api/stories", params={"q": "seawall derails"}).json()) == []
    nordpress = client.get("/api/stories", params={"outlet": "nordpress"}).json()
    assert len(nordpress["stories"]) == 2
    assert all("NORDPRESS" in s["outlets"] for s in nordpress["stories"])
    assert client.get("/api/stories", params={"outlet": "NORD"}).json()["stories"] == []
    assert client.get("/api/stories", params={"since": "2999-01-01"}).json()["stories"] == []
    assert (
        len(
            client.get("/api/stories", params={"since": "2000-01-01T00:00:00+02:00"}).json()[
                "stories"
            ]
        )
        == 4
    )
    # A time whose UTC falls outside the calendar is before, or after, every story.
    edge = {"0001-01-01T00:00:00+00:01": 4, "9999-12-31T23:59:59-00:01": 0}
    for since, count in edge.items():
        answer = client.get("/api/stories", params={"since": since})
        assert answer.status_code == 200 and len(answer.json()["stories"]) == count


def test_cursor_pages_walk_every_story_once(client: TestClient) -> None:
    seen: list[str] = []
    params: dict[str, str | int] = {"limit": 1}
    while True:
        page = client.get("/api/stories", params=params).json()
        assert len(page["stories"]) <= 1
        seen += [s["id"] for s in page["stories"]]
        if page["next"] is None:
            break
        params["cursor"] = page["next"]
    assert seen == [s["id"] for s in client.get("/api/stories").json()["stories"]]


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"cursor": "not-a-cursor"}, 400),
        ({"since": "yesterday"}, 422),
        ({"limit": 0}, 422),
        ({"limit": 100000}, 422),
        ({"q": "x" * 501}, 422),
    ],
)
def test_bad_list_parameters_are_4xx_problems(
    client: TestClient, params: dict, status: int
) -> None:
    resp = client.get("/api/stories", params=params)
    assert resp.status_code == status
    assert resp.headers["content-type"] == "application/problem+json"
    body = resp.json()
    assert body["status"] == status and body["detail"] and body["title"]


def test_story_is_the_brief_json_of_that_story(client: TestClient, db: Path) -> None:
    story_id = client.get("/api/stories", params={"q": "derails"}).json()["stories"][0]["id"]
    resp = client.get(f"/api/stories/{story_id}")
    assert resp.status_code == 200
    shown = run_cli("show", story_id, "--db", str(db), "--format", "json")
    assert shown.returncode == 0, shown.stderr
    assert resp.json() == json.loads(shown.stdout)["stories"][0]
    again = client.get(f"/api/stories/{story_id}", headers={"If-None-Match": resp.headers["etag"]})
    assert again.status_code == 304 and not again.content


def test_article_ids_with_slashes(client: TestClient, db: Path) -> None:
    stored = BriefStore(db).articles()
    with_slash = next(a for a in stored if "/" in a.id)
    for path in (with_slash.id, quote(with_slash.id, safe="")):
        resp = client.get(f"/api/articles/{path}")
        assert resp.status_code == 200, path
        assert Article.model_validate(resp.json()) == with_slash


def test_unknown_things_are_404_problems(client: TestClient) -> None:
    for url in ("/api/stories/story-nope", "/api/articles/no/such/article", "/api/nothing"):
        resp = client.get(url)
        assert resp.status_code == 404, url
        assert resp.headers["content-type"] == "application/problem+json"
        assert resp.json()["status"] == 404
    assert client.delete("/api/stories").json()["status"] == 405


def test_post_needs_the_token(client: TestClient) -> None:
    row = [{"id": "t1", "text": "A report."}]
    assert client.post("/api/articles", json=row).status_code == 401
    wrong = client.post("/api/articles", json=row, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    assert wrong.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b"[{", 400),
        (b"\xff\xfe not json", 400),
        (b"[" * 100000 + b"]" * 100000, 400),
        (b'{"id": "x", "text": "an object, not an array"}', 422),
        (json.dumps([{"text": "x"}] * 101).encode(), 413),
    ],
)
def test_malformed_bodies_are_4xx_and_the_server_answers_on(
    client: TestClient, body: bytes, status: int
) -> None:
    resp = client.post(
        "/api/articles", content=body, headers={**AUTH, "content-type": "application/json"}
    )
    assert resp.status_code == status
    assert resp.json()["status"] == status
    assert client.get("/api/health").status_code == 200


def test_oversized_bodies_are_refused(client: TestClient) -> None:
    big = b"[" + b" " * (16 * 1024 * 1024) + b"]"
    declared = client.post("/api/articles", content=big, headers=AUTH)
    assert declared.status_code == 413
    assert declared.json()["status"] == 413

    def chunks() -> Iterator[bytes]:
        yield b"["
        for _ in range(17):
            yield b" " * (1024 * 1024)
        yield b"]"

    streamed = client.post("/api/articles", content=chunks(), headers=AUTH)
    assert streamed.status_code == 413
    assert client.get("/api/health").json()["articles"] >= 10


def test_post_stores_good_rows_names_bad_ones_and_skips_stored(client: TestClient) -> None:
    text = (EXAMPLES / "reports" / "meridian-drovny-derailment.txt").read_text(encoding="utf-8")
    rows = [
        {
            "id": "ostrava-bridge",
            "text": "The mayor of Ostrava said on Monday that the Lidická bridge would reopen "
            "on Friday after repairs costing $4 million.",
            "outlet": "Ostrava Daily",
        },
        {"id": "empty", "text": "   "},
        "not an object",
        {"id": "derailment-again", "text": text},
    ]
    resp = client.post("/api/articles", params={"date": "2026-03-16"}, json=rows, headers=AUTH)
    assert resp.status_code == 200
    result = resp.json()
    assert result["ingested"] == ["ostrava-bridge"]
    assert result["already_stored"] == ["derailment-again"]
    assert [f["item"] for f in result["failures"]] == ["request:2", "request:3"]
    assert len(result["stories"]) == 1
    story = client.get(f"/api/stories/{result['stories'][0]}").json()
    assert story["articles"] == ["ostrava-bridge"]
    article = client.get("/api/articles/ostrava-bridge").json()
    assert article["reference_date"] == "2026-03-16"
    friday = [t["value"] for t in article["times"] if t["text"] == "Friday"]
    assert friday == ["2026-03-20"]
    listed = client.get("/api/stories", params={"outlet": "ostrava daily"}).json()["stories"]
    assert [s["id"] for s in listed] == result["stories"]
    assert client.post("/api/articles", json=rows[:1], headers=AUTH).json()["already_stored"] == [
        "ostrava-bridge"
    ]
    bad_date = client.post("/api/articles", params={"date": "March"}, json=rows, headers=AUTH)
    assert bad_date.status_code == 422


def test_post_of_a_stored_id_with_other_text_is_a_new_version(client: TestClient) -> None:
    """Nothing silently lost over HTTP either: the new text is stored, named in `updated`,
    and its story (fused again) says so; the earlier text is kept."""
    row = {
        "id": "ostrava-tram",
        "text": "Trams in Ostrava stopped on Monday after a cable fire, the operator said.",
    }
    first = client.post("/api/articles", params={"date": "2026-03-16"}, json=[row], headers=AUTH)
    assert first.json()["ingested"] == ["ostrava-tram"]
    story_id = first.json()["stories"][0]
    before = client.get(f"/api/stories/{story_id}")
    row["text"] = "Trams in Ostrava ran again on Tuesday after a cable fire, the operator said."
    again = client.post("/api/articles", params={"date": "2026-03-16"}, json=[row], headers=AUTH)
    result = again.json()
    assert (result["ingested"], result["already_stored"]) == ([], [])
    assert result["updated"] == ["ostrava-tram"]
    assert result["stories"] == [story_id]
    after = client.get(f"/api/stories/{story_id}")
    assert after.headers["etag"] != before.headers["etag"]
    assert "ran again on Tuesday" in after.text and "ran again" not in before.text
    assert client.get("/api/articles/ostrava-tram").json()["text"] == row["text"]


def test_every_response_carries_the_security_headers(client: TestClient) -> None:
    for url in ("/", "/api/stories", "/static/app.js", "/api/stories/nope", "/docs"):
        headers = client.get(url).headers
        csp = headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src 'self'" in csp, url
        assert "unsafe-inline" not in csp.split("style-src")[0], url
        assert headers["x-content-type-options"] == "nosniff"


def test_every_api_field_is_documented() -> None:
    doc = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8").split("## The HTTP API")[1]
    missing = [
        f"{name}.{field}"
        for name, cls in inspect.getmembers(models, inspect.isclass)
        if issubclass(cls, BaseModel)
        and cls.__module__ == models.__name__
        and not name.startswith("_")
        for field in cls.model_fields
        if f"`{field}`" not in doc
    ]
    assert not missing, f"undocumented API fields: {missing}"

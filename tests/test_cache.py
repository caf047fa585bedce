"""Tables kept on disk between processes: read when there, built and kept when not, and
never in the way (unreadable or unwritable files fall back to building)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsfuse import cache
from newsfuse.nlp import fx, gazetteer


class Builder:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> dict[str, list[int]]:
        self.calls += 1
        return {"table": [1, 2, 3]}


def test_a_table_is_built_once_then_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.ENV, str(tmp_path / "c"))
    build = Builder()
    assert cache.load_or_build("t", "k1", build) == {"table": [1, 2, 3]}
    assert cache.load_or_build("t", "k1", build) == {"table": [1, 2, 3]}
    assert build.calls == 1
    cache.load_or_build("t", "k2", build)  # another key: another table
    assert build.calls == 2
    assert sorted(p.name for p in (tmp_path / "c").iterdir()) == ["t-k1.pickle", "t-k2.pickle"]


def test_a_damaged_table_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.ENV, str(tmp_path))
    (tmp_path / "t-k.pickle").write_bytes(b"\x80\x05truncated")
    build = Builder()
    assert cache.load_or_build("t", "k", build) == {"table": [1, 2, 3]}
    assert cache.load_or_build("t", "k", build) == {"table": [1, 2, 3]}
    assert build.calls == 1


def test_an_unwritable_folder_only_costs_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(cache.ENV, str(blocker / "cache"))
    build = Builder()
    assert cache.load_or_build("t", "k", build) == {"table": [1, 2, 3]}
    assert cache.load_or_build("t", "k", build) == {"table": [1, 2, 3]}
    assert build.calls == 2


def test_off_builds_every_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.ENV, cache.OFF)
    assert cache.folder() is None
    build = Builder()
    cache.load_or_build("t", "k", build)
    cache.load_or_build("t", "k", build)
    assert build.calls == 2


def test_the_key_follows_package_versions_and_source() -> None:
    assert cache.key(["numpy"], [cache]) == cache.key(["numpy"], [cache])
    assert cache.key(["numpy"], [cache]) != cache.key(["spacy"], [cache])
    assert cache.key(["numpy"], [cache]) != cache.key(["numpy"], [cache, fx])


def test_the_gazetteer_and_the_rates_read_back_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(cache.ENV, str(tmp_path))
    built = gazetteer._Index()
    gazetteer._index.cache_clear()
    fx._converter.cache_clear()
    try:
        first = gazetteer._index()  # built and kept
        gazetteer._index.cache_clear()
        second = gazetteer._index()  # read back
        assert second is not first
        assert second.cities == built.cities and second.countries == built.countries
        assert fx._converter().convert(100, "EUR", "USD") > 0
        assert {p.name.split("-")[0] for p in tmp_path.iterdir()} == {"gazetteer", "ecb"}
    finally:
        gazetteer._index.cache_clear()
        fx._converter.cache_clear()

"""Compiled tables: built once, read back while their files are unchanged, built anew when
one changes, and never a failure when the cache cannot be used."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from allegiance import compiled


class Builder:
    def __init__(self, source: Path) -> None:
        self.source = source
        self.calls = 0

    def __call__(self) -> dict[str, str]:
        self.calls += 1
        return {"text": self.source.read_text("utf-8")}


@pytest.fixture
def setup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Builder]:
    cache = tmp_path / "cache"
    monkeypatch.setenv("ALLEGIANCE_CACHE_DIR", str(cache))
    source = tmp_path / "data.yml"
    source.write_text("a: 1\n", encoding="utf-8")
    return cache, Builder(source)


def test_built_once_then_read(setup: tuple[Path, Builder]) -> None:
    cache, build = setup
    first = compiled.cached("t", [build.source], build)
    second = compiled.cached("t", [build.source], build)
    assert first == second == {"text": "a: 1\n"}
    assert build.calls == 1
    assert len(list(cache.glob("t-*.pickle"))) == 1
    assert (cache.stat().st_mode & 0o777) == 0o700


def test_a_changed_file_builds_anew_and_drops_the_old_entry(setup: tuple[Path, Builder]) -> None:
    cache, build = setup
    compiled.cached("t", [build.source], build)
    build.source.write_text("a: 2\n", encoding="utf-8")
    assert compiled.cached("t", [build.source], build) == {"text": "a: 2\n"}
    assert build.calls == 2
    assert len(list(cache.glob("t-*.pickle"))) == 1


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05garbage"])
def test_a_damaged_entry_is_built_again(setup: tuple[Path, Builder], damage: bytes) -> None:
    cache, build = setup
    compiled.cached("t", [build.source], build)
    [entry] = cache.glob("t-*.pickle")
    entry.write_bytes(damage)
    assert compiled.cached("t", [build.source], build) == {"text": "a: 1\n"}
    assert build.calls == 2


@pytest.mark.parametrize("value", ["off", "0", ""])
def test_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("ALLEGIANCE_CACHE_DIR", value)
    source = tmp_path / "d.yml"
    source.write_text("x", encoding="utf-8")
    build = Builder(source)
    compiled.cached("t", [source], build)
    compiled.cached("t", [source], build)
    assert build.calls == 2 and compiled.cache_dir() is None


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
def test_a_folder_that_cannot_be_written_is_passed_over(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    monkeypatch.setenv("ALLEGIANCE_CACHE_DIR", str(locked / "cache"))
    source = tmp_path / "d.yml"
    source.write_text("x", encoding="utf-8")
    assert compiled.cached("t", [source], Builder(source)) == {"text": "x"}


def test_a_cache_path_under_a_file_is_passed_over(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("ALLEGIANCE_CACHE_DIR", str(blocker / "cache"))
    source = tmp_path / "d.yml"
    source.write_text("x", encoding="utf-8")
    build = Builder(source)
    assert compiled.cached("t", [source], build) == {"text": "x"}
    assert compiled.cached("t", [source], build) == {"text": "x"}
    assert build.calls == 2


def test_a_missing_source_builds_without_the_cache(setup: tuple[Path, Builder]) -> None:
    _, build = setup
    gone = build.source.parent / "gone.yml"
    assert compiled.cached("t", [build.source, gone], build) == {"text": "a: 1\n"}


def test_the_packaged_gazetteer_is_the_same_compiled_or_not(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from allegiance.reference.gazetteer import GAZETTEER_SOURCES, _packaged, build

    files = compiled.package_files(*GAZETTEER_SOURCES)
    assert any(f.suffix == ".yml" for f in files) and any(f.suffix == ".py" for f in files)
    monkeypatch.setenv("ALLEGIANCE_CACHE_DIR", str(tmp_path))
    made = compiled.cached("gazetteer", files, lambda: build(_packaged()))
    again = compiled.cached("gazetteer", files, lambda: pytest.fail("built twice"))
    assert [(r.id, r.name, r.aliases) for r in again.records] == [(r.id, r.name, r.aliases) for r in made.records]


def test_every_packaged_data_file_reads_the_same_compiled_or_not(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from allegiance.resources import load_mapping

    root = Path(str(compiled.package_files("resources/cues/*.yml")[0])).parents[1]
    files = [p.relative_to(root).parts for p in sorted(root.glob("cues/**/*.yml"))]
    assert files
    monkeypatch.setenv("ALLEGIANCE_CACHE_DIR", "off")
    plain = [load_mapping(*parts) for parts in files]
    monkeypatch.setenv("ALLEGIANCE_CACHE_DIR", str(tmp_path))
    first = [load_mapping(*parts) for parts in files]  # built and kept
    again = [load_mapping(*parts) for parts in files]  # read back
    assert plain == first == again
    assert len(list(tmp_path.glob("yaml-*.pickle"))) == len(files)

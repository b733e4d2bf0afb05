"""The pipeline is loaded once per process with automatic collection paused, and the
collector's settings come back whatever happens while loading."""

from __future__ import annotations

import gc

import pytest

import allegiance.pipeline.run as pipeline_run
from allegiance.batch import run as batch_run


@pytest.fixture
def cold(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int, int]]:
    seen: list[tuple[int, int, int]] = []
    monkeypatch.setattr(batch_run, "_warm", False)
    monkeypatch.setattr(pipeline_run, "warm_up", lambda: seen.append(gc.get_threshold()))
    return seen


def test_loading_pauses_collection_and_restores_it(cold: list[tuple[int, int, int]]) -> None:
    before = gc.get_threshold()
    batch_run.warm_up()
    assert cold and cold[0][0] == 0
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() > 0


def test_loading_happens_once(cold: list[tuple[int, int, int]]) -> None:
    batch_run.warm_up()
    batch_run.warm_up()
    assert len(cold) == 1


def test_a_failed_load_restores_the_collector(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> None:
        raise RuntimeError("no model")

    monkeypatch.setattr(batch_run, "_warm", False)
    monkeypatch.setattr(pipeline_run, "warm_up", broken)
    before = gc.get_threshold()
    with pytest.raises(RuntimeError):
        batch_run.warm_up()
    assert gc.get_threshold() == before

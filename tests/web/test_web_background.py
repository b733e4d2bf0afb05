"""Whole-store answers in the background: none while the first is worked out, then the
answer, then the last answer marked stale once the store changes, until the new one is in."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from allegiance.store import Store
from allegiance.web.background import Background
from web_cases import hostile_extraction


def test_answers_follow_the_store(split_db: Path) -> None:
    gate = threading.Event()
    calls: list[int] = []

    def compute(store: Store) -> int:
        gate.wait(10)
        n = int(store.counts()["documents"])
        calls.append(n)
        return n

    bg: Background[int] = Background(str(split_db), compute, wait=0.05)
    with Store.open(split_db, create=False) as store:
        assert bg.get(store) == (None, False)
        gate.set()
        for _ in range(200):
            if bg.get(store)[1]:
                break
            time.sleep(0.02)
        assert bg.get(store) == (1, True)
        store.ingest(hostile_extraction())
        gate.clear()
        assert bg.get(store) == (1, False)
        gate.set()
        for _ in range(200):
            if bg.get(store)[1]:
                break
            time.sleep(0.02)
        assert bg.get(store) == (2, True)
    assert calls == [1, 2]

"""Answers over the whole store (review candidates, conflicts, counts) worked out in a
background thread and kept until the store changes, so a page never waits for them for
long: it shows the last answer (marked as being brought up to date) or says it is coming."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from allegiance.store.db import Store

T = TypeVar("T")
#: how long a page waits for a fresh answer before showing the last one
WAIT_SECONDS = 0.25


def generation(store: Store) -> tuple[object, ...]:
    """A cheap token that changes whenever documents, judgements or reviews are added."""
    row = store.one("SELECT (SELECT max(rowid) FROM claims), (SELECT max(rowid) FROM documents), "
                    "(SELECT max(id) FROM judgements), (SELECT count(*) FROM judgements "
                    "WHERE active = 1), (SELECT max(id) FROM reviews), "
                    "(SELECT count(*) FROM reviews WHERE active = 1)")
    return tuple(row) if row else ()


class Background(Generic[T]):
    """One whole-store answer, recomputed in its own thread and connection on change."""

    def __init__(self, db: str, compute: Callable[[Store], T], wait: float = WAIT_SECONDS) -> None:
        self.db = db
        self.compute = compute
        self.wait = wait
        self._lock = threading.Lock()
        self._value: T | None = None
        self._for: tuple[object, ...] | None = None
        self._running: threading.Event | None = None
        self.error: str | None = None

    def get(self, store: Store) -> tuple[T | None, bool]:
        """The answer (None while the first is worked out) and whether it is current. The
        request that starts the work waits for it up to ``wait`` seconds; others while it
        runs get the last answer at once."""
        gen = generation(store)
        with self._lock:
            if self._for == gen and self._value is not None:
                return self._value, True
            done = self._running
            if done is not None:
                # being worked out already: answer at once with what there is, so that
                # pages asked while a long answer is computed do not each wait for it
                return self._value, False
            done = threading.Event()
            self._running = done
            threading.Thread(target=self._run, args=(gen, done), daemon=True).start()
        done.wait(self.wait)
        with self._lock:
            return self._value, self._for == gen

    def _run(self, gen: tuple[object, ...], done: threading.Event) -> None:
        from allegiance.errors import AllegianceError
        from allegiance.store import Store

        try:
            with Store.open(self.db, create=False) as store:
                value = self.compute(store)
            with self._lock:
                self._value, self._for, self.error = value, gen, None
        except AllegianceError as e:
            self.error = str(e)
        finally:
            with self._lock:
                self._running = None
            done.set()

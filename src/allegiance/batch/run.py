"""Extract a stream of items on all cores, in input order, with a bounded number in flight.

``jobs=1`` runs in this process. Otherwise a pool of long-lived worker processes does the
work, so each loads the spaCy model once. Items go to the workers in small batches and at
most ``window`` batches are submitted and not yet collected, so memory stays constant
however long the input.

A worker that dies (killed, out of memory, a crash in a C library) fails only the document
it was working on: the documents in flight are run again one at a time in a fresh pool,
the one that kills its worker again is reported failed, and the run goes on. Workers ask
the kernel to end them when their parent dies (Linux), so none outlives a killed run; a run
stopped by an exception or a signal terminates its workers before it returns.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import multiprocessing
import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, replace
from types import FrameType

from allegiance import settings
from allegiance.batch.items import Item, load
from allegiance.errors import AllegianceError
from allegiance.model.types import Document, Extraction

Extractor = Callable[[Document], Extraction]
#: extracts several documents at once; each place holds a result or what stopped it
BatchExtractor = Callable[[list[Document]], list[Extraction | Exception]]


@dataclass(frozen=True)
class Outcome:
    """The result for one item: its extraction, or the one-line reason it failed."""

    item: Item
    extraction: Extraction | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def default_extractor(doc: Document) -> Extraction:
    """The extraction pipeline (imported here so workers import it once, when first used)."""
    warm_up()
    from allegiance.pipeline import extract_document

    return extract_document(doc)


def default_batch_extractor(docs: list[Document]) -> list[Extraction | Exception]:
    """The extraction pipeline over several documents, with one batched parse."""
    warm_up()
    from allegiance.pipeline.run import extract_batch

    return extract_batch(docs)


_warm = False


def warm_up() -> None:
    """Import spaCy and load the model and the pipeline's tables, once per process, with the
    cyclic garbage collector paused.

    Loading makes millions of objects and no garbage to speak of, yet each allocation burst
    sets off a collection that walks them all: about a third of a second of the start-up.
    Once loaded they are moved out of the collector's sight (``gc.freeze``), so the
    collections made while extracting do not walk the model either."""
    global _warm
    if _warm:
        return
    _warm = True
    # a zero threshold, not gc.disable(): the model's loader turns the collector back on
    thresholds = gc.get_threshold()
    gc.set_threshold(0)
    try:
        from allegiance.pipeline.run import warm_up as load_pipeline

        load_pipeline()
    finally:
        gc.freeze()
        gc.set_threshold(*thresholds)


def error_line(item: Item, message: str) -> str:
    """``message`` naming the item, once."""
    if message.startswith(item.label) or (item.path is not None and str(item.path) in message):
        return message
    return f"{item.label}: {message}"


class OverTime(AllegianceError):
    """A document took longer than its time budget (``ALLEGIANCE_MAX_SECONDS``)."""

    code = "E110"


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise OverTime in this thread when the block runs longer than ``seconds`` (0: no
    limit). A real-time timer signal, so only where signals can be handled: the main
    thread of a POSIX process; elsewhere no limit applies."""
    usable = (seconds > 0 and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return

    def over(signum: int, frame: FrameType | None) -> None:
        raise OverTime(f"took longer than {seconds:g} seconds (ALLEGIANCE_MAX_SECONDS)")

    previous = signal.signal(signal.SIGALRM, over)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def process(item: Item, extractor: Extractor | None = None) -> Outcome:
    """Read (if needed) and extract one item; failures become an Outcome with an error."""
    try:
        with time_budget(settings.MAX_SECONDS):
            doc = load(item)
            extraction = (extractor or default_extractor)(doc)
    except Exception as e:  # noqa: BLE001 - one bad document must not stop the batch
        return _failed(item, e)
    return Outcome(_bare(item), extraction=extraction)


def _failed(item: Item, e: Exception) -> Outcome:
    if isinstance(e, AllegianceError):
        return Outcome(_bare(item), error=error_line(item, str(e)))
    return Outcome(_bare(item), error=error_line(item, f"{type(e).__name__}: {e}"))


def _bare(item: Item) -> Item:
    """The item without its document, so results do not carry the text twice."""
    if item.document is None:
        return item
    return replace(item, document=None)


def default_jobs() -> int:
    """All cores."""
    return os.cpu_count() or 1


#: the message of a document whose worker process died while extracting it
WORKER_DIED = "worker process died while extracting it (killed, or out of memory?)"
_PR_SET_PDEATHSIG = 1


def _init_worker(parent: int | None = None) -> None:
    # Ctrl-C is handled by the parent, which stops the pool; workers stay quiet.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent(parent)


def die_with_parent(parent: int | None) -> None:
    """Have the kernel send SIGKILL to this process when its parent dies (Linux only)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if parent is not None and os.getppid() != parent:  # the parent died before the call
        os._exit(1)


def _context() -> multiprocessing.context.BaseContext:
    # Workers start as fresh interpreters (not forks of a process running threads), the same
    # on every platform; they are direct children, so their resource use is accounted here.
    return multiprocessing.get_context("spawn")


def process_batch(items: list[Item], extractor: Extractor | None = None) -> list[Outcome]:
    """One task: a few items, read one after the other and parsed together (one batched
    parse of all their texts).

    With an ``extractor``, or under a time budget per document (``ALLEGIANCE_MAX_SECONDS``,
    which a shared parse could not honour document by document), each item is extracted
    alone."""
    if extractor is not None or settings.MAX_SECONDS > 0:
        return [process(item, extractor) for item in items]
    docs: list[Document | Exception] = []
    for item in items:
        try:
            docs.append(load(item))
        except Exception as e:  # noqa: BLE001 - one bad document must not stop the batch
            docs.append(e)
    results = iter(default_batch_extractor([d for d in docs if isinstance(d, Document)]))
    out: list[Outcome] = []
    for item, doc in zip(items, docs):
        result = doc if isinstance(doc, Exception) else next(results)
        if isinstance(result, Exception):
            out.append(_failed(item, result))
        else:
            out.append(Outcome(_bare(item), extraction=result))
    return out


#: items and characters per batch, in this process (jobs=1) as in a task sent to a worker:
#: parsing 64 short texts together costs about 40% of parsing them one by one
BATCH_ITEMS = 64
BATCH_CHARS = 100_000
#: items per task sent to a worker when each is extracted alone (no shared parse to gain)
ALONE_ITEMS = 8


def _weight(item: Item, unknown: int) -> int:
    if item.document is not None:
        return len(item.document.text)
    try:
        return item.path.stat().st_size if item.path is not None else unknown
    except OSError:
        return unknown


def batches(
    items: Iterable[Item], *, max_items: int = BATCH_ITEMS, max_chars: int = BATCH_CHARS
) -> Iterator[list[Item]]:
    """Group consecutive items into batches: short texts together (one batched parse, fewer
    round trips between processes), long ones alone (so the work stays evenly spread)."""
    batch: list[Item] = []
    size = 0
    for item in items:
        weight = _weight(item, max_chars)
        if batch and (len(batch) >= max_items or size + weight > max_chars):
            yield batch
            batch, size = [], 0
        batch.append(item)
        size += weight
    if batch:
        yield batch


def extract_items(
    items: Iterable[Item],
    *,
    jobs: int | None = None,
    window: int | None = None,
    extractor: Extractor | None = None,
) -> Iterator[Outcome]:
    """Extract ``items`` with ``jobs`` processes; yield one Outcome per item, in input order.

    ``extractor`` (default: the pipeline) must be a module-level function: it is sent to
    the workers by name. Items are sent in small batches (see :func:`batches`); ``window``
    bounds the batches in flight (default ``2 * jobs``), so at most ``64 * window`` items
    are held at once.
    """
    n = jobs if jobs is not None else default_jobs()
    if n <= 1:
        for batch in batches(items):
            yield from process_batch(batch, extractor)
        return
    limit = max(window or 2 * n, n)
    pool = _Pool(n)
    pending: deque[tuple[list[Item], Future[list[Outcome]]]] = deque()
    # a given extractor takes documents one by one: small tasks spread the work evenly
    size = BATCH_ITEMS if extractor is None else ALONE_ITEMS
    try:
        for batch in batches(items, max_items=size):
            pending.append((batch, pool.submit(batch, extractor)))
            if len(pending) >= limit:
                yield from _collect(pool, pending, extractor)
        while pending:
            yield from _collect(pool, pending, extractor)
    except BaseException:
        pool.kill()
        raise
    finally:
        pool.shutdown()


class _Pool:
    """A process pool that can be rebuilt after one of its workers died."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.executor = self._new()

    def _new(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=self.n, mp_context=_context(),
                                   initializer=_init_worker, initargs=(os.getpid(),))

    def submit(self, batch: list[Item], extractor: Extractor | None) -> Future[list[Outcome]]:
        return self.executor.submit(process_batch, batch, extractor)

    def restart(self) -> None:
        self.kill()
        self.executor.shutdown(wait=True, cancel_futures=True)
        self.executor = self._new()

    def alone(self, item: Item, extractor: Extractor | None) -> Outcome:
        """Extract one item by itself; a dead worker fails it and the pool is rebuilt."""
        try:
            return self.submit([item], extractor).result()[0]
        except BrokenProcessPool:
            self.restart()
            return Outcome(_bare(item), error=error_line(item, WORKER_DIED))

    def kill(self) -> None:
        # the executor keeps its processes in a private mapping; terminating them is the
        # only way not to wait for documents that are still being extracted
        procs = getattr(self.executor, "_processes", None) or {}
        for proc in list(procs.values()):
            if proc.is_alive():
                proc.terminate()

    def shutdown(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def _collect(
    pool: _Pool,
    pending: deque[tuple[list[Item], Future[list[Outcome]]]],
    extractor: Extractor | None,
) -> list[Outcome]:
    """The outcomes of the oldest batch in flight. When a worker died, every batch in
    flight is lost: its items are run again one at a time in a fresh pool."""
    batch, future = pending.popleft()
    try:
        return future.result()
    except BrokenProcessPool:
        suspects = [batch] + [b for b, _ in pending]
        pending.clear()
        pool.restart()
        return [pool.alone(item, extractor) for b in suspects for item in b]

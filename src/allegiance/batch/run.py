"""Extract a stream of items on all cores, in input order, with a bounded number in flight.

``jobs=1`` runs in this process. Otherwise a pool of long-lived worker processes does the
work, so each loads the spaCy model once. Items go to the workers in small batches and at
most ``window`` batches are submitted and not yet collected, so memory stays constant
however long the input.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, replace

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
    from allegiance.pipeline import extract_document

    return extract_document(doc)


def default_batch_extractor(docs: list[Document]) -> list[Extraction | Exception]:
    """The extraction pipeline over several documents, with one batched parse."""
    from allegiance.pipeline.run import extract_batch

    return extract_batch(docs)


def error_line(item: Item, message: str) -> str:
    """``message`` naming the item, once."""
    if message.startswith(item.label) or (item.path is not None and str(item.path) in message):
        return message
    return f"{item.label}: {message}"


def process(item: Item, extractor: Extractor | None = None) -> Outcome:
    """Read (if needed) and extract one item; failures become an Outcome with an error."""
    if extractor is None:
        return process_batch([item])[0]
    try:
        doc = load(item)
        extraction = extractor(doc)
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


def _init_worker() -> None:
    # Ctrl-C is handled by the parent, which stops the pool; workers stay quiet.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _context() -> multiprocessing.context.BaseContext:
    # Workers start as fresh interpreters (not forks of a process running threads), the same
    # on every platform; they are direct children, so their resource use is accounted here.
    return multiprocessing.get_context("spawn")


def process_batch(items: list[Item], extractor: Extractor | None = None) -> list[Outcome]:
    """One task: a few items, read one after the other and parsed together (one batched
    parse of all their texts); with an ``extractor``, extracted one after the other."""
    if extractor is not None:
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
        if extractor is not None:
            for item in items:
                yield process(item, extractor)
            return
        for batch in batches(items):
            yield from process_batch(batch)
        return
    limit = max(window or 2 * n, n)
    pool = ProcessPoolExecutor(max_workers=n, mp_context=_context(), initializer=_init_worker)
    pending: deque[Future[list[Outcome]]] = deque()
    try:
        for batch in batches(items):
            pending.append(pool.submit(process_batch, batch, extractor))
            if len(pending) >= limit:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)

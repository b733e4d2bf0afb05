"""The same extraction on a Dask cluster (``pip install allegiance[cluster]``).

Inputs are cut into partitions of ``partition_size`` items; each partition is one task
(``client.submit``) that runs :func:`allegiance.batch.run.process_batch` on it in a
long-lived Dask worker process, so the spaCy model loads once per worker. At most
``max_partitions`` tasks are in flight and results come back in input order, so the run
streams in constant memory like the local one. Files named by path are read by the worker:
they must be visible to every worker (a shared file system); rows are sent with the task.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from allegiance.batch.items import Item, iter_items, safe_name
from allegiance.batch.run import Extractor, Outcome, process_batch
from allegiance.batch.sinks import ErrorHook, Runner
from allegiance.errors import AllegianceError, InputError
from allegiance.model.types import Document

if TYPE_CHECKING:
    from distributed import Client

Input = Item | Document | str | Path


@contextmanager
def connect(client_or_address: Client | str) -> Iterator[Client]:
    """The given client, or a client to the scheduler at an address (closed afterwards)."""
    try:
        from distributed import Client
    except ImportError:  # pragma: no cover - depends on the installation
        raise AllegianceError(
            "running on Dask needs the 'cluster' extra (dask and distributed)"
        ) from None
    if isinstance(client_or_address, Client):
        yield client_or_address
        return
    connect_to: Any = Client  # distributed has no type annotations
    try:
        client = connect_to(client_or_address, timeout="20s")
    except OSError as e:
        raise AllegianceError(
            f"cannot reach the Dask scheduler at {client_or_address}: {e}"
        ) from None
    try:
        yield client
    finally:
        client.close()


def _partitions(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    chunk: list[Item] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def run_on_client(
    items: Iterable[Item],
    client: Client,
    *,
    partition_size: int = 8,
    max_partitions: int | None = None,
    extractor: Extractor | None = None,
) -> Iterator[Outcome]:
    """Extract ``items`` on ``client``'s cluster; yield Outcomes in input order."""
    api: Any = client  # distributed has no type annotations
    threads = sum(api.nthreads().values()) or 1
    limit = max(max_partitions or 2 * threads, 1)
    pending: deque[Any] = deque()
    try:
        for chunk in _partitions(items, max(partition_size, 1)):
            pending.append(client.submit(process_batch, chunk, extractor, pure=False))
            if len(pending) >= limit:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()


def dask_runner(
    client: Client,
    *,
    partition_size: int = 8,
    max_partitions: int | None = None,
    extractor: Extractor | None = None,
) -> Runner:
    """A runner for the batch sinks (``extract_to_dir`` and the others) that uses Dask."""

    def runner(items: Iterable[Item]) -> Iterator[Outcome]:
        return run_on_client(
            items,
            client,
            partition_size=partition_size,
            max_partitions=max_partitions,
            extractor=extractor,
        )

    return runner


def as_items(inputs: Iterable[Input]) -> Iterator[Item]:
    """Items from documents, items, or paths (files, folders, row files)."""
    for x in inputs:
        if isinstance(x, Item):
            yield x
        elif isinstance(x, Document):
            yield Item(safe_name(x.id), x.id, document=x, row_id=x.id)
        else:
            yield from iter_items(x)


def extract_on_dask(
    inputs: Iterable[Input],
    client_or_address: Client | str,
    *,
    partition_size: int = 8,
    max_partitions: int | None = None,
    extractor: Extractor | None = None,
    on_error: ErrorHook | None = None,
) -> Iterator[dict[str, Any]]:
    """Extraction dicts (``Extraction.to_dict()``) for ``inputs``, computed on Dask.

    A failed input raises InputError, unless ``on_error`` is given: then it is called with
    the one-line reason and the run goes on.
    """
    with connect(client_or_address) as client:
        outcomes = run_on_client(
            as_items(inputs),
            client,
            partition_size=partition_size,
            max_partitions=max_partitions,
            extractor=extractor,
        )
        for outcome in outcomes:
            if outcome.extraction is not None:
                yield outcome.extraction.to_dict()
            elif on_error is None:
                raise InputError(outcome.error or outcome.item.label)
            else:
                on_error(outcome.error or outcome.item.label)

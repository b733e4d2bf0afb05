"""Where batch results go: a folder of files, a JSONL file, a stream, or the store.

Each sink resumes an interrupted run without duplicating anything:

- a folder: each output is written atomically (temporary file, then rename) and inputs
  whose output already exists (or is already on its way) are skipped before they are read;
- a JSONL file: lines are appended, and ids already in the file are skipped (a partial
  last line left by an interruption is cut off first);
- the store: documents it already holds or already has on their way (same content hash)
  are skipped before extraction; a row whose id is stored with another text is extracted
  and stored as a new version; only this process writes to the store, one transaction per
  document.

A failed input is reported as one line through ``on_error`` and counted; the run goes on.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from allegiance.batch.items import Item, loaded
from allegiance.batch.progress import Ticker
from allegiance.batch.render import Format, render, write_extraction
from allegiance.batch.run import Outcome, extract_items
from allegiance.errors import AllegianceError

if TYPE_CHECKING:
    from allegiance.store import Store

Runner = Callable[[Iterable[Item]], Iterator[Outcome]]
ErrorHook = Callable[[str], None]


@dataclass
class BatchStats:
    """Counts of one run. ``failed`` counts inputs reported through ``on_error``."""

    done: int = 0
    skipped: int = 0
    failed: int = 0
    new: int = 0
    unchanged: int = 0
    entities: int = 0
    claims: int = 0


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


class _Run:
    """Shared bookkeeping: stats, progress and error reporting."""

    def __init__(
        self, runner: Runner | None, ticker: Ticker | None, on_error: ErrorHook | None
    ) -> None:
        self.runner: Runner = runner or (lambda items: extract_items(items))
        self.ticker = ticker
        self.on_error = on_error or (ticker.echo if ticker else _stderr)
        self.stats = BatchStats()

    def tick(self) -> None:
        if self.ticker is not None:
            self.ticker.advance()

    def fail(self, message: str) -> None:
        self.stats.failed += 1
        self.on_error(message)
        self.tick()

    def skip(self) -> None:
        self.stats.skipped += 1
        self.tick()

    def outcomes(self, items: Iterable[Item]) -> Iterator[Outcome]:
        for outcome in self.runner(items):
            if outcome.error is not None or outcome.extraction is None:
                self.fail(outcome.error or f"{outcome.item.label}: no result")
                continue
            yield outcome


class _Recent:
    """The last keys sent to be extracted (far more than can be in flight at once), so a
    repeated input is skipped while its first copy is still being extracted in a batch."""

    LIMIT = 65_536

    def __init__(self) -> None:
        self._keys: dict[object, None] = {}

    def __contains__(self, key: object) -> bool:
        return key in self._keys

    def add(self, key: object) -> None:
        self._keys[key] = None
        if len(self._keys) > self.LIMIT:
            del self._keys[next(iter(self._keys))]


def output_path(item: Item, out_dir: Path, fmt: Format) -> Path:
    """Where ``item``'s output goes: its name (relative path, safe row id) plus a suffix."""
    suffix = ".txt" if fmt == "text" else ".json"
    return out_dir / (item.name + suffix)


def write_atomic(path: Path, content: str | Callable[[TextIO], None]) -> None:
    """Write ``content`` (a text, or what a function writes to the file it is given) to
    ``path`` through a temporary file and a rename: a failure leaves no partial file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("w", encoding="utf-8") as fh:
            if callable(content):
                content(fh)
            else:
                fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    os.replace(tmp, path)


def extract_to_dir(
    items: Iterable[Item],
    out_dir: str | Path,
    *,
    fmt: Format = "json",
    runner: Runner | None = None,
    ticker: Ticker | None = None,
    on_error: ErrorHook | None = None,
) -> BatchStats:
    """One output file per item under ``out_dir``; items already done are skipped."""
    out = Path(out_dir)
    run = _Run(runner, ticker, on_error)
    file_fmt: Format = "text" if fmt == "text" else "json"

    def todo() -> Iterator[Item]:
        queued = _Recent()
        for item in items:
            target = output_path(item, out, file_fmt)
            if target in queued or target.exists():
                run.skip()
            else:
                queued.add(target)
                yield item

    for outcome in run.outcomes(todo()):
        assert outcome.extraction is not None
        done = outcome.extraction
        write_atomic(output_path(outcome.item, out, file_fmt), lambda fh: write_extraction(done, file_fmt, fh))
        run.stats.done += 1
        run.tick()
    return run.stats


def jsonl_ids(path: Path) -> set[str]:
    """Document ids already in a JSONL output; cut off a partial last line first."""
    if not path.exists():
        return set()
    ids: set[str] = set()
    good = 0
    with path.open("rb") as fh:
        for raw in fh:
            if not raw.endswith(b"\n"):
                break
            good += len(raw)
            try:
                doc_id = json.loads(raw)["document"]["id"]
            except (ValueError, KeyError, TypeError):
                continue
            ids.add(str(doc_id))
    if good != path.stat().st_size:
        with path.open("rb+") as fh:
            fh.truncate(good)
    return ids


def extract_to_jsonl(
    items: Iterable[Item],
    path: str | Path,
    *,
    runner: Runner | None = None,
    ticker: Ticker | None = None,
    on_error: ErrorHook | None = None,
) -> BatchStats:
    """Append one line per item to ``path``, skipping ids the file already holds."""
    target = Path(path)
    run = _Run(runner, ticker, on_error)
    seen = jsonl_ids(target)

    def todo() -> Iterator[Item]:
        for item in items:
            if (item.row_id if item.row_id is not None else item.name) in seen:
                run.skip()
            else:
                yield item

    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("a", encoding="utf-8") as fh:
        for outcome in run.outcomes(todo()):
            assert outcome.extraction is not None
            fh.write(render(outcome.extraction, "jsonl") + "\n")
            fh.flush()
            run.stats.done += 1
            run.tick()
    return run.stats


def extract_to_stream(
    items: Iterable[Item],
    out: TextIO,
    *,
    fmt: Format = "jsonl",
    runner: Runner | None = None,
    ticker: Ticker | None = None,
    on_error: ErrorHook | None = None,
) -> BatchStats:
    """Write every item to ``out``: JSON lines, a JSON array, or text blocks."""
    run = _Run(runner, ticker, on_error)
    if fmt == "json":
        out.write("[")
    for outcome in run.outcomes(items):
        assert outcome.extraction is not None
        body = render(outcome.extraction, fmt)
        if fmt == "json":
            out.write(("\n" if run.stats.done == 0 else ",\n") + body)
        elif fmt == "text":
            out.write(("" if run.stats.done == 0 else "\n") + body + "\n")
        else:
            out.write(body + "\n")
        out.flush()
        run.stats.done += 1
        run.tick()
    if fmt == "json":
        out.write("\n]\n" if run.stats.done else "]\n")
    return run.stats


def ingest_items(
    store: Store,
    items: Iterable[Item],
    *,
    runner: Runner | None = None,
    ticker: Ticker | None = None,
    on_error: ErrorHook | None = None,
) -> BatchStats:
    """Extract and store ``items``; documents the store already has are not extracted."""
    run = _Run(runner, ticker, on_error)

    def todo() -> Iterator[Item]:
        queued = _Recent()
        for item in items:
            try:
                item = loaded(item)
            except AllegianceError as e:
                run.fail(str(e))
                continue
            doc = item.document
            assert doc is not None
            # the same text is skipped; a known id with a new text is a new version
            if doc.content_hash in queued or store.has_document(doc.content_hash):
                run.stats.unchanged += 1
                run.skip()
            else:
                queued.add(doc.content_hash)
                yield item

    for outcome in run.outcomes(todo()):
        assert outcome.extraction is not None
        try:
            result = store.ingest(outcome.extraction)
        except AllegianceError as e:
            run.fail(f"{outcome.item.label}: {e}")
            continue
        if result.new:
            run.stats.new += 1
            run.stats.entities += result.entities
            run.stats.claims += result.claims
        else:
            run.stats.unchanged += 1
        run.stats.done += 1
        run.tick()
    return run.stats

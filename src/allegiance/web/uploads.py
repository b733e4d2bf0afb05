"""Uploads and pasted texts: read, extract and store in the background, with progress.

Every document of one upload is read and extracted before any is stored; then all are
stored in one transaction. A bad file, a bad row or a failed extraction stores nothing.
"""

from __future__ import annotations

import re
import tempfile
import threading
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from allegiance.errors import AllegianceError, InputError
from allegiance.model.types import Document, Extraction

Extractor = Callable[[Document], Extraction]

#: file suffixes an upload may have: texts and row files
SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".jsonl", ".ndjson", ".csv")
#: formats a pasted text may be read as
PASTE_FORMATS = ("text", "markdown", "html")
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass
class Job:
    """The state of one upload, as the progress bar polls it."""

    id: str
    name: str
    phase: str = "queued"  # queued, reading, extracting, storing, done, failed
    done: int = 0
    total: int = 0
    error: str | None = None
    documents: list[str] = field(default_factory=list)
    new: int = 0
    claims: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Upload:
    """What came in: a file's bytes and name, or a pasted text with its format."""

    name: str
    data: bytes | None = None
    text: str | None = None
    fmt: str = "text"
    title: str | None = None
    published: str | None = None


def safe_file_name(name: str) -> str:
    """A file name that keeps the upload's suffix; InputError for a suffix not accepted."""
    base = Path(name.replace("\\", "/")).name
    suffix = Path(base).suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(f"{base or 'upload'}: not a text or row file "
                         f"(accepted: {', '.join(SUFFIXES)})")
    stem = _UNSAFE.sub("-", Path(base).stem).strip("-.") or "upload"
    return stem[:80] + suffix


class Board:
    """Jobs of this server, by id; each runs in its own thread."""

    def __init__(self, db: str, extractor: Extractor | None = None) -> None:
        self.db = db
        self.extractor = extractor
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._write = threading.Lock()  # one upload writes at a time

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def start(self, upload: Upload) -> Job:
        """Check what can be checked at once (name, format), then run in the background."""
        if upload.data is not None:
            safe_file_name(upload.name)
        elif upload.fmt not in PASTE_FORMATS:
            raise InputError(f"unknown format {upload.fmt!r} (one of {', '.join(PASTE_FORMATS)})")
        job = Job(uuid.uuid4().hex, upload.name)
        with self._lock:
            self._jobs[job.id] = job
        threading.Thread(target=self._run, args=(job, upload), daemon=True).start()
        return job

    def run_now(self, upload: Upload) -> Job:
        """Run an upload in this thread (for callers that wait)."""
        job = Job(uuid.uuid4().hex, upload.name)
        with self._lock:
            self._jobs[job.id] = job
        self._run(job, upload)
        return job

    def _run(self, job: Job, upload: Upload) -> None:
        try:
            with self._write:
                self._work(job, upload)
            job.phase = "done"
        except AllegianceError as e:
            job.error = str(e)
            job.phase = "failed"
        except Exception as e:  # noqa: BLE001 - the job reports what broke; the server goes on
            job.error = f"{upload.name}: extraction failed: {type(e).__name__}: {e}"
            job.phase = "failed"

    def _documents(self, job: Job, upload: Upload, folder: Path) -> list[Document]:
        from allegiance.batch.items import ReadOptions, iter_items, load
        from allegiance.ingest import read_text

        job.phase = "reading"
        if upload.data is None:
            text = upload.text or ""
            doc_id = _UNSAFE.sub("-", upload.title or "").strip("-")[:60] or "pasted"
            doc = read_text(text, doc_id=doc_id, fmt=upload.fmt, title=upload.title,
                            published=upload.published)
            return [doc]
        path = folder / safe_file_name(upload.name)
        path.write_bytes(upload.data)
        options = ReadOptions(title=upload.title, published=upload.published)
        docs = [load(item) for item in iter_items(path, options)]
        if not docs:
            raise InputError(f"{upload.name}: no documents in the file")
        for d in docs:
            d.path = None  # the temporary file is gone once the upload is stored
        return docs

    def _work(self, job: Job, upload: Upload) -> None:
        from allegiance.batch.run import default_extractor
        from allegiance.store import Store

        extract = self.extractor or default_extractor
        with tempfile.TemporaryDirectory(prefix="allegiance-upload-") as tmp:
            docs = self._documents(job, upload, Path(tmp))
        job.total = len(docs)
        job.phase = "extracting"
        extractions = []
        for doc in docs:
            extractions.append(extract(doc))
            job.done += 1
        job.phase = "storing"
        with Store.open(self.db) as store, store.transaction():
            results = [store.ingest(x) for x in extractions]
        job.documents = [r.document_id for r in results]
        job.new = sum(r.new for r in results)
        job.claims = sum(r.claims for r in results)

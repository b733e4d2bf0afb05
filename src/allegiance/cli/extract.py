"""``allegiance extract`` and ``allegiance ingest``: thin layers over allegiance.batch.

Exit codes: 0 when every input was done; 2 when the one input given (a file or stdin)
could not be read, or an input path does not exist; 1 when some inputs of a batch failed
(each reported as one line on stderr) and the others were done.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import click

from allegiance import settings
from allegiance.batch.items import Item, ReadOptions, count_many, input_kind, iter_items, load
from allegiance.batch.render import FORMATS, Format, write_extraction
from allegiance.cli.leave import allow_quick_exit
from allegiance.errors import AllegianceError, InputError, OutputError

if TYPE_CHECKING:  # the runner and the progress display are imported when a command runs
    from allegiance.batch.progress import Ticker
    from allegiance.batch.sinks import Runner


def _fail(message: str, code: int) -> SystemExit:
    click.echo(f"allegiance: error: {message}", err=True)
    return _exit(code)


def _check_exists(paths: list[str]) -> None:
    for p in paths:
        if p != "-" and not Path(p).exists():
            raise InputError(f"{p}: no such file or folder")


def check_date(published: str | None) -> str | None:
    """``--date`` as an ISO date; InputError for an impossible or out-of-range date."""
    if published is None:
        return None
    from allegiance.ingest.meta import date_problem, parse_date

    problem = date_problem(published)
    if problem is not None:
        raise InputError(f"--date {published!r}: {problem}")
    return parse_date(published)


def check_output_file(path: str | None) -> None:
    """Refuse, before any work, an output file that cannot be written: a folder, or one
    under a file. Missing folders above it are created when it is written."""
    if path is None or path == "-":
        return
    p = Path(path)
    if p.is_dir():
        raise OutputError(f"{path}: is a directory; give a file name to write")
    check_output_dir(str(p.parent), what=path)


def check_output_dir(path: str | None, what: str | None = None) -> None:
    """Refuse, before any work, an output folder that is (or lies under) a file, or that
    cannot be written."""
    if path is None:
        return
    p = Path(path)
    for part in (p, *p.parents):
        if part.exists():
            if not part.is_dir():
                raise OutputError(f"{what or path}: {part} is a file, not a folder")
            if not os.access(part, os.W_OK):
                raise OutputError(f"{what or path}: folder {part} cannot be written")
            break


class FailFast(AllegianceError):
    """The first failure of a run given --fail-fast."""

    code = "E100"


def _ticker(paths: list[str], no_progress: bool, label: str) -> Ticker:
    from allegiance.batch.progress import Ticker

    show = not no_progress and sys.stderr.isatty()
    return Ticker(count_many(paths) if show else None, enabled=show, label=label)


def _guarded(
    paths: list[str], options: ReadOptions, report: Callable[[str], None]
) -> Iterator[Item]:
    """The items of every path; a path that fails while being listed is reported, skipped."""
    stdin = click.get_binary_stream("stdin")
    for path in paths:
        try:
            yield from iter_items(path, options, stdin=stdin, on_error=report)
        except InputError as e:
            report(str(e))


def _runner(stack: ExitStack, jobs: int | None, dask_address: str | None) -> Runner:
    if dask_address:
        from allegiance.batch.cluster import connect, dask_runner

        return dask_runner(stack.enter_context(connect(dask_address)))
    from allegiance.batch.run import extract_items

    return lambda items: extract_items(items, jobs=jobs)


def _exit(code: int) -> SystemExit:
    # SystemExit, not click's Exit: it keeps its code through ``main(standalone_mode=False)``.
    return SystemExit(code)


def _common(f: Callable[..., None]) -> Callable[..., None]:
    options = [
        click.option("--text-field", default="text", show_default=True,
                     help="Field holding the text in JSONL/CSV rows."),
        click.option("--id-field", default="id", show_default=True,
                     help="Field holding the document id in JSONL/CSV rows."),
        click.option("--subject-field", default=None, metavar="FIELD",
                     help="Field naming the entity each JSONL/CSV row is about (its document "
                          "subject: the subject of its subjectless sentences)."),
        click.option("--date-field", default=None, metavar="FIELD",
                     help="Field of an event report row holding the incident's date: its deeds take it "
                          "where the text gives none."),
        click.option("--place-field", default=None, metavar="FIELD",
                     help="Field of an event report row naming the incident's place."),
        click.option("--country-field", default=None, metavar="FIELD",
                     help="Field of an event report row naming the incident's country (the place where "
                          "neither the text nor --place-field names one)."),
        click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
                     help="Worker processes (default: all cores; 1 runs in this process)."),
        click.option("--title", default=None, help="Document title, where the input has none."),
        click.option("--author", default=None, help="Document author, where the input has none."),
        click.option("--date", "published", default=None,
                     help="Publication date (ISO), where the input has none."),
        click.option("--no-progress", is_flag=True, help="No progress bar on stderr."),
        click.option("--fail-fast", is_flag=True,
                     help="Stop at the first input or row that fails (default: report it, "
                          "go on, exit 1 at the end)."),
        click.option("--dask", "dask_address", default=None, metavar="ADDRESS",
                     help="Run the extraction on the Dask scheduler at ADDRESS."),
    ]
    for option in reversed(options):
        f = option(f)
    return f


def _extract_single(path: str, options: ReadOptions, fmt: Format, output: str | None) -> None:
    from allegiance.batch import run as batch_run

    item = next(iter_items(path, options, stdin=click.get_binary_stream("stdin")))
    doc = load(item)
    try:
        extraction = batch_run.default_extractor(doc)
    except AllegianceError as e:
        e.args = (batch_run.error_line(item, str(e)),)
        raise
    from allegiance.batch.sinks import write_atomic

    if output and output != "-":
        write_atomic(Path(output), lambda fh: write_extraction(extraction, fmt, fh))
    else:
        write_extraction(extraction, fmt, click.get_text_stream("stdout"))


@click.command()
@click.argument("path")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="json (default for one document), jsonl (default for rows), or text.")
@click.option("-o", "--output", default=None, metavar="FILE",
              help="Write to FILE instead of stdout (JSONL output appends and resumes).")
@click.option("--out", "out_dir", default=None, metavar="DIR",
              help="Write one file per input under DIR (required for a folder); resumes.")
@_common
def extract(
    path: str,
    fmt: Format | None,
    output: str | None,
    out_dir: str | None,
    text_field: str,
    id_field: str,
    subject_field: str | None,
    date_field: str | None,
    place_field: str | None,
    country_field: str | None,
    jobs: int | None,
    title: str | None,
    author: str | None,
    published: str | None,
    no_progress: bool,
    fail_fast: bool,
    dask_address: str | None,
) -> None:
    """Extract entities and claims from PATH: a file, a folder, a .jsonl/.csv file or '-'."""
    try:
        options = ReadOptions(title, author, check_date(published), text_field, id_field,
                              subject_field, date_field, place_field, country_field)
        _check_exists([path])
        check_output_file(output)
        check_output_dir(out_dir)
        kind = input_kind(path)
        if kind == "folder" and not out_dir:
            raise InputError(f"{path}: is a folder; give --out DIR to write one file per input")
        if kind in ("file", "stdin") and not out_dir:
            _extract_single(path, options, fmt or "json", output)
            allow_quick_exit()
            return
        listing_failures = 0
        with ExitStack() as stack:
            ticker = stack.enter_context(_ticker([path], no_progress, "extracting"))

            def report(message: str) -> None:
                nonlocal listing_failures
                listing_failures += 1
                on_error(message)

            def on_error(message: str) -> None:
                if fail_fast:
                    raise FailFast(f"{message} (stopped: --fail-fast)")
                ticker.echo(f"allegiance: error: {message}")

            from allegiance.batch.sinks import extract_to_dir, extract_to_jsonl, extract_to_stream

            items = _guarded([path], options, report)
            runner = _runner(stack, jobs, dask_address)
            if out_dir:
                stats = extract_to_dir(
                    items, out_dir, fmt=fmt or "json",
                    runner=runner, ticker=ticker, on_error=on_error,
                )
            elif output and output != "-" and (fmt or "jsonl") == "jsonl":
                stats = extract_to_jsonl(
                    items, output, runner=runner, ticker=ticker, on_error=on_error
                )
            else:
                if output and output != "-":
                    Path(output).parent.mkdir(parents=True, exist_ok=True)
                out: TextIO = (
                    stack.enter_context(open(output, "w", encoding="utf-8"))
                    if output and output != "-"
                    else click.get_text_stream("stdout")
                )
                stats = extract_to_stream(
                    items, out, fmt=fmt or "jsonl", runner=runner, ticker=ticker, on_error=on_error
                )
        allow_quick_exit()  # every output, the runner and its workers are closed
        click.echo(
            f"extract: {stats.done} done, {stats.skipped} skipped (already done), "
            f"{stats.failed + listing_failures} failed",
            err=True,
        )
        if stats.failed or listing_failures:
            raise _exit(2 if kind in ("file", "stdin") else 1)
    except AllegianceError as e:
        raise _fail(f"{e} [{e.code}]", e.exit_code) from None


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", default=settings.DATABASE, show_default=True, help="SQLite store to write.")
@_common
def ingest(
    paths: tuple[str, ...],
    db: str,
    text_field: str,
    id_field: str,
    subject_field: str | None,
    date_field: str | None,
    place_field: str | None,
    country_field: str | None,
    jobs: int | None,
    title: str | None,
    author: str | None,
    published: str | None,
    no_progress: bool,
    fail_fast: bool,
    dask_address: str | None,
) -> None:
    """Extract PATHs (files, folders, .jsonl/.csv files, '-') and store them in --db.

    A bad file or row is reported on its own line (FILE:LINE: reason) and the others are
    stored; the summary counts every one. A row whose id is stored with another text is
    stored as a new version of that document."""
    from allegiance.store import Store

    inputs = list(paths)
    single = len(inputs) == 1 and input_kind(inputs[0]) in ("file", "stdin")
    try:
        options = ReadOptions(title, author, check_date(published), text_field, id_field,
                              subject_field, date_field, place_field, country_field)
        _check_exists(inputs)
        listing_failures = 0
        with ExitStack() as stack:
            ticker = stack.enter_context(_ticker(inputs, no_progress, "ingesting"))

            def report(message: str) -> None:
                nonlocal listing_failures
                listing_failures += 1
                on_error(message)

            def on_error(message: str) -> None:
                if fail_fast:
                    raise FailFast(f"{message} (stopped: --fail-fast)")
                ticker.echo(f"allegiance: error: {message}")

            from allegiance.batch.sinks import ingest_items

            runner = _runner(stack, jobs, dask_address)
            store = stack.enter_context(Store.open(db))
            stats = ingest_items(
                store, _guarded(inputs, options, report), runner=runner, ticker=ticker,
                on_error=on_error,
            )
        allow_quick_exit()  # the store, the runner and its workers are closed
        failed = stats.failed + listing_failures
        click.echo(
            f"documents: {stats.new} new, {stats.unchanged} unchanged, {failed} failed; "
            f"entities: {stats.entities}; claims: {stats.claims}"
        )
        if failed:
            raise _exit(2 if single and not stats.done else 1)
    except AllegianceError as e:
        raise _fail(f"{e} [{e.code}]", e.exit_code) from None


commands: list[click.Command] = [extract, ingest]

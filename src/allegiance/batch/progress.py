"""A progress bar on stderr: done/total, documents per second and time left.

Shown only when stderr is a terminal and not turned off; otherwise every call is a no-op,
so batch code can report progress unconditionally.
"""

from __future__ import annotations

import sys
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

if TYPE_CHECKING:
    from rich.progress import Progress


def _bar(total: int | None, label: str) -> tuple[Progress, Any]:
    """A bar on stderr and its task. The display library is imported here, only when a bar
    is drawn: a run without one does not pay for it."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        ProgressColumn,
        Task,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.progress import Progress as Bar
    from rich.text import Text

    class RateColumn(ProgressColumn):
        """Documents per second."""

        def render(self, task: Task) -> Text:
            speed = task.finished_speed or task.speed
            return Text("-- docs/s" if speed is None else f"{speed:.1f} docs/s", style="cyan")

    progress = Bar(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(),
        TimeElapsedColumn(),
        TextColumn("eta"),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=False,
    )
    return progress, progress.add_task(label, total=total)


class Ticker:
    """Counts finished items; draws a bar when enabled. Use as a context manager."""

    def __init__(self, total: int | None, *, enabled: bool = True, label: str = "extracting"):
        self.done = 0
        self._progress: Progress | None = None
        if enabled and sys.stderr.isatty():
            self._progress, self._task = _bar(total, label)

    def __enter__(self) -> Self:
        if self._progress is not None:
            self._progress.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._progress is not None:
            self._progress.stop()

    def advance(self, n: int = 1) -> None:
        self.done += n
        if self._progress is not None:
            self._progress.advance(self._task, n)

    def echo(self, message: str) -> None:
        """Print a line to stderr above the bar."""
        if self._progress is not None:
            self._progress.console.print(message, markup=False, highlight=False)
        else:
            print(message, file=sys.stderr, flush=True)

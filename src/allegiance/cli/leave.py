"""Leaving the process once a command that loaded the language model is done.

At exit the interpreter frees every object it holds, one by one: after an extraction that
is the model's vocabulary and tables and the gazetteer, about half a second of CPU for
nothing, since the process is ending. A command that has closed everything it wrote says
so (:func:`allow_quick_exit`); :func:`leave` then runs the exit handlers, flushes the
standard streams and ends the process without that teardown. Any other command ends as
usual.
"""

from __future__ import annotations

import atexit
import os
import sys
from typing import NoReturn

_quick = False


def allow_quick_exit() -> None:
    """The command has closed its outputs and stores: the process may end without teardown."""
    global _quick
    _quick = True


def leave(code: int) -> NoReturn:
    """End the process with ``code``: quickly if the command allowed it, else as usual."""
    if not _quick:
        sys.exit(code)
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe or stream: nothing more can reach it
            pass
    os._exit(code)

"""Domain errors. Each carries a stable code and a one-line message for the CLI."""

from __future__ import annotations


class AllegianceError(Exception):
    """Base class: a problem the user can act on (shown as one line, non-zero exit)."""

    code = "E000"
    exit_code = 1


class InputError(AllegianceError):
    """A document could not be read: missing, empty, binary, undecodable, too large."""

    code = "E100"
    exit_code = 2


class DataFileError(AllegianceError):
    """A packaged or analyst-edited data file is malformed."""

    code = "E200"


class StoreError(AllegianceError):
    """The store could not be opened, migrated or written."""

    code = "E300"


class NotFoundError(AllegianceError):
    """A named entity, judgement or document is not in the store."""

    code = "E400"


class OutputError(AllegianceError):
    """An output path cannot be written (a folder, a missing parent, no space, no rights)."""

    code = "E500"


def oserror_line(e: OSError, what: str = "") -> str:
    """A one-line message for an operating-system error on a path."""
    name = e.filename if e.filename is not None else what
    reason = e.strerror or type(e).__name__
    return f"{name}: {reason}" if name else reason


class AmbiguousError(AllegianceError):
    """A name given to a judgement denotes more than one entity."""

    code = "E410"


class GuardError(StoreError):
    """A judgement that would change an entity's kind or identity without ``--force``."""

    code = "E420"

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

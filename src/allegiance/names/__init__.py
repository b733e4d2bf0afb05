"""Name model for Arabic-derived names of people, groups and places.

The clustering and the comparison of names are imported on first use, so that a module of
the package needed alone (``names.data`` for the readers, ``names.keys`` for the store) does
not import the string-distance library they use.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

# ``fold`` is both a module and its function: imported here, the function is the name
from allegiance.names.fold import fold, romanise
from allegiance.names.keys import name_key
from allegiance.names.parts import GroupName, PersonName, guess_kind, parse_group, parse_person

if TYPE_CHECKING:
    from allegiance.names.cluster import cluster_names
    from allegiance.names.compare import compatible

_HOME = {"cluster_names": "cluster", "compatible": "compare"}


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"allegiance.names.{home}"), name)


__all__ = [
    "GroupName",
    "PersonName",
    "cluster_names",
    "compatible",
    "fold",
    "guess_kind",
    "name_key",
    "parse_group",
    "parse_person",
    "romanise",
]

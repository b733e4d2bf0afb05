"""Name model for Arabic-derived names of people, groups and places."""

from allegiance.names.cluster import cluster_names
from allegiance.names.compare import compatible
from allegiance.names.fold import fold, romanise
from allegiance.names.keys import name_key
from allegiance.names.parts import GroupName, PersonName, guess_kind, parse_group, parse_person

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

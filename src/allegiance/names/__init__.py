"""Name model for Arabic-derived names of people, groups and places."""

from allegiance.names.keys import name_key

__all__ = ["name_key"]

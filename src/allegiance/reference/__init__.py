"""Reference data: the curated gazetteer of groups and places."""

from allegiance.reference.gazetteer import Gazetteer, load_files, load_gazetteer, reference_ids
from allegiance.reference.records import Record

__all__ = ["Gazetteer", "Record", "load_files", "load_gazetteer", "reference_ids"]

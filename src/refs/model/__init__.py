"""The typed, immutable model of a bibliography entry; imports nothing else of refs."""

from refs.model.entry import Entry, EntryType, SourceLocation
from refs.model.identifiers import Identifiers
from refs.model.names import Person, parse_names, split_name_list

__all__ = [
    "Entry",
    "EntryType",
    "Identifiers",
    "Person",
    "SourceLocation",
    "parse_names",
    "split_name_list",
]

"""The typed, immutable model of a bibliography entry; imports nothing else of refs."""

from refs.model.entry import Entry, EntryType, SourceLocation
from refs.model.fields import LINK_FIELDS
from refs.model.identifiers import Identifiers
from refs.model.locations import (
    format_location,
    format_locations,
    parse_location,
    parse_locations,
    split_locations,
)
from refs.model.names import Person, parse_names, split_name_list

__all__ = [
    "LINK_FIELDS",
    "Entry",
    "EntryType",
    "Identifiers",
    "Person",
    "SourceLocation",
    "format_location",
    "format_locations",
    "parse_location",
    "parse_locations",
    "parse_names",
    "split_locations",
    "split_name_list",
]

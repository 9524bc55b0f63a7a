"""The catalog: the rows of a survey's catalog tables, tied to store keys (catalog.yaml)."""

from refs.catalog.casing import recased
from refs.catalog.extract import extract_items
from refs.catalog.files import (
    document_digest,
    dump_catalog,
    load_catalog,
    parse_catalog,
    rename_keys,
    save_catalog,
)
from refs.catalog.identity import (
    Agreement,
    EntryIdentity,
    agreement,
    entry_identity,
    link_identifiers,
)
from refs.catalog.model import Catalog, CitedCell, Item, with_document
from refs.catalog.resolve import LabelIndex
from refs.catalog.select import UnknownSection, in_section, keys_in_section, section_names

__all__ = [
    "Agreement",
    "Catalog",
    "CitedCell",
    "EntryIdentity",
    "Item",
    "LabelIndex",
    "UnknownSection",
    "agreement",
    "document_digest",
    "dump_catalog",
    "entry_identity",
    "extract_items",
    "in_section",
    "keys_in_section",
    "link_identifiers",
    "load_catalog",
    "parse_catalog",
    "recased",
    "rename_keys",
    "save_catalog",
    "section_names",
    "with_document",
]

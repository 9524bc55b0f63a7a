"""The BibTeX codec: .bib bytes <-> blocks and entries (the only package that knows the syntax)."""

from refs.bibtex.blocks import Block, BlockKind, Macro, ParsedBib
from refs.bibtex.read import read_bib
from refs.bibtex.write import (
    InvalidEntry,
    format_entry,
    format_macro,
    ordered_fields,
    validate,
    validate_macro,
)

__all__ = [
    "Block",
    "BlockKind",
    "InvalidEntry",
    "Macro",
    "ParsedBib",
    "format_entry",
    "format_macro",
    "ordered_fields",
    "read_bib",
    "validate",
    "validate_macro",
]

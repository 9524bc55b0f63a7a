"""The BibTeX codec: .bib bytes <-> blocks and entries (the only package that knows the syntax)."""

from refs.bibtex.blocks import Block, BlockKind, Macro, ParsedBib
from refs.bibtex.expressions import MAX_CHARS, MONTH_MACROS, Resolved, Strings
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
    "MAX_CHARS",
    "MONTH_MACROS",
    "Block",
    "BlockKind",
    "InvalidEntry",
    "Macro",
    "ParsedBib",
    "Resolved",
    "Strings",
    "format_entry",
    "format_macro",
    "ordered_fields",
    "read_bib",
    "validate",
    "validate_macro",
]

"""Export as BibTeX: the @string macros, then every entry in canonical layout."""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO

from refs.bibtex import Macro, format_entry, format_macro
from refs.model import Entry


def write_bibtex(entries: Sequence[Entry], macros: Sequence[Macro], out: IO[bytes]) -> list[str]:
    """Write ``entries`` (and the store's ``@string`` definitions they may use) as a .bib file."""
    for macro in macros:
        out.write(format_macro(macro).encode("utf-8", "surrogateescape") + b"\n")
    if macros:
        out.write(b"\n")
    for entry in entries:
        out.write(format_entry(entry).encode("utf-8", "surrogateescape") + b"\n\n")
    return []

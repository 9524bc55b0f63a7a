"""Exporters: a format name, the file suffixes that select it, and a writer.

``EXPORTERS`` is the registry (a constant built at import); `exporter_for` picks one by
``--format`` or by the output file's suffix.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from refs.bibtex import Macro
from refs.errors import RefsError
from refs.export import bibtex, csl_json
from refs.model import Entry

#: entries, @string macros, binary output -> warnings to show the user
Writer = Callable[[Sequence[Entry], Sequence[Macro], IO[bytes]], list[str]]


@dataclass(frozen=True, slots=True)
class Exporter:
    """One export format."""

    name: str
    suffixes: tuple[str, ...]
    write: Writer


EXPORTERS: dict[str, Exporter] = {
    "bibtex": Exporter("bibtex", (".bib",), bibtex.write_bibtex),
    "csl-json": Exporter("csl-json", (".json",), csl_json.write_csl_json),
}


class UnknownFormat(RefsError):
    """No exporter for the requested format or suffix."""


def exporter_for(name: str | None, output: Path | None) -> Exporter:
    """The exporter named ``name``, else the one for ``output``'s suffix, else BibTeX."""
    if name is not None:
        if name not in EXPORTERS:
            msg = f"unknown export format {name!r}; choose one of: {', '.join(sorted(EXPORTERS))}"
            raise UnknownFormat(msg)
        return EXPORTERS[name]
    if output is not None:
        suffix = output.suffix.lower()
        for exporter in EXPORTERS.values():
            if suffix in exporter.suffixes:
                return exporter
    return EXPORTERS["bibtex"]

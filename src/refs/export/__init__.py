"""Exporters: a format name, the file suffixes that select it, and a writer.

``EXPORTERS`` is the registry (a constant built at import); `exporter_for` picks one by
``--format`` or by the output file's suffix. BibTeX and BibLaTeX are cleaned for paper writing
(`ExportOptions`); CSL-JSON always carries everything, provenance in ``custom``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from refs.bibtex import Macro
from refs.errors import RefsError
from refs.export import biblatex, bibtex, csl_json
from refs.export.options import ArxivForm, ExportOptions
from refs.export.subset import EVERY_KEY, Selection, select_entries, under_cited_keys
from refs.model import Entry

__all__ = [
    "EVERY_KEY",
    "EXPORTERS",
    "ArxivForm",
    "ExportOptions",
    "Exporter",
    "Selection",
    "UnknownFormat",
    "exporter_for",
    "select_entries",
    "under_cited_keys",
]

#: entries, @string macros, binary output, options -> warnings to show the user
Writer = Callable[[Sequence[Entry], Sequence[Macro], IO[bytes], ExportOptions], list[str]]


@dataclass(frozen=True, slots=True)
class Exporter:
    """One export format. ``aliases``: the format lets a paper cite an entry by a retired key
    (BibLaTeX's ``ids``, CSL-JSON's ``custom.ids`` and store-key ``id``); without it, a subset
    is written under the keys the paper cites (`under_cited_keys`)."""

    name: str
    suffixes: tuple[str, ...]
    write: Writer
    aliases: bool = True


def _csl_json(
    entries: Sequence[Entry], macros: Sequence[Macro], out: IO[bytes], _options: ExportOptions
) -> list[str]:
    return csl_json.write_csl_json(entries, macros, out)


#: BibLaTeX has no suffix of its own (biber reads .bib): ask for it with --format.
EXPORTERS: dict[str, Exporter] = {
    "bibtex": Exporter("bibtex", (".bib",), bibtex.write_bibtex, aliases=False),
    "biblatex": Exporter("biblatex", (), biblatex.write_biblatex),
    "csl-json": Exporter("csl-json", (".json",), _csl_json),
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

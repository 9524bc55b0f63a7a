"""Export as BibLaTeX for biber: ``@online``, ``eprint`` / ``eprinttype``, ``date``, ``ids``.

Retired keys stay in ``ids``, so a paper that still cites an old key compiles with biber.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import IO

from refs.bibtex import Macro
from refs.export.bibtex import write_cleaned
from refs.export.clean import (
    Notes,
    is_arxiv_preprint,
    link_howpublished,
    preprint_fields,
    typeset,
    without_meta,
)
from refs.export.options import ExportOptions
from refs.model import Entry

#: BibTeX names -> BibLaTeX names (biber would alias them too; written out, the file is plain).
_RENAMED = {
    "journal": "journaltitle",
    "address": "location",
    "school": "institution",
    "archiveprefix": "eprinttype",
    "primaryclass": "eprintclass",
}
#: BibTeX types -> BibLaTeX types, with the ``type`` a thesis or report then needs.
_TYPES: dict[str, tuple[str, str | None]] = {
    "phdthesis": ("thesis", "phdthesis"),
    "mastersthesis": ("thesis", "mathesis"),
    "techreport": ("report", "techreport"),
    "conference": ("inproceedings", None),
    "electronic": ("online", None),
    "www": ("online", None),
}
#: What makes a @misc more than a web page.
_PUBLICATION_FIELDS = frozenset("howpublished publisher organization institution eprint".split())
_MONTHS = {
    name: number
    for number, name in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)
}
_YEAR = re.compile(r"^\d{4}$")


def biblatex_type(entry: Entry) -> Entry:
    """BibLaTeX's type: theses and reports typed, a @misc that is only a web page @online."""
    kind = entry.entry_type.lower()
    fields = dict(entry.fields)
    if kind in _TYPES:
        kind, subtype = _TYPES[kind]
        if subtype and "type" not in fields:
            fields["type"] = subtype
    if kind == "misc" and "url" in fields and not _PUBLICATION_FIELDS & fields.keys():
        kind = "online"
    return replace(entry, entry_type=kind, fields=fields)


def arxiv_eprint(entry: Entry) -> Entry:
    """An arXiv-only preprint as ``@misc`` (or ``@online``) with ``eprint`` and
    ``eprinttype = {arxiv}``; the arXiv id of a published paper is kept the same way."""
    arxiv = entry.identifiers.arxiv
    if arxiv is None:
        return entry
    fields = dict(entry.fields)
    kind = entry.entry_type
    if is_arxiv_preprint(entry):
        fields = preprint_fields(fields)
        kind = "online" if kind == "online" else "misc"
    fields.pop("archiveprefix", None)
    fields |= {"eprint": arxiv, "eprinttype": "arxiv"}
    return replace(entry, entry_type=kind, fields=fields, macros=entry.macros & fields.keys())


def renamed_fields(entry: Entry) -> Entry:
    """BibTeX field names as BibLaTeX spells them (``journal`` -> ``journaltitle``…)."""
    fields = {_RENAMED.get(name, name): value for name, value in entry.fields.items()}
    if len(fields) < len(entry.fields):  # both spellings present: keep the entry as it is
        return entry
    macros = frozenset(_RENAMED.get(name, name) for name in entry.macros)
    return replace(entry, fields=fields, macros=macros)


def year_to_date(entry: Entry) -> Entry:
    """``year`` (and ``month``) -> ``date`` (``2023``, ``2023-04``) when they read as one."""
    fields = dict(entry.fields)
    year = fields.get("year", "").strip()
    if "date" in fields or not _YEAR.match(year) or "year" in entry.macros:
        return entry
    month = fields.get("month", "").strip().lower()
    number = int(month) if month.isdigit() else _MONTHS.get(month[:3])
    if month and (number is None or not 1 <= number <= 12):
        return entry
    del fields["year"]
    fields.pop("month", None)
    fields["date"] = f"{year}-{number:02d}" if number else year
    return replace(entry, fields=fields, macros=entry.macros - {"year", "month"})


def clean_biblatex(entry: Entry, options: ExportOptions, notes: Notes) -> Entry:
    """One entry as a biber user's .bib wants it (the steps, in order)."""
    if not options.keep_meta:
        entry = without_meta(entry, keep_ids=True)
    entry = arxiv_eprint(entry)
    entry = biblatex_type(entry)
    entry = link_howpublished(entry)
    entry = typeset(entry, notes, keep_unicode=options.unicode)
    entry = year_to_date(entry)
    return renamed_fields(entry)


def write_biblatex(
    entries: Sequence[Entry], macros: Sequence[Macro], out: IO[bytes], options: ExportOptions
) -> list[str]:
    """Write ``entries`` (and the store's ``@string`` definitions) as a BibLaTeX .bib file."""
    return write_cleaned(clean_biblatex, entries, macros, out, options)

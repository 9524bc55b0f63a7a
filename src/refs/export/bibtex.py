"""Export as BibTeX for natbib / ACL-style ``.bst`` files: standard types, the fields each
type requires, titles protected, LaTeX escaped, arXiv preprints in the form chosen, and no
command that reads or writes files or runs programs (`refs.export.commands`)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import IO

from refs.bibtex import Macro, Strings, format_entry, format_macro
from refs.bibtex.keys import uncitable_character
from refs.export.clean import (
    Notes,
    is_arxiv_preprint,
    link_howpublished,
    preprint_fields,
    typeset,
    without_meta,
)
from refs.export.commands import safe_commands, safe_macro
from refs.export.options import ArxivForm, ExportOptions
from refs.model import Entry

#: The entry types of standard BibTeX styles (plain, plainnat, acl_natbib…).
STANDARD_TYPES = frozenset(
    "article book booklet conference inbook incollection inproceedings manual mastersthesis "
    "misc phdthesis proceedings techreport unpublished".split()
)
#: BibLaTeX and other types -> the standard type that prints them best.
_TYPE_MAP = {"report": "techreport", "thesis": "phdthesis", "collection": "proceedings"}
#: What standard styles warn about when absent ("|" = either); year is handled apart.
REQUIRED: dict[str, tuple[str, ...]] = {
    "article": ("author", "title", "journal"),
    "inproceedings": ("author", "title", "booktitle"),
    "conference": ("author", "title", "booktitle"),
    "incollection": ("author", "title", "booktitle", "publisher"),
    "book": ("author|editor", "title", "publisher"),
    "inbook": ("author|editor", "title", "chapter|pages", "publisher"),
    "phdthesis": ("author", "title", "school"),
    "mastersthesis": ("author", "title", "school"),
    "techreport": ("author", "title", "institution"),
    "unpublished": ("author", "title", "note"),
    "manual": ("title",),
    "booklet": ("title",),
    "proceedings": ("title",),
}
#: Where a venue may sit, for an entry that falls back to @misc.
_VENUES = ("journal", "booktitle", "publisher", "school", "institution", "organization")
_TYPES_WITHOUT_YEAR = frozenset({"manual", "booklet", "unpublished"})
_LABEL_WORDS = 3
_SPACES = re.compile(r"\s+")


def arxiv_form(entry: Entry, form: ArxivForm) -> Entry:
    """An arXiv-only preprint as ``@article{journal = {arXiv preprint arXiv:ID}}`` or as
    ``@misc`` with ``eprint`` / ``archiveprefix``; other entries unchanged."""
    if not is_arxiv_preprint(entry):
        return entry
    arxiv = entry.identifiers.arxiv
    fields = preprint_fields(entry.fields)
    fields |= {"eprint": str(arxiv), "archiveprefix": "arXiv"}
    if form is ArxivForm.JOURNAL:
        fields["journal"] = f"arXiv preprint arXiv:{arxiv}"
        return replace(
            entry, entry_type="article", fields=fields, macros=entry.macros - {"journal"}
        )
    return replace(entry, entry_type="misc", fields=fields, macros=entry.macros - {"journal"})


def standard_type(entry: Entry) -> Entry:
    """A type standard styles know: ``@online``, ``@software``… become ``@misc``."""
    kind = entry.entry_type.lower()
    if kind in STANDARD_TYPES:
        return entry if kind == entry.entry_type else replace(entry, entry_type=kind)
    return replace(entry, entry_type=_TYPE_MAP.get(kind, "misc"))


def _has(entry: Entry, requirement: str) -> bool:
    return any(entry.fields.get(name, "").strip() for name in requirement.split("|"))


def required_fields(entry: Entry, notes: Notes) -> Entry:
    """An entry that lacks what its type requires becomes ``@misc`` (which requires nothing),
    its venue kept in ``howpublished``; a missing year cannot be made up and is noted."""
    missing = [r for r in REQUIRED.get(entry.entry_type, ()) if not _has(entry, r)]
    if missing:
        notes.add(f"exported as @misc for want of {missing[0]}", entry.key)
        fields = dict(entry.fields)
        venue = next((name for name in _VENUES if fields.get(name)), None)
        if venue and "howpublished" not in fields:
            fields["howpublished"] = fields.pop(venue)
        elif venue == "journal" and is_arxiv_preprint(entry):
            del fields["journal"]  # howpublished already says "arXiv preprint …"
        macros = {"howpublished"} if venue in entry.macros else set()
        macros |= entry.macros & fields.keys()
        entry = replace(entry, entry_type="misc", fields=fields, macros=frozenset(macros))
    if not entry.fields.get("year") and entry.entry_type not in _TYPES_WITHOUT_YEAR:
        notes.add("no year (BibTeX styles warn 'empty year')", entry.key)
    return entry


def sort_label(entry: Entry) -> Entry:
    """An entry without author or editor gets ``key``, which natbib styles sort and cite by:
    the title up to its colon, at most a few words (``Alpaca``), else the citation key."""
    fields = entry.fields
    if any(fields.get(name) for name in ("author", "editor", "key", "organization")):
        return entry
    title = fields.get("title", "") if "title" not in entry.macros else ""
    label = _title_head(title) or entry.key
    return replace(entry, fields={**fields, "key": label})


def _title_head(title: str) -> str:
    depth = 0
    for index, char in enumerate(title):
        depth += (char == "{") - (char == "}")
        if char == ":" and depth == 0:
            title = title[:index]
            break
    words = _SPACES.split(title.strip())
    head = " ".join(words[:_LABEL_WORDS])
    return head if head.count("{") == head.count("}") else ""


def clean_bibtex(entry: Entry, options: ExportOptions, notes: Notes) -> Entry:
    """One entry as a paper's .bib wants it (the steps, in order)."""
    if not options.keep_meta:
        entry = without_meta(entry)
    entry = arxiv_form(entry, options.arxiv)
    entry = standard_type(entry)
    entry = required_fields(entry, notes)
    entry = link_howpublished(entry)
    # before typeset: the label is text like any other (a key may hold "_" or "ü")
    entry = sort_label(entry)
    return typeset(entry, notes, keep_unicode=options.unicode)


#: One entry cleaned for a target: the BibTeX and BibLaTeX exporters differ only in this.
Cleaner = Callable[[Entry, ExportOptions, Notes], Entry]


def write_cleaned(
    clean: Cleaner,
    entries: Sequence[Entry],
    macros: Sequence[Macro],
    out: IO[bytes],
    options: ExportOptions,
) -> list[str]:
    """The store's ``@string`` definitions, then each entry as ``clean`` makes it, in the
    canonical layout with a blank line after each; returns the warnings for the user."""
    notes = Notes()
    # what BibTeX will make of each expression, judged before it is written
    strings = Strings.of(macros)
    for macro in macros:
        safe = safe_macro(macro, notes, strings)
        out.write(format_macro(safe).encode("utf-8", "surrogateescape") + b"\n")
    if macros:
        out.write(b"\n")
    for entry in entries:
        char = uncitable_character(entry.key)
        if char is not None:  # \bibitem{evil\input…} would stop pdflatex (or run)
            notes.add(
                f"key holds {char!r}, which LaTeX cannot cite; left out (refs rename)", entry.key
            )
            continue
        # Last, on what will be written: no value may read or write files or run programs.
        cleaned = safe_commands(clean(entry, options, notes), notes, strings)
        out.write(format_entry(cleaned).encode("utf-8", "surrogateescape") + b"\n\n")
    return notes.warnings()


def write_bibtex(
    entries: Sequence[Entry], macros: Sequence[Macro], out: IO[bytes], options: ExportOptions
) -> list[str]:
    """Write ``entries`` (and the store's ``@string`` definitions) as a BibTeX .bib file."""
    return write_cleaned(clean_bibtex, entries, macros, out, options)

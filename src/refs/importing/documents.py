"""What an imported document holds, as occurrences: an entry-to-be, where it was, its flags."""

from __future__ import annotations

from dataclasses import dataclass, replace

from refs.bibtex import InvalidEntry, read_bib, validate
from refs.errors import Problem
from refs.importing.meta import RAW_FIELD, protect_raw
from refs.model import Entry, SourceLocation
from refs.parsing import parse_document


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One reference occurrence: the entry it reads as, and whether it came from BibTeX (whose
    key is kept) or from text (keyed by refs)."""

    entry: Entry
    source: SourceLocation
    flags: tuple[str, ...] = ()
    from_bibtex: bool = False


def is_bibtex(text: str) -> bool:
    """True when the document is a .bib file: its first line that is not blank or a ``%``
    comment starts an ``@entry``. Documents are told apart by content, not by suffix."""
    for line in text.splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("%"):
            return stripped.startswith("@")
    return False


def bib_occurrences(
    data: bytes, file: str, first_line: int = 1
) -> tuple[list[Occurrence], list[Problem]]:
    """The entries of BibTeX text, each with its line in the document."""
    parsed = read_bib(data, file)
    problems = [replace(p, line=p.line + first_line - 1) for p in parsed.problems]
    found = []
    for block in parsed.blocks:
        if block.entry is None:
            continue
        source = SourceLocation(file, block.line + first_line - 1)
        found.append(Occurrence(block.entry, source, from_bibtex=True))
    return found, problems


def _record_entry(
    fields: dict[str, str], entry_type: str, raw: str, flags: tuple[str, ...]
) -> tuple[Entry, tuple[str, ...]]:
    """A record's fields as an entry; one that BibTeX could not hold keeps only its raw text."""
    if "unparsed" in flags or not fields.get("title"):
        fields = {**fields, RAW_FIELD: protect_raw(raw)}
    entry = Entry("?", entry_type, fields)
    try:
        validate(replace(entry, key="check"))
    except InvalidEntry:
        entry = Entry("?", "misc", {RAW_FIELD: protect_raw(raw)})
        flags = (*flags, "unparsed")
    return entry, flags


def text_occurrences(text: str, file: str) -> tuple[list[Occurrence], list[Problem]]:
    """Every reference occurrence of a Markdown / HTML / text document."""
    result = parse_document(text, file)
    problems = list(result.problems)
    found = []
    for record in result.records:
        entry, flags = _record_entry(
            dict(record.fields), record.entry_type, record.raw, record.flags
        )
        found.append(Occurrence(entry, record.source, flags))
    for embedded in result.bibtex:
        more, more_problems = bib_occurrences(embedded.text.encode("utf-8"), file, embedded.line)
        found.extend(more)
        problems.extend(more_problems)
    return found, problems

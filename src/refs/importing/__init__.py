"""`refs import`: survey documents and .bib files -> store entries with provenance."""

from __future__ import annotations

from dataclasses import dataclass, field

from refs.bibtex.keypattern import DEFAULT_PATTERN, KeyPattern
from refs.document import Document
from refs.encoding import decode_text, normalise_line_ends
from refs.errors import Problem
from refs.importing.documents import (
    Definition,
    Occurrence,
    Reading,
    bib_reading,
    is_bibtex,
    text_reading,
)
from refs.importing.merge import DocumentReport, merge_definitions, merge_occurrences
from refs.importing.meta import FLAGS_FIELD, INTERNAL_FIELDS, RAW_FIELD
from refs.store import Store

__all__ = [
    "FLAGS_FIELD",
    "INTERNAL_FIELDS",
    "RAW_FIELD",
    "Definition",
    "DocumentImport",
    "DocumentReport",
    "Occurrence",
    "Reading",
    "import_document",
    "read_document",
]


def read_document(text: str, file: str) -> Reading:
    """What a decoded document holds: a .bib file's entries and definitions, or a Markdown /
    HTML / text document's references (and the BibTeX it embeds). ``text`` keeps its line
    ends: a .bib value keeps its ``\\r\\n``; other documents are read with ``\\n`` breaks."""
    if is_bibtex(text):
        return bib_reading(text, file)
    return text_reading(normalise_line_ends(text), file)


def import_document(
    store: Store, file: str, data: bytes, *, key_pattern: KeyPattern = DEFAULT_PATTERN
) -> DocumentImport:
    """Read one document (Markdown / HTML / text, or BibTeX) into ``store``, in memory.

    ``file`` is recorded as given in every source; the caller saves the store. The entries it
    creates are keyed with ``key_pattern`` (a .bib file's entries keep their keys). Raises
    `refs.encoding.BinaryInput` for binary data, before the store is touched.
    """
    text, problems = decode_text(data, file, keep_line_ends=True)
    reading = read_document(text, file)
    report = merge_occurrences(store, file, reading.occurrences, key_pattern=key_pattern)
    conflicts = merge_definitions(store, reading.definitions)
    return DocumentImport(report, (*problems, *reading.problems, *conflicts), reading.document)


@dataclass(frozen=True, slots=True)
class DocumentImport:
    """What importing one document did: its report, its problems, and the document as parsed
    (None for a .bib file), which the catalog reads next instead of parsing it again."""

    report: DocumentReport
    problems: tuple[Problem, ...]
    document: Document | None = field(default=None, compare=False)

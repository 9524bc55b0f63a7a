"""`refs import`: survey documents and .bib files -> store entries with provenance."""

from __future__ import annotations

from refs.errors import Problem
from refs.importing.documents import Occurrence, bib_occurrences, is_bibtex, text_occurrences
from refs.importing.merge import DocumentReport, merge_occurrences
from refs.importing.meta import FLAGS_FIELD, INTERNAL_FIELDS, RAW_FIELD
from refs.store import Store

__all__ = [
    "FLAGS_FIELD",
    "INTERNAL_FIELDS",
    "RAW_FIELD",
    "DocumentReport",
    "Occurrence",
    "import_document",
]


def decode_document(data: bytes, file: str) -> tuple[str, list[Problem]]:
    """Document bytes as text: UTF-8 (a BOM dropped); other bytes replaced, and reported."""
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        problem = Problem(file, line, "not-utf8", "not valid UTF-8; odd bytes replaced by U+FFFD")
        return data.decode("utf-8-sig", "replace"), [problem]


def import_document(store: Store, file: str, data: bytes) -> tuple[DocumentReport, list[Problem]]:
    """Read one document (Markdown / HTML / text, or BibTeX) into ``store``, in memory.

    ``file`` is recorded as given in every source; the caller saves the store.
    """
    text, problems = decode_document(data, file)
    if is_bibtex(text):
        occurrences, found = bib_occurrences(data, file)
    else:
        occurrences, found = text_occurrences(text, file)
    return merge_occurrences(store, file, occurrences), problems + found

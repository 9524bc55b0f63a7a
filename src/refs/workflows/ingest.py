"""`refs import`: documents and .bib files into the store, in one locked write."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from refs.catalog import (
    Catalog,
    document_digest,
    extract_items,
    load_catalog,
    save_catalog,
    with_document,
)
from refs.errors import Problem, UnreadableInput
from refs.importing import DocumentReport, import_document
from refs.importing.documents import is_bibtex
from refs.model import Entry
from refs.store import edit_store, locked, recording


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What `import_documents` did, per document, and what it found wrong."""

    reports: tuple[DocumentReport, ...]
    problems: tuple[Problem, ...]
    #: Catalog rows read from the imported documents (0 when no catalog was asked for).
    catalog_items: int = 0

    @property
    def flagged(self) -> int:
        """Occurrences flagged in all documents."""
        return sum(r.flagged for r in self.reports)


def read_documents(paths: Sequence[str], stdin: IO[bytes]) -> list[tuple[str, bytes]]:
    """Each path's bytes (``-`` reads standard input), before anything is written: a path that
    cannot be read stops the import with `UnreadableInput`."""
    documents = []
    for name in paths:
        if name == "-":
            documents.append(("<stdin>", stdin.read()))
            continue
        try:
            documents.append((name, Path(name).read_bytes()))
        except OSError as error:
            msg = f"{name}: cannot read: {error.strerror or error}"
            raise UnreadableInput(msg) from None
    return documents


def import_documents(
    store_path: Path,
    documents: Sequence[tuple[str, bytes]],
    cache_dir: Path | None = None,
    progress: Callable[[int], None] | None = None,
    catalog_path: Path | None = None,
) -> ImportResult:
    """Import documents (name as it is recorded, bytes) into the store, then save it once,
    holding the store's lock throughout. ``progress`` is told each document's size when done.

    With ``catalog_path``, the catalog tables of the (non-BibTeX) documents replace theirs in
    the catalog, resolved against the store as saved; the catalog is written after the store.
    """
    written = [store_path] if catalog_path is None else [store_path, catalog_path]
    command = "refs import " + " ".join(name for name, _ in documents)
    with recording(cache_dir, command, written):
        reports = []
        problems: list[Problem] = []
        with edit_store(store_path, cache_dir) as store:
            problems.extend(store.problems)
            for name, data in documents:
                report, found = import_document(store, name, data)
                reports.append(report)
                problems.extend(found)
                if progress is not None:
                    progress(len(data))
            entries = store.entries()
        items = 0
        if catalog_path is not None:
            items = _update_catalog(catalog_path, documents, entries)
    return ImportResult(tuple(reports), tuple(problems), items)


def _update_catalog(
    path: Path, documents: Sequence[tuple[str, bytes]], entries: Sequence[Entry]
) -> int:
    """Replace each document's items and hash in the catalog at ``path``; the rows read."""
    with locked(path):
        catalog = load_catalog(path) if path.exists() else Catalog()
        count = 0
        for name, data in documents:
            text = data.decode("utf-8-sig", "replace")
            if is_bibtex(text):
                continue
            items = extract_items(name, text, entries)
            count += len(items)
            catalog = with_document(catalog, name, document_digest(data), items)
        save_catalog(path, catalog)
    return count

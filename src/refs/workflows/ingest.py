"""`refs import`: documents and .bib files into the store, in one locked write."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from refs.catalog import (
    Catalog,
    Item,
    document_digest,
    extract_items,
    load_catalog,
    save_catalog,
    with_document,
)
from refs.encoding import decode_text
from refs.errors import Problem, UnreadableInput
from refs.importing import DocumentReport, import_document
from refs.importing.documents import is_bibtex
from refs.model import Entry
from refs.store import Store, edit_store, load_store, locked, recording


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What `import_documents` did, per document, and what it found wrong."""

    reports: tuple[DocumentReport, ...]
    problems: tuple[Problem, ...]
    #: Catalog rows read from the imported documents (0 when no catalog was asked for).
    catalog_items: int = 0

    #: True when nothing was written (``--dry-run``).
    dry_run: bool = False

    @property
    def flagged(self) -> int:
        """Occurrences flagged in all documents."""
        return sum(r.flagged for r in self.reports)

    def as_dict(self) -> dict[str, Any]:
        """The JSON summary of ``refs import --json``."""
        documents: list[dict[str, Any]] = [
            {
                "file": r.file,
                "found": r.found,
                "new": r.new,
                "updated": r.updated,
                "flagged": r.flagged,
                "removed": r.removed,
            }
            for r in self.reports
        ]
        total = {
            name: sum(d[name] for d in documents)
            for name in ("found", "new", "updated", "flagged", "removed")
        }
        return {
            "dry_run": self.dry_run,
            "documents": documents,
            "total": total,
            "problems": len(self.problems),
            "catalog_rows": self.catalog_items,
        }


def read_documents(paths: Sequence[str], stdin: IO[bytes]) -> list[tuple[str, bytes]]:
    """Each path's bytes (``-`` reads standard input), before anything is written: a path that
    cannot be read, or holds binary data, stops the import with `UnreadableInput` (so an
    import of several paths writes nothing when one of them is refused)."""
    documents = []
    for name in paths:
        if name == "-":
            documents.append(("<stdin>", stdin.read()))
        else:
            try:
                documents.append((name, Path(name).read_bytes()))
            except OSError as error:
                msg = f"{name}: cannot read: {error.strerror or error}"
                raise UnreadableInput(msg) from None
        recorded, data = documents[-1]
        decode_text(data, recorded)  # refuses binary data now; the import decodes it again
    return documents


def import_documents(
    store_path: Path,
    documents: Sequence[tuple[str, bytes]],
    cache_dir: Path | None = None,
    progress: Callable[[int], None] | None = None,
    catalog_path: Path | None = None,
    *,
    dry_run: bool = False,
) -> ImportResult:
    """Import documents (name as it is recorded, bytes) into the store, then save it once,
    holding the store's lock throughout. ``progress`` is told each document's size when done.

    With ``catalog_path``, the catalog tables of the (non-BibTeX) documents replace theirs in
    the catalog, resolved against the store as saved; the catalog is written after the store.
    With ``dry_run`` the same import happens in memory and nothing is written.
    """
    if dry_run:
        store = load_store(store_path, cache_dir)
        reports, problems = _import_into(store, documents, progress)
        items = 0
        if catalog_path is not None:
            items = sum(len(i) for _, _, i in _document_items(documents, store.entries()))
        return ImportResult(reports, problems, items, dry_run=True)
    written = [store_path] if catalog_path is None else [store_path, catalog_path]
    command = "refs import " + " ".join(name for name, _ in documents)
    with recording(cache_dir, command, written):
        with edit_store(store_path, cache_dir) as store:
            reports, problems = _import_into(store, documents, progress)
            entries = store.entries()
        items = 0
        if catalog_path is not None:
            items = _update_catalog(catalog_path, documents, entries)
    return ImportResult(reports, problems, items)


def _import_into(
    store: Store,
    documents: Sequence[tuple[str, bytes]],
    progress: Callable[[int], None] | None,
) -> tuple[tuple[DocumentReport, ...], tuple[Problem, ...]]:
    """Import every document into ``store`` in memory; the reports and problems."""
    reports = []
    problems: list[Problem] = list(store.problems)
    for name, data in documents:
        report, found = import_document(store, name, data)
        reports.append(report)
        problems.extend(found)
        if progress is not None:
            progress(len(data))
    return tuple(reports), tuple(problems)


def _document_items(
    documents: Sequence[tuple[str, bytes]], entries: Sequence[Entry]
) -> Iterator[tuple[str, bytes, tuple[Item, ...]]]:
    """Each non-BibTeX document's catalog items, resolved against ``entries``."""
    for name, data in documents:
        text, _ = decode_text(data, name)  # its problems were reported by the import
        if not is_bibtex(text):
            yield name, data, tuple(extract_items(name, text, entries))


def _update_catalog(
    path: Path, documents: Sequence[tuple[str, bytes]], entries: Sequence[Entry]
) -> int:
    """Replace each document's items and hash in the catalog at ``path``; the rows read."""
    with locked(path):
        catalog = load_catalog(path) if path.exists() else Catalog()
        count = 0
        for name, data, items in _document_items(documents, entries):
            count += len(items)
            catalog = with_document(catalog, name, document_digest(data), items)
        save_catalog(path, catalog)
    return count

"""`refs import`: documents and .bib files into the store, in one locked write."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from refs.bibtex.keypattern import DEFAULT_PATTERN, KeyPattern
from refs.catalog import (
    Catalog,
    Item,
    document_digest,
    dump_catalog,
    extract_items,
    parse_catalog,
    recased,
    with_document,
)
from refs.document import Document
from refs.encoding import decode_text
from refs.errors import Problem, UnreadableInput
from refs.importing import DocumentReport, import_document
from refs.model import Entry
from refs.project import read_given
from refs.store import Store, Transaction, load_store, transaction


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
                documents.append((name, read_given(Path(name))))
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
    key_pattern: KeyPattern = DEFAULT_PATTERN,
) -> ImportResult:
    """Import documents (name as it is recorded, bytes) into the store, then save it once,
    holding the store's lock throughout. ``progress`` is told each document's size when done;
    new entries are keyed with ``key_pattern`` (`Settings.key_pattern`).

    With ``catalog_path``, the catalog tables of the (non-BibTeX) documents replace theirs in
    the catalog, resolved against the store as saved; store and catalog are written as one
    transaction (one `refs undo` step; a crash leaves both old or both new). With ``dry_run``
    the same import happens in memory and nothing is written.
    """
    if dry_run:
        store = load_store(store_path, cache_dir)
        reports, problems, parsed = _import_into(store, documents, progress, key_pattern)
        items = 0
        if catalog_path is not None:
            found = _document_items(documents, parsed, store.entries())
            items = sum(len(i) for _, _, i in found)
        return ImportResult(reports, problems, items, dry_run=True)
    command = "refs import " + " ".join(name for name, _ in documents)
    extra = [] if catalog_path is None else [catalog_path]
    with transaction(store_path, cache_dir, command, extra) as txn:
        store = load_store(store_path, cache_dir)
        catalog = None if catalog_path is None else read_catalog(txn, catalog_path)
        imported = import_in_memory(store, catalog, documents, progress, key_pattern=key_pattern)
        txn.save(store)
        if catalog_path is not None and imported.catalog is not None:
            txn.write(catalog_path, dump_catalog(imported.catalog))
    return imported.result


@dataclass(frozen=True, slots=True)
class Imported:
    """An import done in memory: the result, and the catalog as it is now (None: no catalog)."""

    result: ImportResult
    catalog: Catalog | None


def read_catalog(txn: Transaction, path: Path) -> Catalog:
    """The catalog at ``path`` as the transaction sees it (an absent file is an empty one)."""
    data = txn.read(path)
    return Catalog() if data is None else parse_catalog(data, str(path))


def import_in_memory(
    store: Store,
    catalog: Catalog | None,
    documents: Sequence[tuple[str, bytes]],
    progress: Callable[[int], None] | None = None,
    *,
    key_pattern: KeyPattern = DEFAULT_PATTERN,
) -> Imported:
    """Import ``documents`` into ``store`` (edited in place, not saved; new entries keyed with
    ``key_pattern``) and, given a catalog, replace each document's items in it, resolved
    against the store as edited."""
    reports, problems, parsed = _import_into(store, documents, progress, key_pattern)
    if catalog is None:
        return Imported(ImportResult(reports, problems), None)
    count = 0
    for name, data, items in _document_items(documents, parsed, store.entries()):
        count += len(items)
        _recase_cited(store, items)
        catalog = with_document(catalog, name, document_digest(data), items)
    return Imported(ImportResult(reports, problems, count), catalog)


def _recase_cited(store: Store, items: Sequence[Item]) -> None:
    """Each entry cited alone by a row takes the casing of the row's name (`recased`)."""
    for item in items:
        if len(item.cites) != 1 or (entry := store.get(item.cites[0])) is None:
            continue
        fixed = recased(entry, item)
        if fixed is not entry:
            store.put(fixed)


def _import_into(
    store: Store,
    documents: Sequence[tuple[str, bytes]],
    progress: Callable[[int], None] | None,
    key_pattern: KeyPattern,
) -> tuple[tuple[DocumentReport, ...], tuple[Problem, ...], tuple[Document | None, ...]]:
    """Import every document into ``store`` in memory; the reports, the problems, and each
    document as parsed (None for a .bib file)."""
    reports = []
    problems: list[Problem] = list(store.problems)
    parsed = []
    for name, data in documents:
        done = import_document(store, name, data, key_pattern=key_pattern)
        reports.append(done.report)
        problems.extend(done.problems)
        parsed.append(done.document)
        if progress is not None:
            progress(len(data))
    return tuple(reports), tuple(problems), tuple(parsed)


def _document_items(
    documents: Sequence[tuple[str, bytes]],
    parsed: Sequence[Document | None],
    entries: Sequence[Entry],
) -> Iterator[tuple[str, bytes, tuple[Item, ...]]]:
    """Each non-BibTeX document's catalog items, resolved against ``entries``, read from the
    document the import parsed (one parse per document)."""
    for (name, data), document in zip(documents, parsed, strict=True):
        if document is None:
            continue  # a .bib file
        text, _ = decode_text(data, name)  # its problems were reported by the import
        yield name, data, tuple(extract_items(name, text, entries, document))

"""`refs list`, `refs search`, `refs show`: find entries through the search index, and one
entry with everything that points at it."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from refs.bibtex import format_entry
from refs.catalog import load_catalog
from refs.library import (
    CitingRow,
    Searcher,
    SearchHit,
    SearchRecord,
    UnknownKey,
    citing_rows,
    has_index,
    resolve_key,
    search_index,
)
from refs.model import Entry
from refs.store import load_store, store_digest
from refs.workflows.common import require_store


@contextlib.contextmanager
def _searcher(store_path: Path, cache_dir: Path | None) -> Iterator[Searcher]:
    """The search index of the store as it is now; the store is parsed only to build one."""
    require_store(store_path)
    digest = store_digest(store_path, cache_dir)
    entries = None
    if not has_index(cache_dir, digest):
        entries = load_store(store_path, cache_dir).entries()
    with search_index(entries, digest, cache_dir) as searcher:
        yield searcher


def list_entries(
    store_path: Path, query: str | None = None, cache_dir: Path | None = None
) -> list[SearchRecord]:
    """Every entry, or those matching ``query``, in store order."""
    with _searcher(store_path, cache_dir) as searcher:
        return searcher.all() if query is None else searcher.filter(query)


def search(
    store_path: Path, query: str, cache_dir: Path | None = None, limit: int | None = None
) -> list[SearchHit]:
    """The entries matching ``query``, best first (see `refs.library.search`)."""
    with _searcher(store_path, cache_dir) as searcher:
        return searcher.search(query, limit)


@dataclass(frozen=True, slots=True)
class ShowResult:
    """One entry, the key it was asked by (a retired key, maybe), and the catalog rows citing it."""

    entry: Entry
    asked: str
    rows: tuple[CitingRow, ...]

    @property
    def bibtex(self) -> str:
        """The entry in the store's canonical layout."""
        return format_entry(self.entry)

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of ``refs show --json``."""
        entry = self.entry
        return {
            "key": entry.key,
            "asked": self.asked,
            "type": entry.entry_type,
            "fields": dict(entry.fields),
            "sources": [{"file": s.file, "line": s.line, "label": s.label} for s in entry.sources],
            "ids": list(entry.ids),
            "cited_by": [row.as_dict() for row in self.rows],
        }


def show(
    store_path: Path, key: str, catalog_path: Path | None = None, cache_dir: Path | None = None
) -> ShowResult:
    """The entry with ``key`` (or that retired it) and the catalog rows that cite it."""
    require_store(store_path)
    entry = resolve_key(load_store(store_path, cache_dir).entries(), key)
    if entry is None:
        raise UnknownKey(key, str(store_path))
    rows: list[CitingRow] = []
    if catalog_path is not None and catalog_path.exists():
        rows = citing_rows(load_catalog(catalog_path), [entry.key, *entry.ids])
    return ShowResult(entry, key, tuple(rows))

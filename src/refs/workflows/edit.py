"""`refs add`, `refs rename`, `refs rm`: edits of single entries, each one undo step."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from refs.bibtex import validate
from refs.catalog import Catalog, load_catalog, rename_keys, save_catalog
from refs.encoding import STORE_ENCODING
from refs.errors import RefsError
from refs.importing.merge import merge_definitions
from refs.library import (
    AddResult,
    CitingRow,
    UnknownKey,
    addition_definitions,
    citing_rows,
    parse_addition,
    plan_addition,
)
from refs.model import Entry
from refs.store import edit_store, load_store, locked, recording


class KeyTaken(RefsError):
    """The new key of a rename is already a key, or a retired key, of an entry."""


def add(store_path: Path, text: str, cache_dir: Path | None = None) -> AddResult:
    """Add what ``text`` holds (BibTeX, a reference string, an identifier) to the store.

    Entries the store already has are reported in the result, not added; the rest are added
    in one locked write (the store is created when absent).
    """
    candidates = parse_addition(text)  # bad input stops here, before anything is touched
    with recording(cache_dir, "refs add", [store_path]), edit_store(store_path, cache_dir) as store:
        result = plan_addition(store.entries(), candidates)
        for entry in result.added:
            store.put(entry)
        # a snippet's @string definitions come with the entries that use them
        conflicts = merge_definitions(store, addition_definitions(text)) if result.added else []
    encoding = [p for p in store.problems if p.code == STORE_ENCODING]
    return replace(result, problems=(*encoding, *conflicts))


def _catalog(path: Path | None) -> Catalog:
    return load_catalog(path) if path is not None and path.exists() else Catalog()


def rename(
    store_path: Path,
    old: str,
    new: str,
    catalog_path: Path | None = None,
    cache_dir: Path | None = None,
) -> tuple[Entry, int]:
    """Give the entry ``old`` the key ``new``; ``old`` goes to its ``ids``, and the catalog cites
    ``new``. Returns the renamed entry and how many catalog rows changed."""
    paths = [store_path] if catalog_path is None else [store_path, catalog_path]
    with recording(cache_dir, f"refs rename {old} {new}", paths):
        with edit_store(store_path, cache_dir) as store:
            entry = store.get(old)
            if entry is None:
                raise UnknownKey(old, str(store_path))
            _check_free(store.entries(), entry, new, str(store_path))
            ids = tuple(i for i in dict.fromkeys((*entry.ids, entry.key)) if i != new)
            renamed = replace(entry, key=new, ids=ids)
            validate(renamed)
            store.remove(entry.key)
            store.put(renamed)
        changed = 0
        if catalog_path is not None and catalog_path.exists():
            with locked(catalog_path):
                catalog = load_catalog(catalog_path)
                changed = len(citing_rows(catalog, [entry.key]))
                save_catalog(catalog_path, rename_keys(catalog, {entry.key: new}))
    return renamed, changed


def _check_free(entries: list[Entry], entry: Entry, new: str, store: str) -> None:
    folded = new.casefold()
    for other in entries:
        if other is entry:
            continue
        if other.key.casefold() == folded:
            msg = f"{store}: key {new!r} is taken by another entry"
            raise KeyTaken(msg)
        if any(alias.casefold() == folded for alias in other.ids):
            msg = f"{store}: {new!r} is a retired key of {other.key!r}; pick another key"
            raise KeyTaken(msg)


@dataclass(frozen=True, slots=True)
class RemoveResult:
    """The entry asked for, the catalog rows citing it, and whether it was removed."""

    entry: Entry
    rows: tuple[CitingRow, ...]
    removed: bool


def remove(
    store_path: Path,
    key: str,
    catalog_path: Path | None = None,
    cache_dir: Path | None = None,
    *,
    force: bool = False,
) -> RemoveResult:
    """Remove the entry ``key``, unless catalog rows cite it (then nothing is written, and the
    result names them) or ``force``. The catalog itself is never changed."""
    entry = load_store(store_path, cache_dir).get(key)
    if entry is None:
        raise UnknownKey(key, str(store_path))
    rows = tuple(citing_rows(_catalog(catalog_path), [entry.key, *entry.ids]))
    if rows and not force:
        return RemoveResult(entry, rows, removed=False)
    with (
        recording(cache_dir, f"refs rm {key}", [store_path]),
        edit_store(store_path, cache_dir) as store,
    ):
        if store.get(key) is None:
            raise UnknownKey(key, str(store_path))
        store.remove(key)
    return RemoveResult(entry, rows, removed=True)

"""`refs add`, `refs rename`, `refs rekey`, `refs rm`: edits of entries, each one undo step."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from refs.bibtex import validate
from refs.bibtex.keypattern import DEFAULT_PATTERN, KeyPattern
from refs.bibtex.keys import uncitable_character
from refs.bibtex.meta import with_key
from refs.catalog import Catalog, dump_catalog, load_catalog, rename_keys
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
    plan_rekey,
)
from refs.model import Entry
from refs.store import Store, Transaction, load_store, transaction
from refs.workflows.common import require_store
from refs.workflows.ingest import read_catalog


class KeyTaken(RefsError):
    """The new key of a rename cannot be used: another entry has it (as its key or a retired
    key), or LaTeX cannot cite it."""


def add(
    store_path: Path,
    text: str,
    cache_dir: Path | None = None,
    *,
    key_pattern: KeyPattern = DEFAULT_PATTERN,
) -> AddResult:
    """Add what ``text`` holds (BibTeX, a reference string, an identifier) to the store.

    Entries the store already has are reported in the result, not added; the rest are added
    in one locked write (the store is created when absent), keyed with ``key_pattern`` unless
    a snippet gives its own key.
    """
    candidates = parse_addition(text)  # bad input stops here, before anything is touched
    with transaction(store_path, cache_dir, "refs add") as txn:
        store = load_store(store_path, cache_dir)
        result = plan_addition(store.entries(), candidates, key_pattern=key_pattern)
        for entry in result.added:
            store.put(entry)
        # a snippet's @string definitions come with the entries that use them
        conflicts = merge_definitions(store, addition_definitions(text)) if result.added else []
        txn.save(store)
    encoding = [p for p in store.problems if p.code == STORE_ENCODING]
    return replace(result, problems=(*encoding, *conflicts))


def _catalog(path: Path | None) -> Catalog:
    return load_catalog(path) if path is not None and path.exists() else Catalog()


def _retire(entry: Entry, new: str, *, generated: bool) -> Entry:
    """``entry`` under the key ``new``, its old key kept in ``ids``."""
    ids = tuple(i for i in dict.fromkeys((*entry.ids, entry.key)) if i.casefold() != new.casefold())
    renamed = with_key(replace(entry, ids=ids), new, generated=generated)
    validate(renamed)
    return renamed


def _rename_all(
    txn: Transaction,
    store: Store,
    catalog_path: Path | None,
    renames: dict[str, Entry],
) -> int:
    """Put the renamed entries (old key -> entry under its new key) in place of the old ones,
    save, and make the catalog cite the new keys (staged in ``txn``). Returns how many catalog
    rows changed."""
    for old in renames:
        store.remove(old)
    for entry in renames.values():
        store.put(entry)
    txn.save(store)
    if catalog_path is None or txn.read(catalog_path) is None:
        return 0
    catalog = read_catalog(txn, catalog_path)
    keys = {old: entry.key for old, entry in renames.items()}
    txn.write(catalog_path, dump_catalog(rename_keys(catalog, keys)))
    return len(citing_rows(catalog, keys))


def rename(
    store_path: Path,
    old: str,
    new: str,
    catalog_path: Path | None = None,
    cache_dir: Path | None = None,
) -> tuple[Entry, int]:
    """Give the entry ``old`` the key ``new``; ``old`` goes to its ``ids``, and the catalog cites
    ``new``. Returns the renamed entry and how many catalog rows changed. ``new`` is a person's
    key from then on: `rekey` and merges keep it."""
    extra = [] if catalog_path is None else [catalog_path]
    with transaction(store_path, cache_dir, f"refs rename {old} {new}", extra) as txn:
        store = load_store(store_path, cache_dir)
        entry = store.get(old)
        if entry is None:
            raise UnknownKey(old, str(store_path))
        _check_free(store.entries(), entry, new, str(store_path))
        renamed = _retire(entry, new, generated=False)
        changed = _rename_all(txn, store, catalog_path, {entry.key: renamed})
    return renamed, changed


def rekey(
    store_path: Path,
    keys: Sequence[str] | None = None,
    catalog_path: Path | None = None,
    cache_dir: Path | None = None,
    *,
    dry_run: bool = False,
    key_pattern: KeyPattern = DEFAULT_PATTERN,
) -> RekeyResult:
    """Make again the keys refs generated, of the entries ``keys`` name (every such entry when
    None), from their metadata now with ``key_pattern``; old keys go to ``ids``, the catalog
    follows, and the whole batch is one `refs undo` step. Keys a person gave are never changed
    (they are reported). With ``dry_run`` nothing is written."""
    require_store(store_path)
    entries = load_store(store_path, cache_dir).entries()
    plan = plan_rekey(entries, keys, str(store_path), key_pattern=key_pattern)
    if dry_run or not plan.renames:
        return RekeyResult(plan.renames, plan.given, 0, written=False)
    extra = [] if catalog_path is None else [catalog_path]
    command = "refs rekey " + ("--all" if keys is None else " ".join(keys))
    with transaction(store_path, cache_dir, command, extra) as txn:
        store = load_store(store_path, cache_dir)
        # again under the lock
        plan = plan_rekey(store.entries(), keys, str(store_path), key_pattern=key_pattern)
        renamed = {}
        for old, new in plan.renames.items():
            entry = store.get(old)
            assert entry is not None  # the plan was made of this store's entries
            renamed[old] = _retire(entry, new, generated=True)
        changed = _rename_all(txn, store, catalog_path, renamed)
    return RekeyResult(plan.renames, plan.given, changed, written=True)


@dataclass(frozen=True, slots=True)
class RekeyResult:
    """What `rekey` did (or, in a dry run, would do): old -> new keys, the asked keys a person
    gave (kept), how many catalog rows changed, and whether anything was written."""

    renames: dict[str, str]
    given: tuple[str, ...]
    rows: int
    written: bool


def _check_free(entries: list[Entry], entry: Entry, new: str, store: str) -> None:
    char = uncitable_character(new)
    if char is not None:
        msg = f"{new!r} holds {char!r}, which LaTeX's \\cite cannot take; pick another key"
        raise KeyTaken(msg)
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
    with transaction(store_path, cache_dir, f"refs rm {key}") as txn:
        store = load_store(store_path, cache_dir)
        if store.get(key) is None:
            raise UnknownKey(key, str(store_path))
        store.remove(key)
        txn.save(store)
    return RemoveResult(entry, rows, removed=True)

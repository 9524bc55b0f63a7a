"""`refs dedupe`: report duplicate clusters and conflicts; merge the confident ones."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from refs.bibtex.keypattern import DEFAULT_PATTERN, KeyPattern
from refs.catalog import dump_catalog, rename_keys
from refs.dedupe import (
    DEFAULT_THRESHOLD,
    DedupeReport,
    Distinct,
    apply_merges,
    check_keys,
    decisions_path,
    find_duplicates,
    format_decisions,
    format_rename_map,
    read_decisions,
    rename_map,
)
from refs.errors import Problem
from refs.store import Transaction, atomic_write, load_store, transaction
from refs.workflows.common import require_store
from refs.workflows.ingest import read_catalog


@dataclass(frozen=True, slots=True)
class DedupeResult:
    """What `dedupe` found and, with ``apply``, did: the report, the key renames (old -> new)
    and the store's own problems."""

    report: DedupeReport
    renames: dict[str, str]
    applied: bool
    problems: tuple[Problem, ...]

    @property
    def needs_a_person(self) -> bool:
        """True when there are conflicts, which are never merged automatically."""
        return bool(self.report.conflicts)


def _record_decisions(txn: Transaction, path: Path, pairs: Sequence[tuple[str, str]]) -> Distinct:
    """Add ``pairs`` to the not-duplicates file (staged in the transaction)."""
    current = read_decisions(path)
    merged = Distinct.of([*current.pairs, *pairs])
    if merged.pairs != current.pairs:
        txn.write(path, format_decisions(merged))
    return merged


def _rename_in_catalog(txn: Transaction, path: Path, renames: dict[str, str]) -> None:
    """Pass the catalog's keys through ``renames`` (staged in the transaction)."""
    if txn.read(path) is None:
        return
    txn.write(path, dump_catalog(rename_keys(read_catalog(txn, path), renames)))


def dedupe(
    store_path: Path,
    *,
    apply: bool = False,
    threshold: float = DEFAULT_THRESHOLD,
    not_duplicate: Sequence[tuple[str, str]] = (),
    map_path: Path | None = None,
    cache_dir: Path | None = None,
    catalog_path: Path | None = None,
    key_pattern: KeyPattern = DEFAULT_PATTERN,
) -> DedupeResult:
    """Find duplicate clusters and conflicts; with ``apply``, merge the clusters (conflicts are
    never merged) in one transaction with the catalog (one `refs undo` step). The dry run never
    reads the catalog.

    ``not_duplicate`` pairs are first recorded in the decisions file beside the store, and
    every recorded decision is respected. ``map_path`` receives the rename map (JSON for a
    ``.json`` suffix, else TSV); in a dry run, the map an apply would make. After an apply,
    the catalog at ``catalog_path``, when it exists, cites the new keys (the dry run never
    reads it). A merged entry whose members' keys refs made is keyed with ``key_pattern``.
    """
    require_store(store_path)
    decisions = decisions_path(store_path)
    if not_duplicate:
        check_keys(load_store(store_path, cache_dir).entries(), not_duplicate, str(store_path))
        command = "refs dedupe --not-duplicate " + " ".join(" ".join(p) for p in not_duplicate)
        with transaction(store_path, cache_dir, command, [decisions]) as txn:
            distinct = _record_decisions(txn, decisions, not_duplicate)
    else:
        distinct = read_decisions(decisions)
    if apply:
        extra = [] if catalog_path is None else [catalog_path]
        with transaction(store_path, cache_dir, "refs dedupe --apply", extra) as txn:
            store = load_store(store_path, cache_dir)
            report = find_duplicates(store.entries(), threshold, distinct)
            renames = apply_merges(store, report, key_pattern=key_pattern)
            txn.save(store)
            if catalog_path is not None and renames:
                _rename_in_catalog(txn, catalog_path, renames)
    else:
        store = load_store(store_path, cache_dir)
        report = find_duplicates(store.entries(), threshold, distinct)
        renames = rename_map(store.entries(), report, key_pattern=key_pattern)
    if map_path is not None:
        atomic_write(map_path, format_rename_map(renames, map_path.suffix))
    return DedupeResult(report, renames, apply, store.problems)

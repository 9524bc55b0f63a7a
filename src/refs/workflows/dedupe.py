"""`refs dedupe`: report duplicate clusters and conflicts; merge the confident ones."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from refs.catalog import load_catalog, rename_keys, save_catalog
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
from refs.store import atomic_write, edit_store, load_store, locked, recording
from refs.workflows.common import require_store


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


def _record_decisions(path: Path, pairs: Sequence[tuple[str, str]]) -> Distinct:
    """Add ``pairs`` to the not-duplicates file, atomically and under its own lock."""
    with locked(path):
        current = read_decisions(path)
        merged = Distinct.of([*current.pairs, *pairs])
        if merged.pairs != current.pairs:
            atomic_write(path, format_decisions(merged))
    return merged


def _rename_in_catalog(path: Path, renames: dict[str, str]) -> None:
    """Pass the catalog's keys through ``renames``, atomically, under the catalog's lock."""
    if not path.exists():
        return
    with locked(path):
        save_catalog(path, rename_keys(load_catalog(path), renames))


def dedupe(
    store_path: Path,
    *,
    apply: bool = False,
    threshold: float = DEFAULT_THRESHOLD,
    not_duplicate: Sequence[tuple[str, str]] = (),
    map_path: Path | None = None,
    cache_dir: Path | None = None,
    catalog_path: Path | None = None,
) -> DedupeResult:
    """Find duplicate clusters and conflicts; with ``apply``, merge the clusters (conflicts are
    never merged) in one locked, atomic write of the store. Never reads the catalog.

    ``not_duplicate`` pairs are first recorded in the decisions file beside the store, and
    every recorded decision is respected. ``map_path`` receives the rename map (JSON for a
    ``.json`` suffix, else TSV); in a dry run, the map an apply would make. After an apply,
    the catalog at ``catalog_path``, when it exists, cites the new keys (the dry run never
    reads it).
    """
    require_store(store_path)
    decisions = decisions_path(store_path)
    if not_duplicate:
        check_keys(load_store(store_path, cache_dir).entries(), not_duplicate, str(store_path))
        distinct = _record_decisions(decisions, not_duplicate)
    else:
        distinct = read_decisions(decisions)
    if apply:
        written = [store_path] if catalog_path is None else [store_path, catalog_path]
        with recording(cache_dir, "refs dedupe --apply", written):
            with edit_store(store_path, cache_dir) as store:
                report = find_duplicates(store.entries(), threshold, distinct)
                renames = apply_merges(store, report)
            # after the store is saved: a failed save must not leave the catalog citing new keys
            if catalog_path is not None and renames:
                _rename_in_catalog(catalog_path, renames)
    else:
        store = load_store(store_path, cache_dir)
        report = find_duplicates(store.entries(), threshold, distinct)
        renames = rename_map(report)
    if map_path is not None:
        atomic_write(map_path, format_rename_map(renames, map_path.suffix))
    return DedupeResult(report, renames, apply, store.problems)

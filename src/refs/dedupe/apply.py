"""Applying a report to a store: merge each cluster, retire keys, and the rename map's text.

The rename map (old key -> surviving key) is JSON (``{"old": "new"}``) for a file name
ending in ``.json``, else TSV lines ``old<TAB>new``. Writing files is the caller's job
(`refs.dedupe` sits beside `refs.store` and does not import it).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Protocol

from refs.bibtex.keypattern import DEFAULT_PATTERN, KeyPattern
from refs.dedupe.merge import merge_cluster
from refs.dedupe.report import DedupeReport
from refs.dedupe.survivor import keyed_merge
from refs.model import Entry


class EditableStore(Protocol):
    """What a merge needs of a store: `refs.store.Store` is one."""

    def remove(self, key: str) -> Entry: ...

    def put(self, entry: Entry) -> None: ...

    def entries(self) -> list[Entry]: ...


def merged_entries(
    entries: Iterable[Entry], report: DedupeReport, *, key_pattern: KeyPattern = DEFAULT_PATTERN
) -> list[Entry]:
    """The entry each cluster of ``report`` becomes, under its key (`keyed_merge` with
    ``key_pattern``), in the report's order; ``entries`` is the whole store, whose keys a new
    key must not take."""
    # a cluster's members never repeat a key (that is a conflict, never merged)
    in_clusters = {m.key.casefold() for c in report.clusters for m in c.members}
    used = {
        k.casefold()
        for e in entries
        if e.key.casefold() not in in_clusters
        for k in (e.key, *e.ids)
    }
    merged = []
    for cluster in report.clusters:
        merged_entry = merge_cluster(cluster.members)
        entry = keyed_merge(cluster.members, merged_entry, used, key_pattern=key_pattern)
        used.update(k.casefold() for k in (entry.key, *entry.ids))
        merged.append(entry)
    return merged


def _renames(report: DedupeReport, merged: list[Entry]) -> dict[str, str]:
    return {
        m.key: entry.key
        for cluster, entry in zip(report.clusters, merged, strict=True)
        for m in cluster.members
        if m.key != entry.key
    }


def rename_map(
    entries: Iterable[Entry], report: DedupeReport, *, key_pattern: KeyPattern = DEFAULT_PATTERN
) -> dict[str, str]:
    """Old key -> key of the merged entry, for every member whose key a merge retires (the
    survivor's too, when the merged entry's generated key is made again with ``key_pattern``)."""
    return _renames(report, merged_entries(entries, report, key_pattern=key_pattern))


def apply_merges(
    store: EditableStore, report: DedupeReport, *, key_pattern: KeyPattern = DEFAULT_PATTERN
) -> dict[str, str]:
    """Merge each cluster of ``report`` in ``store`` (the caller saves), generated keys made
    again with ``key_pattern``; returns the renames."""
    merged = merged_entries(store.entries(), report, key_pattern=key_pattern)
    for cluster, entry in zip(report.clusters, merged, strict=True):
        for member in cluster.members:
            if member.key.casefold() != entry.key.casefold():
                store.remove(member.key)
        store.put(entry)  # in the place of the member whose key it keeps, if one does
    return _renames(report, merged)


def format_rename_map(renames: dict[str, str], suffix: str) -> bytes:
    """The rename map as file content: JSON for a ``.json`` suffix, else TSV."""
    if suffix.lower() == ".json":
        text = json.dumps(renames, indent=2, ensure_ascii=False) + "\n"
    else:
        text = "".join(f"{old}\t{new}\n" for old, new in renames.items())
    return text.encode("utf-8")

"""Applying a report to a store: merge each cluster, retire keys, and the rename map's text.

The rename map (old key -> surviving key) is JSON (``{"old": "new"}``) for a file name
ending in ``.json``, else TSV lines ``old<TAB>new``. Writing files is the caller's job
(`refs.dedupe` sits beside `refs.store` and does not import it).
"""

from __future__ import annotations

import json
from typing import Protocol

from refs.dedupe.merge import merge_cluster
from refs.dedupe.report import DedupeReport
from refs.model import Entry


class EditableStore(Protocol):
    """What a merge needs of a store: `refs.store.Store` is one."""

    def remove(self, key: str) -> Entry: ...

    def put(self, entry: Entry) -> None: ...


def rename_map(report: DedupeReport) -> dict[str, str]:
    """Old key -> surviving key, for every member that a merge retires."""
    return {m.key: c.survivor.key for c in report.clusters for m in c.members[1:]}


def apply_merges(store: EditableStore, report: DedupeReport) -> dict[str, str]:
    """Merge each cluster of ``report`` into its survivor, in ``store`` (the caller saves)."""
    for cluster in report.clusters:
        merged = merge_cluster(cluster.members)
        for member in cluster.members[1:]:
            store.remove(member.key)
        store.put(merged)
    return rename_map(report)


def format_rename_map(renames: dict[str, str], suffix: str) -> bytes:
    """The rename map as file content: JSON for a ``.json`` suffix, else TSV."""
    if suffix.lower() == ".json":
        text = json.dumps(renames, indent=2, ensure_ascii=False) + "\n"
    else:
        text = "".join(f"{old}\t{new}\n" for old, new in renames.items())
    return text.encode("utf-8")

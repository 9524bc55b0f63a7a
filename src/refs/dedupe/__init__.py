"""`refs dedupe`: find entries that are one work (with the evidence), and merge them safely."""

from refs.dedupe.apply import apply_merges, format_rename_map, rename_map
from refs.dedupe.cluster import DEFAULT_THRESHOLD, find_duplicates
from refs.dedupe.decisions import (
    Distinct,
    UnknownKey,
    check_keys,
    decisions_path,
    format_decisions,
    read_decisions,
)
from refs.dedupe.finder import WEAK_FLOOR
from refs.dedupe.match import Match, compare_entries
from refs.dedupe.merge import CONFLICTS_FIELD, merge_cluster, parse_conflicts, survivor_order
from refs.dedupe.report import CONFLICT_REASONS, Cluster, Conflict, DedupeReport, Link, as_dict
from refs.dedupe.text import DEFAULT_LIMIT, describe, summary

__all__ = [
    "CONFLICTS_FIELD",
    "CONFLICT_REASONS",
    "DEFAULT_LIMIT",
    "DEFAULT_THRESHOLD",
    "WEAK_FLOOR",
    "Cluster",
    "Conflict",
    "DedupeReport",
    "Distinct",
    "Link",
    "Match",
    "UnknownKey",
    "apply_merges",
    "as_dict",
    "check_keys",
    "compare_entries",
    "decisions_path",
    "describe",
    "find_duplicates",
    "format_decisions",
    "format_rename_map",
    "merge_cluster",
    "parse_conflicts",
    "read_decisions",
    "rename_map",
    "summary",
    "survivor_order",
]

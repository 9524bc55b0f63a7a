"""What `find_duplicates` found: clusters to merge and conflicts for a person, as data.

`as_dict` is the JSON shape of ``refs dedupe --json`` (one object per cluster and conflict);
the text for a person is text.py's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from refs.dedupe.fingerprint import decode
from refs.dedupe.match import Match
from refs.model import Entry

#: Why a group of entries needs a person, by code.
CONFLICT_REASONS = {
    "label-reused": "one label of one document names different entries",
    "id-mismatch": "an entry whose text and link name different works matches another entry",
    "vetoed-identifier": "the entries share an identifier, but other evidence says they differ",
    "weak-link": "held together by a weak link only",
    "blocked-merge": "a confident link would join entries that are vetoed or declared distinct",
    "repeated-key": "a member's key is repeated in the store; rename it first",
}


@dataclass(frozen=True, slots=True)
class Link:
    """The evidence between two members, by key."""

    left: str
    right: str
    match: Match


@dataclass(frozen=True, slots=True)
class Cluster:
    """Entries that are one work; ``members[0]`` is the entry that survives a merge."""

    members: tuple[Entry, ...]
    links: tuple[Link, ...]
    confidence: float

    @property
    def survivor(self) -> Entry:
        """The entry whose key and fields lead the merged entry."""
        return self.members[0]


@dataclass(frozen=True, slots=True)
class Conflict:
    """Entries that may or may not be one work: reported, never merged."""

    reasons: tuple[str, ...]
    members: tuple[Entry, ...]
    links: tuple[Link, ...]


@dataclass(frozen=True, slots=True)
class DedupeReport:
    """Everything one run found."""

    clusters: tuple[Cluster, ...]
    conflicts: tuple[Conflict, ...]
    entries: int
    compared: int


def member_dict(entry: Entry) -> dict[str, Any]:
    """One member as JSON: key, type, title (decoded), year, sources."""
    return {
        "key": entry.key,
        "entry_type": entry.entry_type,
        "title": decode(entry.get("title")),
        "year": entry.get("year") or None,
        "sources": [{"file": s.file, "line": s.line, "label": s.label} for s in entry.sources],
    }


def link_dict(link: Link) -> dict[str, Any]:
    """One piece of evidence as JSON."""
    match = link.match
    return {
        "keys": [link.left, link.right],
        "rule": match.rule,
        "score": match.score,
        "similarities": dict(match.similarities),
        "shared_identifiers": list(match.shared),
        "vetoes": list(match.vetoes),
        "member_vetoes": list(match.member_vetoes),
    }


def as_dict(report: DedupeReport, renames: dict[str, str] | None = None) -> dict[str, Any]:
    """The whole report as JSON data."""
    clusters = [
        {
            "kind": "cluster",
            "confidence": cluster.confidence,
            "survivor": cluster.survivor.key,
            "members": [member_dict(e) for e in cluster.members],
            "evidence": [link_dict(link) for link in cluster.links],
            "vetoes": [],
        }
        for cluster in report.clusters
    ]
    conflicts = [
        {
            "kind": "conflict",
            "reasons": list(conflict.reasons),
            "message": "; ".join(CONFLICT_REASONS[r] for r in conflict.reasons),
            "confidence": max((link.match.score for link in conflict.links), default=None),
            "members": [member_dict(e) for e in conflict.members],
            "evidence": [link_dict(link) for link in conflict.links],
            "vetoes": sorted({v for link in conflict.links for v in link.match.vetoes}),
        }
        for conflict in report.conflicts
    ]
    return {
        "entries": report.entries,
        "compared_pairs": report.compared,
        "clusters": clusters,
        "conflicts": conflicts,
        "renames": dict(renames or {}),
    }

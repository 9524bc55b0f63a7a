"""`find_duplicates`: the clusters whose merge leaves a store that has no more duplicates.

A round (finder.py) finds clusters among the entries as they are. Merging them changes what
the store holds: a merged entry has the fields of all its members, and entries that were kept
apart by a member's place in the sorted blocks become neighbours. So the clusters are merged
in memory, exactly as ``--apply`` writes them, and the result is searched again, until a round
finds nothing: the report's clusters are then a fixed point, and a second ``--apply`` merges
nothing. Vetoes survive merging (views.py), so a later round never joins what an earlier one
refused. Later rounds measure only what the merges changed.
"""

from __future__ import annotations

from collections.abc import Sequence

from refs.dedupe.decisions import Distinct
from refs.dedupe.finder import Finder, Found
from refs.dedupe.merge import merge_cluster, survivor_order
from refs.dedupe.report import Cluster, Conflict, DedupeReport, Link
from refs.model import Entry

#: Default confidence a link needs to merge (``--threshold``).
DEFAULT_THRESHOLD = 0.9


class _Merges:
    """The merges of the rounds so far, over the indices of the entries as given."""

    def __init__(self, entries: Sequence[Entry]) -> None:
        self.entries = entries
        #: The entries as the merges so far leave them (a retired member stays, dead).
        self.current = list(entries)
        self.dead: set[int] = set()
        #: Survivor's index -> the indices of its cluster's members, and the links inside.
        self.groups: dict[int, list[int]] = {}
        self.links: dict[int, list[Link]] = {}
        self.conflicts: list[tuple[frozenset[int], Conflict]] = []

    def originals(self, indices: Sequence[int]) -> frozenset[int]:
        """The given entries behind ``indices`` of the current list."""
        return frozenset(i for index in indices for i in self.groups.get(index, [index]))

    def add_conflicts(self, found: Found) -> None:
        """Record a round's conflicts unless an earlier round reported the same entries."""
        earlier = [behind for behind, _ in self.conflicts]
        for reasons, members, links in found.conflicts:
            behind = self.originals(members)
            if any(behind <= reported for reported in earlier):
                continue
            entries = tuple(self.current[i] for i in members)
            self.conflicts.append((behind, Conflict(reasons, entries, links)))

    def merge(self, found: Found) -> frozenset[int]:
        """Apply a round's clusters to the current list; the indices whose entry changed."""
        changed: set[int] = set()
        for members, links in found.clusters:
            behind = sorted(self.originals(members))
            ordered = survivor_order([self.entries[i] for i in behind])
            survivor = next(i for i in behind if self.entries[i] is ordered[0])
            pooled = [link for index in members for link in self.links.pop(index, [])]
            for index in members:
                self.groups.pop(index, None)
            self.groups[survivor] = behind
            self.links[survivor] = [*pooled, *links]
            # the store writes the merged entry in place of its survivor and drops the others
            self.current[survivor] = merge_cluster(ordered)
            self.dead.update(i for i in behind if i != survivor)
            changed.update(members)
            changed.add(survivor)
        return frozenset(changed)

    def report(self, compared: int) -> DedupeReport:
        clusters = []
        for survivor, behind in self.groups.items():
            ordered = survivor_order([self.entries[i] for i in behind])
            links = tuple(self.links[survivor])
            confidence = min(link.match.score for link in links)
            clusters.append(Cluster(tuple(ordered), links, confidence))
        clusters.sort(key=lambda c: c.survivor.key.casefold())
        conflicts = sorted(
            (conflict for _, conflict in self.conflicts),
            key=lambda c: tuple(e.key.casefold() for e in c.members),
        )
        return DedupeReport(tuple(clusters), tuple(conflicts), len(self.entries), compared)


def find_duplicates(
    entries: Sequence[Entry],
    threshold: float = DEFAULT_THRESHOLD,
    distinct: Distinct | None = None,
) -> DedupeReport:
    """Clusters of entries that are one work, and conflicts that need a person.

    >>> a = Entry("a", "misc", {"title": "LIMA: Less Is More for Alignment",
    ...     "author": "Zhou, Chunting", "year": "2023", "eprint": "2305.11206"})
    >>> b = Entry("b", "inproceedings", {"title": "{LIMA}: less is more for alignment",
    ...     "author": "Chunting Zhou", "year": "2023", "booktitle": "NeurIPS"})
    >>> [[e.key for e in c.members] for c in find_duplicates([a, b]).clusters]
    [['b', 'a']]
    """
    distinct = distinct or Distinct()
    merges = _Merges(entries)
    finder = Finder(merges.current, threshold, distinct)
    found = finder.run()
    compared = found.compared
    while True:
        merges.add_conflicts(found)
        if not found.clusters:
            return merges.report(compared)
        changed = merges.merge(found)
        finder = Finder(
            list(merges.current),
            threshold,
            distinct,
            dead=frozenset(merges.dead),
            previous=finder,
            changed=changed,
        )
        found = finder.run()

"""`find_duplicates`: candidate pairs -> evidence -> clusters (union-find) and conflicts.

Only confident links (no veto, score >= threshold) join clusters, strongest first, and a join
that would put two vetoed or declared-distinct entries in one cluster is refused and reported.
What a person must decide is reported as a conflict and never merged: weak links, shared
identifiers with vetoes, entries flagged ``id-mismatch``, labels reused in one document.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from rapidfuzz.fuzz import ratio

from refs.dedupe.authors import Name, author_names, author_overlap
from refs.dedupe.blocking import candidate_pairs
from refs.dedupe.decisions import Distinct
from refs.dedupe.fingerprint import Fingerprint, fingerprint, strong_identifiers
from refs.dedupe.match import IDENTIFIER, TITLE_FLOOR, TITLE_YEAR, Match, compare
from refs.dedupe.merge import survivor_order
from refs.dedupe.report import Cluster, Conflict, DedupeReport, Link
from refs.dedupe.vetoes import Ids
from refs.model import Entry

#: Default confidence a link needs to merge (``--threshold``).
DEFAULT_THRESHOLD = 0.9
#: Links scoring between this and the threshold are weak: reported, not merged.
WEAK_FLOOR = 0.8
#: Without authors on both sides, only a title this similar (0-100) makes a weak link worth
#: a person's time (truncated titles of broken entries otherwise flood the report).
WEAK_TITLE_ONLY = 95.0
#: Import's flag for an entry whose text and link name different works (refs-flags field).
FLAGS_FIELD = "refs-flags"
ID_MISMATCH = "id-mismatch"

_Edge = tuple[int, int, Match]


class _Finder:
    """One run over a list of entries; a class to share the per-entry caches."""

    def __init__(self, entries: Sequence[Entry], threshold: float, distinct: Distinct) -> None:
        self.entries = entries
        self.threshold = threshold
        self.distinct = distinct
        self.prints: list[Fingerprint] = [fingerprint(e) for e in entries]
        self.names: dict[int, tuple[Name, ...]] = {}
        self.ids: dict[int, Ids] = {}
        self.matches: dict[tuple[int, int], Match] = {}
        self.parent = list(range(len(entries)))
        self.members: dict[int, list[int]] = {}
        self.conflicts: dict[frozenset[int], tuple[set[str], dict[tuple[int, int], Match]]] = {}

    # -- evidence ----------------------------------------------------------------------------

    def authors(self, i: int) -> tuple[Name, ...]:
        if i not in self.names:
            self.names[i] = author_names(self.entries[i])
        return self.names[i]

    def identifiers(self, i: int) -> Ids:
        if i not in self.ids:
            self.ids[i] = strong_identifiers(self.entries[i])
        return self.ids[i]

    def match(self, i: int, j: int, similarity: float | None = None) -> Match:
        pair = (i, j) if i < j else (j, i)
        found = self.matches.get(pair)
        if found is None:
            left, right = self.authors(pair[0]), self.authors(pair[1])
            overlap = author_overlap(left, right)
            found = compare(
                self.prints[pair[0]],
                self.prints[pair[1]],
                self.entries[pair[0]],
                self.entries[pair[1]],
                ids=(self.identifiers(pair[0]), self.identifiers(pair[1])),
                authors=(overlap, bool(left and right)),
                title_similarity=similarity,
            )
            self.matches[pair] = found
        return found

    def edges(self) -> tuple[list[_Edge], int]:
        """Evidence for every candidate pair that could matter, and how many were compared."""
        by_id, others = candidate_pairs(self.prints)
        titles = [fp.title for fp in self.prints]
        years = [fp.year for fp in self.prints]
        near: list[tuple[int, int, float | None]] = [(i, j, None) for i, j in by_id]
        for i, j in others:
            year_i, year_j = years[i], years[j]
            if year_i is not None and year_j is not None and not -1 <= year_i - year_j <= 1:
                continue  # vetoed, and nothing shared that would make it a conflict
            similarity = ratio(titles[i], titles[j], score_cutoff=TITLE_FLOOR)
            if similarity:
                near.append((i, j, similarity))
        found = []
        separates, entries = self.distinct.separates, self.entries
        for i, j, measured in near:
            if not separates(entries[i], entries[j]):
                found.append((i, j, self.match(i, j, measured)))
        return found, len(by_id) + len(others)

    # -- union-find --------------------------------------------------------------------------

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def component(self, i: int) -> list[int]:
        return self.members.get(self.find(i), [i])

    def blocker(self, left: list[int], right: list[int]) -> tuple[int, int] | None:
        """A pair across two components that must not be one work, if any."""
        for x in left:
            for y in right:
                if self.distinct.separates(self.entries[x], self.entries[y]):
                    return x, y
                if self.match(x, y).vetoes:
                    return x, y
        return None

    def join(self, i: int, j: int) -> None:
        root_i, root_j = self.find(i), self.find(j)
        merged = self.component(i) + self.component(j)
        self.members.pop(root_i, None)
        self.members.pop(root_j, None)
        self.parent[root_j] = root_i
        self.members[root_i] = merged

    # -- conflicts ---------------------------------------------------------------------------

    def conflict(self, reason: str, members: list[int], edges: list[tuple[int, int]]) -> None:
        reasons, links = self.conflicts.setdefault(frozenset(members), (set(), {}))
        reasons.add(reason)
        for i, j in edges:
            links[(min(i, j), max(i, j))] = self.match(i, j)

    def flagged(self, i: int) -> bool:
        return ID_MISMATCH in self.entries[i].fields.get(FLAGS_FIELD, "")

    def classify(self, edges: list[_Edge]) -> tuple[list[_Edge], list[_Edge]]:
        """Confident and weak edges; the rest become conflicts or are dropped."""
        confident, weak = [], []
        for i, j, match in edges:
            involved = match.rule == IDENTIFIER or match.score >= WEAK_FLOOR
            if (self.flagged(i) or self.flagged(j)) and involved:
                self.conflict("id-mismatch", [i, j], [(i, j)])
            elif match.vetoes:
                if match.rule == IDENTIFIER:
                    self.conflict("vetoed-identifier", [i, j], [(i, j)])
            elif match.score >= self.threshold:
                confident.append((i, j, match))
            elif match.score >= WEAK_FLOOR and (
                match.rule != TITLE_YEAR or match.similarities["title"] >= WEAK_TITLE_ONLY
            ):
                weak.append((i, j, match))
        return confident, weak

    def cluster(self, confident: list[_Edge]) -> dict[int, list[tuple[int, int]]]:
        """Join confident edges, strongest first; the edges inside each component."""
        inside: list[tuple[int, int]] = []
        for i, j, _ in sorted(confident, key=lambda e: (-e[2].score, e[0], e[1])):
            if self.find(i) == self.find(j):
                inside.append((i, j))
                continue
            left, right = self.component(i), self.component(j)
            blocked = self.blocker(left, right)
            if blocked is not None:
                self.conflict("blocked-merge", left + right, [(i, j), blocked])
                continue
            self.join(i, j)
            inside.append((i, j))
        by_root: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for i, j in inside:
            by_root[self.find(i)].append((i, j))
        return by_root

    def weak_conflicts(self, weak: list[_Edge]) -> None:
        for i, j, _ in weak:
            if self.find(i) != self.find(j):
                self.conflict("weak-link", self.component(i) + self.component(j), [(i, j)])

    def label_conflicts(self) -> None:
        """Entries that carry the same label of the same document but are not one cluster."""
        by_label: dict[tuple[str, str], set[int]] = defaultdict(set)
        for index, entry in enumerate(self.entries):
            for source in entry.sources:
                if source.label is not None:
                    by_label[(source.file, source.label)].add(index)
        for indices in by_label.values():
            roots = {self.find(i): i for i in sorted(indices)}
            if len(roots) < 2:
                continue
            heads = list(roots.values())
            undecided = any(
                not self.distinct.separates(self.entries[x], self.entries[y])
                for n, x in enumerate(heads)
                for y in heads[n + 1 :]
            )
            if undecided:
                edges = [(x, y) for n, x in enumerate(heads) for y in heads[n + 1 :]]
                self.conflict("label-reused", sorted(indices), edges)

    # -- the result --------------------------------------------------------------------------

    def link(self, i: int, j: int) -> Link:
        return Link(self.entries[i].key, self.entries[j].key, self.match(i, j))

    def report(self, compared: int, inside: dict[int, list[tuple[int, int]]]) -> DedupeReport:
        folded_keys: dict[str, int] = defaultdict(int)
        for entry in self.entries:
            folded_keys[entry.key.casefold()] += 1
        clusters = []
        for root, edges in inside.items():
            members = sorted(self.component(root))
            if any(folded_keys[self.entries[i].key.casefold()] > 1 for i in members):
                self.conflict("repeated-key", members, edges)
                continue
            ordered = survivor_order([self.entries[i] for i in members])
            links = tuple(self.link(i, j) for i, j in edges)
            confidence = min(link.match.score for link in links)
            clusters.append(Cluster(tuple(ordered), links, confidence))
        clusters.sort(key=lambda c: c.survivor.key.casefold())
        conflicts = [
            Conflict(
                tuple(sorted(reasons)),
                tuple(self.entries[i] for i in sorted(members)),
                tuple(self.link(i, j) for i, j in sorted(links)),
            )
            for members, (reasons, links) in self.conflicts.items()
        ]
        conflicts.sort(key=lambda c: tuple(e.key.casefold() for e in c.members))
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
    finder = _Finder(entries, threshold, distinct or Distinct())
    edges, compared = finder.edges()
    confident, weak = finder.classify(edges)
    inside = finder.cluster(confident)
    finder.weak_conflicts(weak)
    finder.label_conflicts()
    return finder.report(compared, inside)

"""One round of `find_duplicates`: candidate pairs -> evidence -> clusters (union-find), conflicts.

Only confident links (no veto, score >= threshold) join clusters, strongest first, and a join
that would put two vetoed or declared-distinct entries in one cluster is refused and reported.
What a person must decide is reported as a conflict and never merged: weak links, shared
identifiers with vetoes, entries flagged ``id-mismatch``, labels reused in one document.

A later round (cluster.py) sees the entries as the merges of the rounds before leave them: the
same list with retired members *dead* (invisible) and each merged entry at its survivor's
index, which is where the store will write it. Everything measured on entries that did not
change is taken over from the round before instead of measured again.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz.fuzz import ratio

from refs.dedupe.authors import Name, agree_fully, author_names, author_overlap, is_cut
from refs.dedupe.blocking import BY_ID, OTHER, Blocking, Pair
from refs.dedupe.decisions import Distinct
from refs.dedupe.fingerprint import Fingerprint, fingerprint, strong_identifiers
from refs.dedupe.match import IDENTIFIER, TITLE_FLOOR, TITLE_YEAR, Match, compare
from refs.dedupe.report import Link
from refs.dedupe.vetoes import YEAR_TOLERANCE, Ids
from refs.dedupe.views import member_views
from refs.model import Entry
from refs.parsing.numbering import numbering_runs

#: Links scoring between this and the threshold are weak: reported, not merged.
WEAK_FLOOR = 0.8
#: Without authors on both sides, only a title this similar (0-100) makes a weak link worth
#: a person's time (truncated titles of broken entries otherwise flood the report).
WEAK_TITLE_ONLY = 95.0
#: Import's flag for an entry whose text and link name different works (refs-flags field).
FLAGS_FIELD = "refs-flags"
ID_MISMATCH = "id-mismatch"
#: What blocking sees of a dead entry: nothing, so it pairs with nothing.
_DEAD = Fingerprint("", None, "", frozenset())

_Edge = tuple[int, int, Match]


def _word_prefix(short: str, title: str) -> bool:
    """True when ``short`` is the first words of ``title`` (and shorter)."""
    return len(short) < len(title) and title.startswith(short) and title[len(short)] == " "


@dataclass(frozen=True, slots=True)
class Found:
    """What one round found, by index: clusters (members, the links inside), conflicts
    (reasons, members, links) and how many pairs were compared."""

    clusters: tuple[tuple[tuple[int, ...], tuple[Link, ...]], ...]
    conflicts: tuple[tuple[tuple[str, ...], tuple[int, ...], tuple[Link, ...]], ...]
    compared: int


class Finder:
    """One round over a list of entries; a class to share the per-entry caches.

    ``dead`` indices are entries a merge retired; ``previous`` is the round before, whose
    measurements hold for every index not in ``changed``.
    """

    def __init__(
        self,
        entries: Sequence[Entry],
        threshold: float,
        distinct: Distinct,
        *,
        dead: frozenset[int] = frozenset(),
        previous: Finder | None = None,
        changed: frozenset[int] = frozenset(),
    ) -> None:
        self.entries = entries
        self.threshold = threshold
        self.distinct = distinct
        self.dead = dead
        self.names: dict[int, tuple[Name, ...]] = {}
        self.cuts: dict[int, bool] = {}
        self.ids: dict[int, Ids] = {}
        self.views: dict[int, tuple[Entry, ...]] = {}
        self.matches: dict[Pair, Match] = {}
        self.parent = list(range(len(entries)))
        self.members: dict[int, list[int]] = {}
        self.conflicts: dict[frozenset[int], tuple[set[str], dict[Pair, Match]]] = {}
        self.previous = previous
        self.changed = changed
        if previous is None:
            self.prints = [fingerprint(e) for e in entries]
        else:
            self.prints = list(previous.prints)
            for i in changed:
                self.prints[i] = _DEAD if i in dead else fingerprint(entries[i])
            self.names.update((i, v) for i, v in previous.names.items() if i not in changed)
            self.ids.update((i, v) for i, v in previous.ids.items() if i not in changed)
            self.views.update((i, v) for i, v in previous.views.items() if i not in changed)
            self.matches.update(
                (pair, m)
                for pair, m in previous.matches.items()
                if pair[0] not in changed and pair[1] not in changed
            )
        #: This round's blocks and edges, for the round after.
        self.blocking: Blocking
        self.found: list[_Edge] = []

    # -- evidence ----------------------------------------------------------------------------

    def authors(self, i: int) -> tuple[Name, ...]:
        if i not in self.names:
            self.names[i] = author_names(self.entries[i])
        return self.names[i]

    def cut(self, i: int) -> bool:
        if i not in self.cuts:
            self.cuts[i] = is_cut(self.entries[i])
        return self.cuts[i]

    def identifiers(self, i: int) -> Ids:
        if i not in self.ids:
            self.ids[i] = strong_identifiers(self.entries[i])
        return self.ids[i]

    def member_views(self, i: int) -> tuple[Entry, ...]:
        if i not in self.views:
            self.views[i] = member_views(self.entries[i])
        return self.views[i]

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
                authors=(
                    overlap,
                    bool(left and right),
                    agree_fully(left, right, overlap, (self.cut(pair[0]), self.cut(pair[1]))),
                ),
                title_similarity=similarity,
                members=(self.member_views(pair[0]), self.member_views(pair[1])),
            )
            self.matches[pair] = found
        return found

    def _pairs(self) -> tuple[list[_Edge], list[Pair], list[Pair], int]:
        """The edges taken over from the round before, and the pairs to measure in this one
        (may share an identifier, the others); how many pairs are candidates."""
        previous = self.previous
        if previous is None:
            self.blocking = Blocking(self.prints)
            shares, rest = self.blocking.pairs()
            return [], list(shares), list(rest), len(shares) + len(rest)
        before, changed = previous.blocking, self.changed
        self.blocking, touched = before.update(self.prints, changed)
        after = self.blocking
        taken, measure = [], set()
        for i, j, m in previous.found:
            if i in changed or j in changed:
                continue
            now = after.kind(i, j)
            if now == before.kind(i, j):
                taken.append((i, j, m))
            elif now is not None:
                measure.add((i, j))
        measure.update(
            (i, j)
            for i, j in touched
            if i in changed or j in changed or after.kind(i, j) != before.kind(i, j)
        )
        by_id = [p for p in measure if after.kind(*p) == BY_ID]
        others = [p for p in measure if after.kind(*p) == OTHER]
        return taken, by_id, others, len(measure)

    def edges(self) -> tuple[list[_Edge], int]:
        """Evidence for every candidate pair that could matter, and how many were compared."""
        found, by_id, others, compared = self._pairs()
        titles = [fp.title for fp in self.prints]
        years = [fp.year for fp in self.prints]
        near: list[tuple[int, int, float | None]] = [(i, j, None) for i, j in by_id]
        for i, j in others:
            year_i, year_j = years[i], years[j]
            if year_i is not None and year_j is not None and abs(year_i - year_j) > YEAR_TOLERANCE:
                continue  # vetoed, and nothing shared that would make it a conflict
            similarity = ratio(titles[i], titles[j], score_cutoff=TITLE_FLOOR)
            if similarity:
                near.append((i, j, similarity))
            elif _word_prefix(titles[i], titles[j]) or _word_prefix(titles[j], titles[i]):
                near.append((i, j, None))  # one may be the other's short form
        separates, entries = self.distinct.separates, self.entries
        for i, j, measured in near:
            if not separates(entries[i], entries[j]):
                found.append((i, j, self.match(i, j, measured)))
        self.found, self.previous = found, None
        return found, compared

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
                if len(match.member_vetoes) == len(match.vetoes) and (
                    match.score >= self.threshold
                ):
                    # confident, but a member merged into one of the two is vetoed
                    self.conflict("blocked-merge", [i, j], [(i, j)])
                elif match.rule == IDENTIFIER:
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

    def alive(self) -> list[int]:
        return [i for i in range(len(self.entries)) if i not in self.dead]

    def label_conflicts(self) -> None:
        """Entries that carry the same label of one numbering of a document but are not one
        cluster (a numbering that starts again is another one: `refs.parsing.numbering`)."""
        by_file: dict[str, list[tuple[int, str, int]]] = defaultdict(list)
        for index in self.alive():
            for source in self.entries[index].sources:
                if source.label is not None:
                    by_file[source.file].append((source.line, source.label, index))
        by_label: dict[tuple[str, int, str], set[int]] = defaultdict(set)
        for file, labelled in by_file.items():
            labelled.sort()
            runs = numbering_runs([label for _, label, _ in labelled])
            for run, (_, label, index) in zip(runs, labelled, strict=True):
                by_label[(file, run, label)].add(index)
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

    def run(self) -> Found:
        """Find this round's clusters and conflicts."""
        edges, compared = self.edges()
        confident, weak = self.classify(edges)
        inside = self.cluster(confident)
        self.weak_conflicts(weak)
        self.label_conflicts()
        folded_keys: dict[str, int] = defaultdict(int)
        for index in self.alive():
            folded_keys[self.entries[index].key.casefold()] += 1
        clusters = []
        for root, links in inside.items():
            members = tuple(sorted(self.component(root)))
            if any(folded_keys[self.entries[i].key.casefold()] > 1 for i in members):
                self.conflict("repeated-key", list(members), links)
                continue
            clusters.append((members, tuple(self.link(i, j) for i, j in links)))
        conflicts = [
            (
                tuple(sorted(reasons)),
                tuple(sorted(members)),
                tuple(self.link(i, j) for i, j in sorted(links)),
            )
            for members, (reasons, links) in self.conflicts.items()
        ]
        return Found(tuple(clusters), tuple(conflicts), compared)

"""Reference numbers -> store keys, through the document's own reference list.

The entries numbered 3 in a document are those with a source in that file labelled ``3``. One
such entry: that is the key. Two or more (a number defined twice): the row's own paper link
decides when it points at exactly one of them more strongly than at the others; otherwise the
number stays unresolved. A guess is never made.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from refs.catalog.identity import EXACT_KINDS, Identifier, entry_identity, link_score
from refs.model import Entry


@dataclass(frozen=True, slots=True)
class Resolution:
    """The keys of some labels, and flags for what could not be decided (``ambiguous:3``)."""

    cites: tuple[str, ...]
    flags: tuple[str, ...]


class LabelIndex:
    """Which entries each (document, number) and each (document, line) points at.

    Built in one pass; every question afterwards is a dictionary look-up, so a document whose
    numbers are reused many times costs no rescan per row.
    """

    def __init__(self, entries: Sequence[Entry]) -> None:
        by_label: dict[tuple[str, str], dict[str, None]] = defaultdict(dict)  # ordered sets
        by_line: dict[tuple[str, int], dict[str, None]] = defaultdict(dict)
        self._entries = {entry.key: entry for entry in entries}
        for entry in entries:
            for source in entry.sources:
                by_line[(source.file, source.line)][entry.key] = None
                if source.label is not None:
                    by_label[(source.file, source.label)][entry.key] = None
        self._by_identifier: dict[Identifier, tuple[str, ...]] | None = None  # on first use
        self._by_label = {place: tuple(keys) for place, keys in by_label.items()}
        self._by_line = {place: tuple(keys) for place, keys in by_line.items()}
        self._labelled = {file for file, _ in self._by_label}
        self._ranks: dict[tuple[str, str], dict[str, int]] = {}
        self._scores: dict[tuple[str, str], dict[Identifier, list[tuple[str, int]]]] = {}

    def keys_for(self, file: str, label: str) -> tuple[str, ...]:
        """Every entry the document numbers ``label``, in store order."""
        return self._by_label.get((file, label), ())

    def keys_at(self, file: str, line: int) -> tuple[str, ...]:
        """Every entry read from that line of the document (a paper table's row)."""
        return self._by_line.get((file, line), ())

    def keys_holding(self, file: str, link: frozenset[Identifier]) -> tuple[str, ...]:
        """The entry that holds one of ``link``'s exact identifiers (arXiv, DOI, ACL Anthology,
        OpenReview): the only one, or the only one read from ``file``; else none (a guess is
        never made)."""
        keys = tuple(
            dict.fromkeys(
                key
                for identifier in sorted(link)
                if identifier[0] in EXACT_KINDS
                for key in self._identifiers().get(identifier, ())
            )
        )
        if len(keys) > 1:
            keys = tuple(key for key in keys if self._read_from(key, file))
        return keys if len(keys) == 1 else ()

    def _identifiers(self) -> dict[Identifier, tuple[str, ...]]:
        """Each exact identifier -> the entries holding it, in store order (built once)."""
        if self._by_identifier is None:
            found: dict[Identifier, dict[str, None]] = defaultdict(dict)  # ordered sets
            for key, entry in self._entries.items():
                for identifier in entry_identity(entry).every:
                    if identifier[0] in EXACT_KINDS:
                        found[identifier][key] = None
            self._by_identifier = {name: tuple(keys) for name, keys in found.items()}
        return self._by_identifier

    def _read_from(self, key: str, file: str) -> bool:
        entry = self._entries.get(key)
        return entry is not None and any(source.file == file for source in entry.sources)

    def has_labels(self, file: str) -> bool:
        """True when the document has a numbered reference list."""
        return file in self._labelled

    def entry(self, key: str) -> Entry | None:
        """The entry with this key."""
        return self._entries.get(key)

    def ranks(self, file: str, label: str) -> Mapping[str, int]:
        """The entries the document numbers ``label``, each with its place in store order."""
        place = (file, label)
        if place not in self._ranks:
            self._ranks[place] = {key: n for n, key in enumerate(self.keys_for(file, label))}
        return self._ranks[place]

    def decide(self, file: str, label: str, link: frozenset[Identifier]) -> str | None:
        """The one entry numbered ``label`` that the row's ``link`` points at more strongly
        than at the others (`link_score`), or None."""
        through = self._scores_of(file, label)
        scores: dict[str, int] = {}
        for identifier in link:
            for key, score in through.get(identifier, ()):
                scores[key] = max(scores.get(key, 0), score)
        best = max(scores.values(), default=0)
        winners = [key for key, score in scores.items() if score == best]
        return winners[0] if best > 0 and len(winners) == 1 else None

    def _scores_of(self, file: str, label: str) -> dict[Identifier, list[tuple[str, int]]]:
        """For each identifier of the entries numbered ``label``: the entries it names, with
        the score a row's link gets through it (`link_score`). Built once per number."""
        place = (file, label)
        if place not in self._scores:
            scores: dict[Identifier, list[tuple[str, int]]] = defaultdict(list)
            for key in self.keys_for(file, label):
                entry = self.entry(key)
                if entry is None:
                    continue
                identity = entry_identity(entry)
                for identifier in identity.every:
                    score = link_score(frozenset({identifier}), identity)
                    scores[identifier].append((key, score))
            self._scores[place] = dict(scores)
        return self._scores[place]


def resolve(
    index: LabelIndex, file: str, labels: Sequence[str], link: frozenset[Identifier]
) -> Resolution:
    """Resolve a cell's ``labels``; ``link`` holds the identifiers of the row's paper link."""
    cites: list[str] = []
    flags: list[str] = []
    for label in labels:
        keys = index.keys_for(file, label)
        if not keys:
            flags.append(f"no-entry:{label}")
            continue
        if len(keys) == 1:
            cites.append(keys[0])
            continue
        flags.append(f"ambiguous:{label}")
        chosen = index.decide(file, label, link)
        if chosen is None:
            continue
        flags.append(f"decided-by-link:{label}")
        cites.append(chosen)
    return Resolution(tuple(dict.fromkeys(cites)), tuple(flags))

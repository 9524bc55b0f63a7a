"""Reference numbers -> store keys, through the document's own reference list.

The entries numbered 3 in a document are those with a source in that file labelled ``3``. One
such entry: that is the key. Two or more (a number defined twice): the row's own paper link
decides when it points at exactly one of them more strongly than at the others; otherwise the
number stays unresolved. A guess is never made.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from refs.catalog.identity import Identifier, entry_identity, link_score
from refs.model import Entry


@dataclass(frozen=True, slots=True)
class Resolution:
    """The keys of some labels, and flags for what could not be decided (``ambiguous:3``)."""

    cites: tuple[str, ...]
    flags: tuple[str, ...]


class LabelIndex:
    """Which entries each (document, number) and each (document, line) points at."""

    def __init__(self, entries: Sequence[Entry]) -> None:
        self._by_label: dict[tuple[str, str], list[str]] = defaultdict(list)
        self._by_line: dict[tuple[str, int], list[str]] = defaultdict(list)
        self._entries = {entry.key: entry for entry in entries}
        for entry in entries:
            for source in entry.sources:
                by_line = self._by_line[(source.file, source.line)]
                if entry.key not in by_line:
                    by_line.append(entry.key)
                if source.label is not None:
                    keys = self._by_label[(source.file, source.label)]
                    if entry.key not in keys:
                        keys.append(entry.key)

    def keys_for(self, file: str, label: str) -> tuple[str, ...]:
        """Every entry the document numbers ``label``, in store order."""
        return tuple(self._by_label.get((file, label), ()))

    def keys_at(self, file: str, line: int) -> tuple[str, ...]:
        """Every entry read from that line of the document (a paper table's row)."""
        return tuple(self._by_line.get((file, line), ()))

    def has_labels(self, file: str) -> bool:
        """True when the document has a numbered reference list."""
        return any(doc == file for doc, _ in self._by_label)

    def entry(self, key: str) -> Entry | None:
        """The entry with this key."""
        return self._entries.get(key)


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
        chosen = _decide(index, keys, link)
        if chosen is None:
            continue
        flags.append(f"decided-by-link:{label}")
        cites.append(chosen)
    return Resolution(tuple(dict.fromkeys(cites)), tuple(flags))


def _decide(index: LabelIndex, keys: Sequence[str], link: frozenset[Identifier]) -> str | None:
    scores: dict[str, int] = {}
    for key in keys:
        entry = index.entry(key)
        scores[key] = link_score(link, entry_identity(entry)) if entry else 0
    best = max(scores.values())
    winners = [key for key, score in scores.items() if score == best]
    return winners[0] if best > 0 and len(winners) == 1 else None

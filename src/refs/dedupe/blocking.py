"""Candidate pairs from blocking, never from all pairs: cost grows near-linearly with the store.

Four kinds of blocks, each cheap on 100k entries:

- identifier blocks: entries that share a normalised identifier;
- title blocks: entries whose normalised titles are equal once spaces are removed;
- sorted neighbourhood: entries next to each other when sorted by title, and by the title's
  text reversed (so a change at either end of a title still leaves a neighbour);
- author-year blocks: same first author's family name and year, compared by title nearby.

A block larger than `ALL_PAIRS_LIMIT` is not compared all-pairs: it is sorted and only
neighbours are paired (a title shared by 500 entries is "Introduction", not one work).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from refs.dedupe.fingerprint import Fingerprint

#: Blocks up to this size are compared all-pairs.
ALL_PAIRS_LIMIT = 12
#: How many following entries each entry is paired with in a sorted order.
WINDOW = 3

Pair = tuple[int, int]


def _pairs_in(block: Sequence[int], sort_key: Callable[[int], Any], out: set[Pair]) -> None:
    if len(block) <= ALL_PAIRS_LIMIT:
        ordered = sorted(block)
        out.update((i, j) for n, i in enumerate(ordered) for j in ordered[n + 1 :])
        return
    _window(sorted(block, key=sort_key), out)


def _window(order: Sequence[int], out: set[Pair]) -> None:
    for step in range(1, WINDOW + 1):
        out.update((i, j) if i < j else (j, i) for i, j in zip(order, order[step:], strict=False))


def _blocks(keys: Iterable[tuple[int, str]]) -> list[list[int]]:
    groups: dict[object, list[int]] = defaultdict(list)
    for index, key in keys:
        groups[key].append(index)
    return [group for group in groups.values() if len(group) > 1]


def candidate_pairs(prints: Sequence[Fingerprint]) -> tuple[set[Pair], set[Pair]]:
    """Index pairs ``(i, j)``, ``i < j``, worth comparing: those that may share an
    identifier, and the others."""
    by_id: set[Pair] = set()
    pairs: set[Pair] = set()

    def by_author_year(i: int) -> tuple[str, int]:
        return prints[i].family, prints[i].year or 0

    def by_title(i: int) -> str:
        return prints[i].title

    id_keys = ((i, token) for i, fp in enumerate(prints) for token in fp.tokens)
    for block in _blocks(id_keys):
        _pairs_in(block, by_title, by_id)
    title_keys = ((i, fp.title_key) for i, fp in enumerate(prints) if fp.title)
    for block in _blocks(title_keys):
        _pairs_in(block, by_author_year, pairs)
    titled = [i for i, fp in enumerate(prints) if fp.title]
    _window(sorted(titled, key=by_title), pairs)
    _window(sorted(titled, key=lambda i: prints[i].title[::-1]), pairs)
    family_keys = (
        (i, f"{fp.family}\0{fp.year}") for i, fp in enumerate(prints) if fp.family and fp.title
    )
    for block in _blocks(family_keys):
        _pairs_in(block, by_title, pairs)
    return by_id, pairs - by_id

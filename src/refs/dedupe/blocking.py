"""Candidate pairs from blocking, never from all pairs: cost grows near-linearly with the store.

Four kinds of blocks, each cheap on 100k entries:

- identifier blocks: entries that share a normalised identifier;
- title blocks: entries whose normalised titles are equal once spaces are removed;
- sorted neighbourhood: entries next to each other when sorted by title, and by the title's
  text reversed (so a change at either end of a title still leaves a neighbour);
- author-year blocks: same first author's family name and year, compared by title nearby.

A block larger than `ALL_PAIRS_LIMIT` is not compared all-pairs: it is sorted and only
neighbours are paired (a title shared by 500 entries is "Introduction", not one work).

`Blocking` keeps the blocks, so that after a few entries change (a merge) it can tell which
pairs the change may have made or kind it may have changed (`Blocking.update`), and whether
any one pair is a candidate (`Blocking.kind`), without pairing the whole list again.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from refs.dedupe.fingerprint import Fingerprint

#: Blocks up to this size are compared all-pairs.
ALL_PAIRS_LIMIT = 12
#: How many following entries each entry is paired with in a sorted order.
WINDOW = 3
#: The kinds of candidate pair: may share an identifier, or not.
BY_ID, OTHER = "by-id", "other"

Pair = tuple[int, int]
_Keys = Callable[[Fingerprint], Iterable[str]]


def _identifier_keys(fp: Fingerprint) -> Iterable[str]:
    return fp.tokens


def _title_keys(fp: Fingerprint) -> Iterable[str]:
    return (fp.title_key,) if fp.title else ()


def _family_keys(fp: Fingerprint) -> Iterable[str]:
    return (f"{fp.family}\0{fp.year}",) if fp.family and fp.title else ()


#: Block kinds: their keys, and the order a large block is paired in (index breaks ties).
_KINDS: tuple[tuple[_Keys, Callable[[Fingerprint], Any]], ...] = (
    (_identifier_keys, lambda fp: fp.title),
    (_title_keys, lambda fp: (fp.family, fp.year or 0)),
    (_family_keys, lambda fp: fp.title),
)
#: The sorted-neighbourhood orders.
_ORDERS: tuple[Callable[[Fingerprint], str], ...] = (
    lambda fp: fp.title,
    lambda fp: fp.title[::-1],
)


def _window(order: Sequence[int], out: set[Pair]) -> None:
    for step in range(1, WINDOW + 1):
        out.update((i, j) if i < j else (j, i) for i, j in zip(order, order[step:], strict=False))


class _Blocks:
    """The blocks of one kind: key -> members in index order. Most keys have one member; those
    are kept as bare indices, not as 100k one-item lists for the garbage collector to walk."""

    __slots__ = ("alone", "shared")

    def __init__(self, alone: dict[str, int], shared: dict[str, list[int]]) -> None:
        self.alone = alone
        self.shared = shared

    def add(self, key: str, index: int) -> None:
        """Add ``index``, larger than every member so far, to the block of ``key``."""
        if key in self.shared:
            self.shared[key].append(index)
        elif key in self.alone:
            self.shared[key] = [self.alone.pop(key), index]
        else:
            self.alone[key] = index

    def members(self, key: str) -> list[int]:
        if key in self.alone:
            return [self.alone[key]]
        return self.shared.get(key, [])

    def put(self, key: str, members: list[int]) -> None:
        self.alone.pop(key, None)
        self.shared.pop(key, None)
        if len(members) == 1:
            self.alone[key] = members[0]
        elif members:
            self.shared[key] = members

    def copy(self) -> _Blocks:
        return _Blocks(dict(self.alone), dict(self.shared))


def _groups(prints: Sequence[Fingerprint]) -> tuple[_Blocks, ...]:
    """Every block of each kind (`_KINDS`' keys, inlined: this runs over the whole store)."""
    by_id, by_title, by_family = (_Blocks({}, {}) for _ in _KINDS)
    for index, fp in enumerate(prints):
        for token in fp.tokens:
            by_id.add(token, index)
        if fp.title:
            by_title.add(fp.title_key, index)
            if fp.family:
                by_family.add(f"{fp.family}\0{fp.year}", index)
    return by_id, by_title, by_family


def _keyed(
    sort_key: Callable[[Fingerprint], str], prints: Sequence[Fingerprint]
) -> Callable[[int], str]:
    """The sort key of an index: its fingerprint's."""

    def key(index: int) -> str:
        return sort_key(prints[index])

    return key


def _insert(order: list[int], index: int, sort_key: str, keys: Callable[[int], str]) -> None:
    """Put ``index`` into ``order`` (sorted by ``keys``, then by index) at its place."""
    low = bisect.bisect_left(order, sort_key, key=keys)
    high = bisect.bisect_right(order, sort_key, lo=low, key=keys)
    order.insert(bisect.bisect_left(order, index, lo=low, hi=high), index)


def _ranks(order: Sequence[int], size: int) -> list[int]:
    ranks = [-1] * size
    for rank, index in enumerate(order):
        ranks[index] = rank
    return ranks


class Blocking:
    """The blocks and sorted orders of a list of fingerprints."""

    def __init__(
        self,
        prints: Sequence[Fingerprint],
        groups: tuple[_Blocks, ...] | None = None,
        orders: tuple[list[int], ...] | None = None,
    ) -> None:
        self.prints = prints
        self.groups = groups or _groups(prints)
        if orders is None:
            # a stable sort of indices in order: equal keys stay in index order
            titled = [i for i, fp in enumerate(prints) if fp.title]
            orders = tuple(sorted(titled, key=_keyed(o, prints)) for o in _ORDERS)
        self.orders = orders
        self.ranks = tuple(_ranks(order, len(prints)) for order in orders)
        self._sorted: dict[tuple[int, str], dict[int, int]] = {}

    # -- pairing -----------------------------------------------------------------------------

    def _ordered(self, kind: int, members: list[int]) -> list[int]:
        """A large block's members (in index order) sorted, ties kept in index order."""
        order, prints = _KINDS[kind][1], self.prints
        return sorted(members, key=lambda i: order(prints[i]))

    def _pair_group(self, kind: int, members: list[int], out: set[Pair]) -> None:
        if len(members) <= ALL_PAIRS_LIMIT:
            out.update((i, j) for n, i in enumerate(members) for j in members[n + 1 :])
        else:
            _window(self._ordered(kind, members), out)

    def pairs(self) -> tuple[set[Pair], set[Pair]]:
        """Every candidate pair ``(i, j)``, ``i < j``: those that may share an identifier,
        and the others."""
        by_id: set[Pair] = set()
        pairs: set[Pair] = set()
        for kind, blocks in enumerate(self.groups):
            out = by_id if kind == 0 else pairs
            for members in blocks.shared.values():
                self._pair_group(kind, members, out)
        for order in self.orders:
            _window(order, pairs)
        return by_id, pairs - by_id

    # -- one pair ----------------------------------------------------------------------------

    def _paired_in(self, kind: int, key: str, i: int, j: int) -> bool:
        members = self.groups[kind].shared[key]
        if len(members) <= ALL_PAIRS_LIMIT:
            return True
        ranks = self._sorted.get((kind, key))
        if ranks is None:
            ranks = {m: r for r, m in enumerate(self._ordered(kind, members))}
            self._sorted[(kind, key)] = ranks
        return abs(ranks[i] - ranks[j]) <= WINDOW

    def kind(self, i: int, j: int) -> str | None:
        """`BY_ID` or `OTHER` when ``i`` and ``j`` are a candidate pair, else None."""
        a, b = self.prints[i], self.prints[j]
        if any(self._paired_in(0, token, i, j) for token in a.tokens & b.tokens):
            return BY_ID
        if not (a.title and b.title):
            return None
        if any(abs(ranks[i] - ranks[j]) <= WINDOW for ranks in self.ranks):
            return OTHER
        for kind in (1, 2):
            keys = _KINDS[kind][0]
            if any(self._paired_in(kind, key, i, j) for key in set(keys(a)) & set(keys(b))):
                return OTHER
        return None

    # -- a change ----------------------------------------------------------------------------

    def update(
        self, prints: Sequence[Fingerprint], changed: frozenset[int]
    ) -> tuple[Blocking, set[Pair]]:
        """The blocking of ``prints``, which differ from this blocking's only at ``changed``
        (a dead entry has an empty fingerprint), and the pairs the change touched: among them
        every candidate pair that involves a changed entry, or that is new since ``self``."""
        groups = []
        dirty: list[set[str]] = []
        for kind, (keys, _) in enumerate(_KINDS):
            mine = self.groups[kind].copy()
            arriving: dict[str, list[int]] = defaultdict(list)
            for index in changed:
                for key in keys(prints[index]):
                    arriving[key].append(index)
            leaving = {key for index in changed for key in keys(self.prints[index])}
            dirty.append(leaving | arriving.keys())
            for key in dirty[-1]:
                staying = [m for m in mine.members(key) if m not in changed]
                mine.put(key, sorted(staying + arriving.get(key, [])))
            groups.append(mine)
        orders, near = [], set(changed)
        for order, ranks, sort_key in zip(self.orders, self.ranks, _ORDERS, strict=True):
            # a removal brings together the entries up to WINDOW on either side of it
            for index in changed:
                if (rank := ranks[index]) >= 0:
                    near.update(order[max(0, rank - WINDOW) : rank + WINDOW + 1])
            kept = [i for i in order if i not in changed]
            place = _keyed(sort_key, prints)
            for index in sorted(i for i in changed if prints[i].title):
                _insert(kept, index, place(index), place)
            orders.append(kept)
        after = Blocking(prints, tuple(groups), tuple(orders))
        touched: set[Pair] = set()
        for kind, dirty_keys in enumerate(dirty):
            for key in dirty_keys:
                members = after.groups[kind].shared.get(key, [])
                if members:
                    after._pair_group(kind, members, touched)
        for order, ranks in zip(after.orders, after.ranks, strict=True):
            for index in near:
                if (rank := ranks[index]) >= 0:
                    _window(order[max(0, rank - WINDOW) : rank + WINDOW + 1], touched)
        return after, touched


def candidate_pairs(prints: Sequence[Fingerprint]) -> tuple[set[Pair], set[Pair]]:
    """Index pairs ``(i, j)``, ``i < j``, worth comparing: those that may share an
    identifier, and the others."""
    return Blocking(prints).pairs()

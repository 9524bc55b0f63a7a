"""Blocking after a change is the blocking of the changed list, found without pairing it again."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from refs.dedupe.blocking import ALL_PAIRS_LIMIT, Blocking, candidate_pairs
from refs.dedupe.fingerprint import Fingerprint

#: Few words and names, so that blocks collide and some outgrow ALL_PAIRS_LIMIT.
_TITLES = st.lists(st.sampled_from(["graph", "notes", "on", "a", "b"]), min_size=0, max_size=3)
PRINTS = st.builds(
    Fingerprint,
    title=_TITLES.map(" ".join),
    year=st.sampled_from([None, 2019, 2020]),
    family=st.sampled_from(["", "erdos", "knuth"]),
    tokens=st.frozensets(st.sampled_from(["10.1/a", "10.1/b", "2305.11206"]), max_size=2),
)
DEAD = Fingerprint("", None, "", frozenset())


@st.composite
def changes(draw: st.DrawFn) -> tuple[list[Fingerprint], list[Fingerprint], frozenset[int]]:
    """A list of fingerprints, the same list after some entries died or changed, and which."""
    before = draw(st.lists(PRINTS, min_size=2, max_size=3 * ALL_PAIRS_LIMIT))
    changed = draw(st.sets(st.integers(0, len(before) - 1), max_size=len(before)))
    after = list(before)
    for index in changed:
        after[index] = draw(st.one_of(st.just(DEAD), PRINTS))
    return before, after, frozenset(changed)


def kinds(prints: list[Fingerprint]) -> dict[tuple[int, int], str]:
    by_id, others = candidate_pairs(prints)
    return {**dict.fromkeys(others, "other"), **dict.fromkeys(by_id, "by-id")}


@settings(max_examples=200, deadline=None)
@given(changes())
def test_an_update_is_the_blocking_of_the_changed_list(
    change: tuple[list[Fingerprint], list[Fingerprint], frozenset[int]],
) -> None:
    before, after, changed = change
    old = Blocking(before)
    new, touched = old.update(after, changed)
    expected = kinds(after)
    assert new.pairs() == candidate_pairs(after)
    for i, j in itertools.combinations(range(len(after)), 2):
        assert new.kind(i, j) == expected.get((i, j)), (i, j)
    # every pair that a round must measure again is among the touched ones: those with a
    # changed entry, new ones, and those that now may share an identifier
    for (i, j), kind in expected.items():
        was = old.kind(i, j)
        if i in changed or j in changed or was is None or (was, kind) == ("other", "by-id"):
            assert (i, j) in touched, (i, j)


@settings(max_examples=100, deadline=None)
@given(st.lists(PRINTS, min_size=2, max_size=3 * ALL_PAIRS_LIMIT))
def test_kind_names_exactly_the_candidate_pairs(prints: list[Fingerprint]) -> None:
    blocking, expected = Blocking(prints), kinds(prints)
    for i, j in itertools.combinations(range(len(prints)), 2):
        assert blocking.kind(i, j) == expected.get((i, j))

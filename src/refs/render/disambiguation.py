"""Year-suffix disambiguation (Zhou 2023a / 2023b), decided before the bibliography is rendered.

Two entries need a year suffix when their citations render alike and the style's other
disambiguation methods (more names, given names) cannot tell them apart. Suffixes follow the
bibliography's order, as in citeproc-js.

>>> year_suffixes([("a", "(Li, 2023)", ()), ("b", "(Li, 2023)", ()), ("c", "(Wu, 2023)", ())])
{'a': 'a', 'b': 'b'}
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable


def year_suffixes(cites: Iterable[tuple[str, str, Hashable]]) -> dict[str, str]:
    """``(key, rendered citation, what else tells it apart)`` in bibliography order -> suffixes.

    ``what else tells it apart`` is whatever the style's other methods would add: the full
    author list with ``disambiguate-add-names``, given names with ``-add-givenname``; ``()``
    when it has neither.
    """
    groups: dict[tuple[str, Hashable], list[str]] = {}
    for key, citation, extra in cites:
        groups.setdefault((" ".join(citation.split()), extra), []).append(key)
    suffixes: dict[str, str] = {}
    for keys in groups.values():
        if len(keys) > 1:
            suffixes.update((key, suffix_letters(i)) for i, key in enumerate(keys, 1))
    return suffixes


def suffix_letters(number: int) -> str:
    """1 -> "a", 26 -> "z", 27 -> "aa", 28 -> "ab" (citeproc-js's sequence).

    >>> [suffix_letters(n) for n in (1, 2, 26, 27, 52, 53)]
    ['a', 'b', 'z', 'aa', 'az', 'ba']
    """
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters

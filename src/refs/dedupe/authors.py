"""Do two author lists name the same people? Family names plus initials, in any order.

Tolerant of what differs between copies of one reference: initials for given names, dropped
or added authors (``and others``), family and given names swapped (``Zhou Chunting``).
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz.fuzz import ratio

from refs.dedupe.fingerprint import decode, fold_name, normalise_title
from refs.model import Entry
from refs.parsing.names import looks_like_authors


@dataclass(frozen=True, slots=True)
class Name:
    """One author, folded: family name (with its von part) and the first given name or initial."""

    family: str
    given: str

    def agrees_with(self, other: Name) -> bool:
        """Same family and compatible initials, or the two parts swapped.

        >>> Name("zhou", "chunting").agrees_with(Name("zhou", "c"))
        True
        >>> Name("chunting", "zhou").agrees_with(Name("zhou", "chunting"))
        True

        A family name printed with or without its particle (``De Cao`` and ``Cao, Nicola
        De``), or one letter apart (``Zügner`` copied as ``Zgner``), agrees when the given
        names' initials do:

        >>> Name("decao", "nicola").agrees_with(Name("cao", "n")), Name("zgner", "d").agrees_with(
        ...     Name("zugner", "daniel"))
        (True, True)
        >>> Name("wang", "y").agrees_with(Name("wan", "y")), Name("cheng", "l").agrees_with(
        ...     Name("chen", "l"))
        (False, False)
        """
        initials = not self.given or not other.given or self.given[0] == other.given[0]
        if self.family == other.family:
            return initials
        if (
            bool(self.given and other.given)
            and initials
            and _same_family(self.family, other.family)
        ):
            return True
        return bool(self.given) and self.family == other.given and self.given == other.family


def _same_family(x: str, y: str) -> bool:
    """One family name with and without its particle, or with one letter lost in a copy."""
    short, long = sorted((x, y), key=len)
    if len(short) >= _PARTICLE_FREE and long.endswith(short) and len(long) - len(short) <= 3:
        return True
    return len(short) >= _ONE_LETTER and len(long) - len(short) <= 1 and ratio(x, y) >= 90


#: A family name this long can have lost a particle (``cao`` of ``De Cao``) ...
_PARTICLE_FREE = 3
#: ... or a letter (``zgner`` of ``Zügner``).
_ONE_LETTER = 5


def author_names(entry: Entry) -> tuple[Name, ...]:
    """The entry's authors (or editors when it has none) as folded names; ``others`` dropped."""
    persons = entry.names("author") or entry.names("editor")
    names = []
    for person in persons:
        if person.is_others:
            continue
        if person.is_literal:
            names.append(Name(fold_name(person.last), ""))
            continue
        family = fold_name(f"{person.von} {person.last}")
        given = person.first.split()
        if family:
            names.append(Name(family, fold_name(given[0]) if given else ""))
    return tuple(names)


def author_overlap(left: tuple[Name, ...], right: tuple[Name, ...]) -> float | None:
    """The share of the shorter list found in the longer one; None when a list is empty.

    The shorter list is the measure because copies drop authors ("A, B and others") far more
    often than they invent them.

    >>> author_overlap((Name("zhou", "c"), Name("liu", "p")), (Name("liu", "pengfei"),))
    1.0
    """
    if not left or not right:
        return None
    short, long = (left, right) if len(left) <= len(right) else (right, left)
    unused = list(long)
    matched = 0
    for name in short:
        for index, candidate in enumerate(unused):
            if name.agrees_with(candidate):
                matched += 1
                del unused[index]
                break
    return matched / len(short)


def completes_authors(truncated: Entry, other: Entry) -> bool:
    """``other`` prints in full the author list ``truncated`` cut short: ``truncated`` ends in
    ``others``, ``other`` does not, and its first names are the ones ``truncated`` printed.

    >>> short = Entry("a", "misc", {"author": "Cho, Kyunghyun and others"})
    >>> full = Entry("b", "misc", {"author": "Kyunghyun Cho and Bart van Merrienboer"})
    >>> completes_authors(short, full), completes_authors(full, short)
    (True, False)
    """
    if not is_cut(truncated) or any(p.is_others for p in other.names("author")):
        return False
    known, full = author_names(truncated), author_names(other)
    return len(full) > len(known) and all(
        a.agrees_with(b) for a, b in zip(known, full, strict=False)
    )


def agree_fully(
    left: tuple[Name, ...],
    right: tuple[Name, ...],
    overlap: float | None,
    cut: tuple[bool, bool] = (False, False),
) -> int:
    """How many people both lists name when they name the same people (as many names, each
    found in the other: ``overlap``, their `author_overlap`, is 1), else 0. What a short or
    generic title needs beside it: a follow-up paper that adds an author often reuses its
    predecessor's title as its short one.

    >>> zhou, liu = Name("zhou", "c"), Name("liu", "p")
    >>> agree_fully((zhou, liu), (liu, zhou), 1.0), agree_fully((zhou,), (zhou,), 1.0)
    (2, 1)
    >>> agree_fully((zhou,), (zhou, liu), 1.0)
    0

    A list cut short (``cut``: it ended in ``and others``) whose names the other holds agrees
    with it in full as far as it goes: its names and those "others" stand for, two at least.

    >>> agree_fully((zhou,), (zhou, liu), 1.0, cut=(True, False))
    2
    """
    if overlap != 1:
        return 0
    if len(left) == len(right):
        return len(left)
    shorter, was_cut = (left, cut[0]) if len(left) < len(right) else (right, cut[1])
    return len(shorter) + 1 if was_cut else 0


def is_cut(entry: Entry) -> bool:
    """The entry's author list ends in ``and others`` (``et al.`` as printed)."""
    persons = entry.names("author")
    return bool(persons) and persons[-1].is_others


def misread_authors(entry: Entry) -> list[str]:
    """The entry's author names that do not read as a person's: a braced literal, digits, a
    lone word, words of its own title (a README line whose title was read as its authors).

    >>> misread_authors(Entry("k", "misc", {"title": "Code Llama: Open Foundation Models",
    ...     "author": "Code Llama and Rozière, Baptiste"}))
    ['Code Llama']
    """
    title_words = set(normalise_title(entry.get("title")).split())
    odd = []
    for person in entry.names("author"):
        if person.is_others:
            continue
        written = " ".join(p for p in (person.first, person.von, person.last) if p)
        words = [fold_name(w) for w in written.split()]
        if (
            person.is_literal
            or any(char.isdigit() for char in written)
            or len(words) < 2
            or all(w in title_words for w in words)
            or not looks_like_authors(decode(written))
        ):
            odd.append(decode(written))
    return odd

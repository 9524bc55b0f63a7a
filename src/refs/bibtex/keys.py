"""Citation keys: what the key pattern makes of an entry (`refs.bibtex.keypattern`; by
default ``zhou2023lima`` = first author's family name + year + first significant title word),
and a letter suffix when that collides (``zhou2023limab``).

Keys depend only on the entries, never on the order they arrive in: a batch of new entries is
keyed in a canonical order, and a key, once in the store, is never reassigned.
"""

from __future__ import annotations

import itertools
import re
import string
from collections.abc import Iterable, Iterator, Sequence

from refs.bibtex.keypattern import DEFAULT_PATTERN, KeyPattern, fold
from refs.bibtex.meta import with_key
from refs.model import Entry


def base_key(entry: Entry, *, pattern: KeyPattern = DEFAULT_PATTERN) -> str:
    """The key ``pattern`` gives an entry when nothing else has it.

    >>> lima = Entry("x", "misc", {"author": "Zhou, Chunting and Liu, Pengfei", "year": "2023",
    ...                            "title": "{LIMA}: Less Is More for Alignment"})
    >>> base_key(lima), base_key(lima, pattern=KeyPattern.parse("{authors2}-{title2}"))
    ('zhou2023lima', 'zhouliu-limaless')
    """
    return pattern.key(entry)


def _suffixes() -> Iterator[str]:
    """No suffix first (the first entry keeps the bare key), then b … z, ba … zz, baa …:
    endless, and never starting with ``a`` (so ``…b`` is the second entry, as in BibTeX lore)."""
    yield ""
    for length in itertools.count(1):
        for first in string.ascii_lowercase[1:]:
            for rest in itertools.product(string.ascii_lowercase, repeat=length - 1):
                yield first + "".join(rest)


def _canonical_order(entry: Entry) -> tuple[str, ...]:
    first = entry.sources[0] if entry.sources else None
    # where it was found comes last: only entries equal in every field are told apart by it
    return (
        fold(entry.get("title")),
        fold(entry.get("author")),
        entry.get("year"),
        repr(sorted((k, v) for k, v in entry.fields.items() if not k.startswith("refs-"))),
        "" if first is None else f"{first.file}\0{first.line:09d}",
    )


def assign_keys(
    entries: Sequence[Entry], taken: Iterable[str], *, pattern: KeyPattern = DEFAULT_PATTERN
) -> list[Entry]:
    """``entries`` with fresh keys that collide with nothing in ``taken`` nor each other
    (compared case-insensitively), in the same order as given, marked as generated.

    >>> a = Entry("?", "misc", {"author": "Li, X.", "year": "2023", "title": "Self-Instruct"})
    >>> [e.key for e in assign_keys([a, a], {"li2023self"})]
    ['li2023selfb', 'li2023selfc']
    """
    used = {key.casefold() for key in taken}
    order = sorted(range(len(entries)), key=lambda i: _canonical_order(entries[i]))
    keyed: dict[int, Entry] = {}
    suffixes: dict[str, Iterator[str]] = {}  # per base, where the search left off
    for index in order:
        base = base_key(entries[index], pattern=pattern)
        candidates = suffixes.setdefault(base, _suffixes())
        key = next(base + s for s in candidates if (base + s).casefold() not in used)
        used.add(key.casefold())
        keyed[index] = with_key(entries[index], key, generated=True)
    return [keyed[i] for i in range(len(entries))]


def best_key(
    entry: Entry,
    used: Iterable[str],
    own: Iterable[str] = (),
    *,
    pattern: KeyPattern = DEFAULT_PATTERN,
) -> str:
    """The key the pattern gives ``entry`` now: its base key with the first suffix that no
    key in ``used`` has, unless it is one of ``own`` (the entry's key and retired keys, which
    it may take back). Compared case-insensitively.

    >>> e = Entry("anon2023lima", "misc", {"author": "Zhou, C.", "year": "2023", "title": "LIMA"})
    >>> best_key(e, {"zhou2023lima", "anon2023lima"})
    'zhou2023limab'
    >>> best_key(e, {"zhou2023lima", "anon2023lima"}, own={"zhou2023lima"})
    'zhou2023lima'
    """
    mine = {key.casefold() for key in own}
    taken = {key.casefold() for key in used} - mine
    base = base_key(entry, pattern=pattern)
    return next(base + s for s in _suffixes() if (base + s).casefold() not in taken)


def remake_keys(
    entries: Sequence[Entry], used: Iterable[str], *, pattern: KeyPattern = DEFAULT_PATTERN
) -> dict[str, str]:
    """Old key -> `best_key`, for those of ``entries`` whose key the pattern now makes otherwise.

    ``used`` is every key and retired key of the store. Each entry may take back its own key
    or a key it retired, never another's: a key retired stays with its entry (``\\cite{old}``
    still finds it). Entries are taken in the canonical order, so the result does not depend on
    the store's; a second run finds nothing to do.

    >>> a = Entry("anon2023lima", "misc", {"author": "Zhou, C.", "year": "2023", "title": "LIMA"})
    >>> remake_keys([a], {"anon2023lima"}), remake_keys([a], {"anon2023lima", "zhou2023lima"})
    ({'anon2023lima': 'zhou2023lima'}, {'anon2023lima': 'zhou2023limab'})
    """
    taken = {key.casefold() for key in used}
    renames: dict[str, str] = {}
    for entry in sorted(entries, key=_canonical_order):
        key = best_key(entry, taken, (entry.key, *entry.ids), pattern=pattern)
        taken.add(key.casefold())
        if key != entry.key:
            renames[entry.key] = key
    return renames


#: Characters a key may not hold if LaTeX is to cite it: ``\cite{a#b}`` is "Illegal parameter
#: number", ``%`` comments out the rest of the line, ``\`` starts a command, ``~`` is active,
#: and BibTeX ends a key at a blank, a comma or a brace.
_NOT_CITABLE = re.compile(r"[\s,{}#%\\~\"']")


def uncitable_character(key: str) -> str | None:
    """The first character of ``key`` that ``\\cite`` cannot take, or None.

    >>> uncitable_character("a#b"), uncitable_character("zhou2023lima:v2")
    ('#', None)
    """
    found = _NOT_CITABLE.search(key)
    return None if found is None else found.group()

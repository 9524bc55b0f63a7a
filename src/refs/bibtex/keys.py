"""Citation keys: ``zhou2023lima`` = first author's family name + year + first significant
title word, ASCII-folded; collisions get a letter suffix (``zhou2023limab``).

Keys depend only on the entries, never on the order they arrive in: a batch of new entries is
keyed in a canonical order, and a key, once in the store, is never reassigned.
"""

from __future__ import annotations

import itertools
import re
import string
import unicodedata
from collections.abc import Iterable, Iterator, Sequence

from refs.bibtex.meta import with_key
from refs.latex import to_unicode
from refs.model import Entry, Person

#: Title words that never make a key: articles, prepositions, conjunctions.
STOPWORDS = frozenset(
    "a an the of on in at to for from by with without via and or but is are be as into onto "
    "over under about towards toward through using do does how what when where which who why "
    "can we our your this that these those it its not no".split()
)
_WORD = re.compile(r"[a-z0-9]+")
#: DBLP tells apart people of one name by a four-digit number after it: ``Wei Li 0001``.
_DBLP_HOMONYM = re.compile(r"0\d{3}")


def fold(text: str) -> str:
    """Lower-case ASCII letters and digits only: ``K{\\"o}pf`` -> ``kopf``."""
    decoded = to_unicode(text) if ("\\" in text or "{" in text) else text
    ascii_text = unicodedata.normalize("NFKD", decoded).encode("ascii", "ignore").decode()
    return "".join(_WORD.findall(ascii_text.lower()))


def _words(text: str) -> list[str]:
    """The folded tokens of ``text`` that are not numbers."""
    return [w for token in text.split() if (w := fold(token)) and not w.isdigit()]


def _surname(person: Person) -> str:
    """A person's family name, folded, without the tokens that are numbers: a count or a
    model's version read as an author (``10``, ``3.0``) and a DBLP homonym number
    (``Babak Esmaeili 0001``, whose number BibTeX reads as the last name) are no family names.
    "" when nothing is left. An organisation (``{World Health Organization}``) gives its first
    word."""
    if person.is_literal:
        return next(iter(_words(person.last.strip("{}"))), "")
    words = _words(f"{person.von} {person.last}")
    if not words and _DBLP_HOMONYM.fullmatch(person.last):  # the name before the number
        words = _words(person.first)[-1:]
    return "".join(words)


def _family(entry: Entry) -> str:
    """The first author's (else editor's) family name; ``anon`` only for an entry that names
    nobody."""
    for role in ("author", "editor"):
        for person in entry.names(role):
            if person.is_others:
                continue
            name = _surname(person)
            if name:
                return name
    return "anon"


def _year(entry: Entry) -> str:
    match = re.search(r"\d{4}", entry.get("year") or entry.get("date"))
    return match.group(0) if match else "nd"


def _title_word(entry: Entry) -> str:
    title = entry.get("title")
    if "\\" in title or "{" in title:
        title = to_unicode(title)
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    for word in re.split(r"[\s\-–—/:]+", ascii_title):
        folded = "".join(_WORD.findall(word))
        if folded and folded not in STOPWORDS:
            return folded
    return ""


def base_key(entry: Entry) -> str:
    """The key an entry gets when nothing else has it.

    >>> base_key(Entry("x", "misc", {"author": "Zhou, Chunting", "year": "2023",
    ...                               "title": "{LIMA}: Less Is More for Alignment"}))
    'zhou2023lima'
    """
    return f"{_family(entry)}{_year(entry)}{_title_word(entry)}"


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


def assign_keys(entries: Sequence[Entry], taken: Iterable[str]) -> list[Entry]:
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
        base = base_key(entries[index])
        candidates = suffixes.setdefault(base, _suffixes())
        key = next(base + s for s in candidates if (base + s).casefold() not in used)
        used.add(key.casefold())
        keyed[index] = with_key(entries[index], key, generated=True)
    return [keyed[i] for i in range(len(entries))]


def best_key(entry: Entry, used: Iterable[str], own: Iterable[str] = ()) -> str:
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
    base = base_key(entry)
    return next(base + s for s in _suffixes() if (base + s).casefold() not in taken)


def remake_keys(entries: Sequence[Entry], used: Iterable[str]) -> dict[str, str]:
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
        key = best_key(entry, taken, (entry.key, *entry.ids))
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

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
from dataclasses import replace

from refs.latex import to_unicode
from refs.model import Entry

#: Title words that never make a key: articles, prepositions, conjunctions.
STOPWORDS = frozenset(
    "a an the of on in at to for from by with without via and or but is are be as into onto "
    "over under about towards toward through using do does how what when where which who why "
    "can we our your this that these those it its not no".split()
)
_WORD = re.compile(r"[a-z0-9]+")


def fold(text: str) -> str:
    """Lower-case ASCII letters and digits only: ``K{\\"o}pf`` -> ``kopf``."""
    decoded = to_unicode(text) if ("\\" in text or "{" in text) else text
    ascii_text = unicodedata.normalize("NFKD", decoded).encode("ascii", "ignore").decode()
    return "".join(_WORD.findall(ascii_text.lower()))


def _family(entry: Entry) -> str:
    for role in ("author", "editor"):
        for person in entry.names(role):
            if person.is_others:
                continue
            name = fold(person.last.split()[0] if person.is_literal else person.von + person.last)
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
    (compared case-insensitively), in the same order as given.

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
        keyed[index] = replace(entries[index], key=key)
    return [keyed[i] for i in range(len(entries))]


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

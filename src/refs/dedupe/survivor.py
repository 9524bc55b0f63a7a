"""The key of a merged entry: a key a person gave stays; a key refs made is made again.

A member whose key a person gave (a ``.bib`` file's, ``refs add``'s, ``refs rename``'s) lends
it to the merged entry, the survivor's first. When every member's key is refs's own, the merged
entry, which may now name its authors, is keyed by the pattern again: ``anon2023lima`` and
``zhou2023limab`` become ``zhou2023lima``. Either way every other key goes to ``ids``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from refs.bibtex.keypattern import DEFAULT_PATTERN, KeyPattern
from refs.bibtex.keys import best_key
from refs.bibtex.meta import is_generated_key, with_key
from refs.model import Entry


def keyed_merge(
    members: Sequence[Entry],
    merged: Entry,
    used: Iterable[str],
    *,
    key_pattern: KeyPattern = DEFAULT_PATTERN,
) -> Entry:
    """``merged`` (the merge of ``members``, survivor first) under its best key (the one
    ``key_pattern`` gives, when no member's key was given by a person).

    ``used`` holds the keys and retired keys of the rest of the store: a generated key never
    takes one of them; it may take back any key or retired key of the members.

    >>> a = Entry("anon2023lima", "misc", {"title": "LIMA", "year": "2023",
    ...     "author": "Zhou, Chunting", "refs-key": "generated"})
    >>> b = Entry("lima", "misc", {"title": "LIMA"})
    >>> keyed_merge([a], a, ()).key, keyed_merge([a, b], a, ()).key
    ('zhou2023lima', 'lima')
    """
    own = [key for member in members for key in (member.key, *member.ids)]
    given = next((m.key for m in members if not is_generated_key(m)), None)
    if given is None:
        key, generated = best_key(merged, used, own, pattern=key_pattern), True
    else:
        key, generated = given, False
    retired = tuple(k for k in dict.fromkeys(own) if k.casefold() != key.casefold())
    return with_key(replace(merged, ids=retired), key, generated=generated)

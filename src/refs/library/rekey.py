"""``refs rekey``: which keys the pattern now makes otherwise, for the keys refs made itself.

A key a person gave (``refs-key`` absent, `refs.bibtex.meta`) is never changed, even when asked
for by name: it is reported instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from refs.bibtex.keypattern import DEFAULT_PATTERN, KeyPattern
from refs.bibtex.keys import remake_keys
from refs.bibtex.meta import is_generated_key
from refs.library.lookup import UnknownKey, resolve_key
from refs.model import Entry


@dataclass(frozen=True, slots=True)
class RekeyPlan:
    """Old key -> new key for each entry whose key changes; the asked keys a person gave."""

    renames: dict[str, str]
    given: tuple[str, ...]


def plan_rekey(
    entries: Sequence[Entry],
    keys: Sequence[str] | None,
    store: str,
    *,
    key_pattern: KeyPattern = DEFAULT_PATTERN,
) -> RekeyPlan:
    """The renames `refs rekey` makes with ``key_pattern``: of the entries ``keys`` name (a
    retired key names its entry), or of every entry whose key refs made when ``keys`` is None.

    >>> made = Entry("anon2023lima", "misc", {"author": "Zhou, C.", "year": "2023",
    ...     "title": "LIMA", "refs-key": "generated"})
    >>> given = Entry("mine", "misc", {"author": "Li, X.", "year": "2023", "title": "Self"})
    >>> plan_rekey([made, given], None, "x.bib")
    RekeyPlan(renames={'anon2023lima': 'zhou2023lima'}, given=())
    >>> plan_rekey([made, given], ["mine"], "x.bib").given
    ('mine',)
    """
    if keys is None:
        asked = [entry for entry in entries if is_generated_key(entry)]
        given: list[str] = []
    else:
        asked, given = [], []
        for key in keys:
            entry = resolve_key(entries, key)
            if entry is None:
                raise UnknownKey(key, store)
            if not is_generated_key(entry):
                given.append(entry.key)
            elif all(entry is not other for other in asked):
                asked.append(entry)
    used = [key for entry in entries for key in (entry.key, *entry.ids)]
    renames = remake_keys(asked, used, pattern=key_pattern)
    return RekeyPlan(renames, tuple(dict.fromkeys(given)))

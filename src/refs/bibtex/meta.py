"""The store's own fields: ``sources`` (provenance) and ``ids`` (retired keys), as BibTeX text,
and ``refs-key``, which says where an entry's key came from.

``sources = {sources/002.txt:1069#3; notes.md:12}``: one ``FILE:LINE`` or ``FILE:LINE#LABEL``
per occurrence, separated by ``; ``, written as `refs.model.locations` defines (characters that
would break that syntax or BibTeX's braces percent-encoded), so any path or label round-trips.
"""

from __future__ import annotations

from dataclasses import replace

from refs.model import Entry, SourceLocation, format_locations, parse_locations

#: Field names refs keeps for itself; they never appear in `Entry.fields`.
SOURCES_FIELD = "sources"
IDS_FIELD = "ids"
#: ``refs-key = {generated}`` marks a key refs made from the entry's metadata (`refs.bibtex.keys`),
#: which `refs rekey` and a merge may make again. A key without it was given by a person (a
#: ``.bib`` file's, ``refs add``'s, ``refs rename``'s) and is never changed. Absent is the safe
#: default: a key of unknown origin is kept.
KEY_ORIGIN_FIELD = "refs-key"
GENERATED = "generated"


def format_sources(sources: tuple[SourceLocation, ...]) -> str:
    """Provenance -> the text of the ``sources`` field (`refs.model.format_locations`).

    >>> format_sources((SourceLocation("a b.md", 3, "12"), SourceLocation("x;y.md", 1)))
    'a b.md:3#12; x%3By.md:1'
    """
    return format_locations(sources)


def parse_sources(text: str) -> tuple[tuple[SourceLocation, ...], list[str]]:
    """The ``sources`` field -> provenance, plus the items that could not be read (kept as files).

    >>> [str(s) for s in parse_sources("a b.md:3#12; x%3By.md:1")[0]]
    ['a b.md:3 [12]', 'x;y.md:1']
    """
    return parse_locations(text)


def format_ids(ids: tuple[str, ...]) -> str:
    """Retired keys -> the BibLaTeX ``ids`` field (comma-separated)."""
    return ", ".join(ids)


def parse_ids(text: str) -> tuple[str, ...]:
    """The ``ids`` field -> retired keys."""
    return tuple(part.strip() for part in text.split(",") if part.strip())


def is_generated_key(entry: Entry) -> bool:
    """True when refs made ``entry``'s key (it may make it again), False for a key a person gave.

    >>> is_generated_key(Entry("zhou2023lima", "misc", {KEY_ORIGIN_FIELD: GENERATED}))
    True
    >>> is_generated_key(Entry("lima", "misc"))
    False
    """
    return entry.fields.get(KEY_ORIGIN_FIELD) == GENERATED


def with_key(entry: Entry, key: str, *, generated: bool) -> Entry:
    """``entry`` under ``key``, marked as refs's own key or as a person's.

    >>> with_key(Entry("?", "misc"), "zhou2023lima", generated=True).fields[KEY_ORIGIN_FIELD]
    'generated'
    """
    fields = {k: v for k, v in entry.fields.items() if k != KEY_ORIGIN_FIELD}
    if generated:
        fields[KEY_ORIGIN_FIELD] = GENERATED
    return replace(entry, key=key, fields=fields)

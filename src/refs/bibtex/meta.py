"""The store's own fields: ``sources`` (provenance) and ``ids`` (retired keys), as BibTeX text.

``sources = {sources/002.txt:1069#3; notes.md:12}``: one ``FILE:LINE`` or ``FILE:LINE#LABEL``
per occurrence, separated by ``; ``, written as `refs.model.locations` defines (characters that
would break that syntax or BibTeX's braces percent-encoded), so any path or label round-trips.
"""

from __future__ import annotations

from refs.model import SourceLocation, format_locations, parse_locations

#: Field names refs keeps for itself; they never appear in `Entry.fields`.
SOURCES_FIELD = "sources"
IDS_FIELD = "ids"


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

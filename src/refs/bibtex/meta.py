"""The store's own fields: ``sources`` (provenance) and ``ids`` (retired keys), as BibTeX text.

``sources = {sources/002.txt:1069#3; notes.md:12}``: one ``FILE:LINE`` or ``FILE:LINE#LABEL``
per occurrence, separated by ``; ``. Characters that would break that syntax or BibTeX's braces
are percent-encoded, so any path or label survives a round trip.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from refs.model import SourceLocation

#: Field names refs keeps for itself; they never appear in `Entry.fields`.
SOURCES_FIELD = "sources"
IDS_FIELD = "ids"

#: Characters of a path or label that would break the field's syntax (or BibTeX's braces).
_UNSAFE = frozenset("%;#{}\\\n\r\t")


def _encode(text: str) -> str:
    """Percent-encode only what must be: unicode paths stay readable. Blanks at either end are
    encoded too, since the reader strips each item."""
    start = len(text) - len(text.lstrip())
    end = start + len(text.strip())

    def encoded(index: int, char: str) -> str:
        if char in _UNSAFE or not start <= index < end:
            return "".join(f"%{byte:02X}" for byte in char.encode())
        return char

    return "".join(encoded(i, c) for i, c in enumerate(text))


_ITEM = re.compile(r"^(?P<file>[^#]*):(?P<line>\d+)(?:#(?P<label>.*))?$", re.DOTALL)


def format_sources(sources: tuple[SourceLocation, ...]) -> str:
    """Provenance -> the text of the ``sources`` field.

    >>> format_sources((SourceLocation("a b.md", 3, "12"), SourceLocation("x;y.md", 1)))
    'a b.md:3#12; x%3By.md:1'
    """
    items = []
    for source in sources:
        text = f"{_encode(source.file)}:{source.line}"
        if source.label is not None:
            text += f"#{_encode(source.label)}"
        items.append(text)
    return "; ".join(items)


def parse_sources(text: str) -> tuple[tuple[SourceLocation, ...], list[str]]:
    """The ``sources`` field -> provenance, plus the items that could not be read (kept as files).

    >>> [str(s) for s in parse_sources("a b.md:3#12; x%3By.md:1")[0]]
    ['a b.md:3 [12]', 'x;y.md:1']
    """
    sources: list[SourceLocation] = []
    bad: list[str] = []
    for item in (part.strip() for part in text.split(";")):
        if not item:
            continue
        match = _ITEM.match(item)
        if match is None:
            bad.append(item)
            sources.append(SourceLocation(unquote(item), 0))
            continue
        label = match.group("label")
        sources.append(
            SourceLocation(
                unquote(match.group("file")),
                int(match.group("line")),
                None if label is None else unquote(label),
            )
        )
    return tuple(sources), bad


def format_ids(ids: tuple[str, ...]) -> str:
    """Retired keys -> the BibLaTeX ``ids`` field (comma-separated)."""
    return ", ".join(ids)


def parse_ids(text: str) -> tuple[str, ...]:
    """The ``ids`` field -> retired keys."""
    return tuple(part.strip() for part in text.split(",") if part.strip())

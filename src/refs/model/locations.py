"""How a `SourceLocation` is written as text: ``FILE:LINE`` or ``FILE:LINE#LABEL``, several
joined by ``; ``. The one definition for the store's ``sources`` field and for the occurrence a
``refs-flags`` item names (``no-year@README.md:12``).

A file name or label may hold any character. The ones with a meaning in this syntax (``%``,
``;``, ``#``), braces (BibTeX has no escape for them), the backslash, control characters (line
breaks) and the bytes of a name that is not UTF-8 are percent-encoded, and so are blanks at
either end (readers strip items); everything else stays readable. A ``:`` needs nothing,
since the line number is the last ``:DIGITS`` before the label. Text written before the
encoding existed reads the same, as it held none of these.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from refs.model.entry import SourceLocation

#: Between the locations of a list.
SEPARATOR = "; "
#: Characters that would break the syntax (or BibTeX's braces) and are percent-encoded, as
#: are control characters and the undecodable bytes of a file name (``surrogateescape``).
_UNSAFE = frozenset("%;#{}\\\x7f")
_LOCATION = re.compile(r"(?P<file>[^#]*):(?P<line>\d{1,9})(?:#(?P<label>.*))?", re.DOTALL)


def _is_unsafe(char: str) -> bool:
    return char in _UNSAFE or char < " " or "\udc80" <= char <= "\udcff"


def _encode(text: str) -> str:
    start = len(text) - len(text.lstrip())
    end = start + len(text.strip())

    def encoded(index: int, char: str) -> str:
        if start <= index < end and not _is_unsafe(char):
            return char
        return "".join(f"%{byte:02X}" for byte in char.encode("utf-8", "surrogateescape"))

    return "".join(encoded(i, c) for i, c in enumerate(text))


def _decode(text: str) -> str:
    return unquote(text, "utf-8", "surrogateescape")


def format_location(source: SourceLocation) -> str:
    """One location as text.

    >>> format_location(SourceLocation("we;ird}name#1.md", 3, "12"))
    'we%3Bird%7Dname%231.md:3#12'
    """
    text = f"{_encode(source.file)}:{source.line}"
    return text if source.label is None else f"{text}#{_encode(source.label)}"


def parse_location(text: str) -> SourceLocation | None:
    """Text written by `format_location` -> the location; None when it is not one.

    >>> parse_location("we%3Bird%7Dname%231.md:3#12")
    SourceLocation(file='we;ird}name#1.md', line=3, label='12')
    """
    match = _LOCATION.fullmatch(text.strip())
    if match is None:
        return None
    label = match.group("label")
    return SourceLocation(
        _decode(match.group("file")),
        int(match.group("line")),
        None if label is None else _decode(label),
    )


def format_locations(sources: tuple[SourceLocation, ...]) -> str:
    """Locations as one text (the ``sources`` field).

    >>> format_locations((SourceLocation("a b.md", 3, "12"), SourceLocation("x;y.md", 1)))
    'a b.md:3#12; x%3By.md:1'
    """
    return SEPARATOR.join(format_location(source) for source in sources)


def split_locations(text: str) -> list[str]:
    """The items of a list of locations (or of anything written with them, such as flags),
    stripped, empty ones left out."""
    return [item.strip() for item in text.split(SEPARATOR.strip()) if item.strip()]


def parse_locations(text: str) -> tuple[tuple[SourceLocation, ...], list[str]]:
    """Text written by `format_locations` -> the locations, plus the items that could not be
    read (each kept as a location of line 0, so nothing is lost).

    >>> [str(s) for s in parse_locations("a b.md:3#12; x%3By.md:1")[0]]
    ['a b.md:3 [12]', 'x;y.md:1']
    """
    sources: list[SourceLocation] = []
    bad: list[str] = []
    for item in split_locations(text):
        source = parse_location(item)
        if source is None:
            bad.append(item)
            source = SourceLocation(_decode(item), 0)
        sources.append(source)
    return tuple(sources), bad

"""Import's own fields on an entry: what was flagged, and the raw text of unreadable occurrences.

``refs-flags = {no-year@README.md:12; label-reused@README.md:40}``: each flag names the
occurrence it came from (written as `refs.model.locations` defines, so any file name
round-trips), so re-importing a document can drop exactly that document's flags.
``refs-raw`` keeps the text of an occurrence that could not be read, so nothing is lost.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from refs.model import SourceLocation, format_location, parse_location, split_locations

FLAGS_FIELD = "refs-flags"
RAW_FIELD = "refs-raw"
#: Fields import writes for itself: exports for paper writing leave them out.
INTERNAL_FIELDS = (FLAGS_FIELD, RAW_FIELD)

_BRACES = {"{": "\\textbraceleft{}", "}": "\\textbraceright{}"}


def flag_items(fields: Mapping[str, str]) -> list[str]:
    """The ``refs-flags`` items of an entry: ``flag@file:line``."""
    return split_locations(fields.get(FLAGS_FIELD, ""))


def flag_item(flag: str, source: SourceLocation) -> str:
    """One attributed flag: the flag, ``@``, and the occurrence's file and line.

    >>> flag_item("no-year", SourceLocation("we;ird}name#1.md", 12, "3"))
    'no-year@we%3Bird%7Dname%231.md:12'
    """
    return f"{flag}@{format_location(SourceLocation(source.file, source.line))}"


def parse_flag(item: str) -> tuple[str, SourceLocation | None]:
    """A flag item -> the flag and the occurrence it names (None for an unattributed flag).

    >>> parse_flag("no-year@we%3Bird%7Dname%231.md:12")
    ('no-year', SourceLocation(file='we;ird}name#1.md', line=12, label=None))
    """
    flag, _, where = item.partition("@")  # a flag's name has no "@"; a file name may
    return flag, parse_location(where) if where else None


def flag_file(item: str) -> str:
    """The document a flag item came from ("" when it names none)."""
    source = parse_flag(item)[1]
    return "" if source is None else source.file


def format_flags(items: Iterable[str]) -> str:
    """Flag items as the field value: sorted and unique, so re-imports are idempotent."""
    return "; ".join(sorted(set(items)))


def _control_picture(char: str) -> str:
    """A control character in TeX's own notation: ``^^@`` for NUL, ``^^[`` for ESC, ``^^9b``."""
    code = ord(char)
    return f"^^{chr(code ^ 0x40)}" if code < 0x80 else f"^^{code:02x}"


#: Control characters other than tab and newline -> TeX's ``^^`` notation for them.
_CONTROLS = {
    code: _control_picture(chr(code))
    for code in (*range(0x20), *range(0x7F, 0xA0))
    if chr(code) not in "\t\n"
}


def protect_raw(text: str) -> str:
    """Raw document text as a BibTeX value: braces that do not pair up are spelled as LaTeX
    commands (BibTeX has no escape for a brace), control characters in TeX's ``^^`` notation
    (the store holds no invisible bytes), everything else is kept as it is.

    >>> protect_raw("a}b\\x1b")
    'a\\\\textbraceright{}b^^['
    """
    if not text.isprintable():
        text = text.translate(_CONTROLS)
    depth = 0
    for char in text:
        depth += (char == "{") - (char == "}")
        if depth < 0:
            break
    if depth == 0:
        return text
    return "".join(_BRACES.get(char, char) for char in text)

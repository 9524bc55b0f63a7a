"""The References section of a document: where its numbered entries are, and how they look.

Read from the document model (`refs.document`): a References section is a heading of any
syntax (ATX, setext, ``<h2>``) that names a reference list, outside code. Its entries may be
written as ``[N]``, ``**[N]**`` or ``<a id="refN">`` lines (one paragraph or several),
``- [N]`` list items, or an ``N.`` numbered list. The managed region runs from the section's
first sub-heading or entry to the end of its last entry; text before it (under the heading)
and after it stays as it is. A section whose entries are in a shape sync cannot write back
(a table, an HTML list, a quote, bullets without numbers) is refused with its line, before
anything changes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from refs.document import Block, Document, Fence, Heading, Html, ListItem, Paragraph, Quote, Table
from refs.errors import RefsError
from refs.render.readme import NUMBER, ReadmeLayout

#: A heading that names a reference list (``## References``, ``## 📚 Bibliography``).
_TITLE = re.compile(r"\b(references?|bibliography)\b", re.IGNORECASE)
#: A longer heading is prose that mentions references, not a reference list's title.
_MAX_TITLE = 60
#: A printed number: ``[3]``, ``**[3]**``, ``<a id="ref3">[3]</a>``, ``<a id="r3"></a>[3]``.
_BRACKET = r"(?:<a\s[^>]*>\s*(?:</a>\s*)?)?(?:\*\*|__)?\[\d{1,4}\](?:\*\*|__)?(?:\s*</a>)?"
#: An anchor carrying the number, with no number printed: ``<a id="ref3"></a>``.
_ANCHOR = r"<a\s[^>\d]*+\d[^>]*+>(?:\s*</a>)?"
#: What opens a numbered entry on a line of its own paragraph (not a link ``[3](url)``).
_LINE_MARKER = re.compile(rf"^\s*(?:{_BRACKET}(?![(:\[])|{_ANCHOR})[ \t]*")
#: What opens a numbered list item: ``- [3]``, ``- <a id="ref3">[3]</a>``, ``3.``, ``3)``.
_ITEM_MARKER = re.compile(rf"^\s*(?:[-*+]\s+(?:{_BRACKET}|{_ANCHOR})|\d{{1,4}}[.)])[ \t]*")
_DIGITS = re.compile(r"\d{1,4}")


def is_reference_heading(title: str) -> bool:
    """True for a heading that names a reference list.

    >>> is_reference_heading("📚 References"), is_reference_heading("Referenced models and why")
    (True, False)
    """
    return bool(_TITLE.search(title)) and len(title) <= _MAX_TITLE


class NoReferenceSection(RefsError):
    """The document has no References section with numbered entries to manage."""


class UnwritableReferences(RefsError):
    """The References section holds entries in a shape sync cannot write back."""


@dataclass(frozen=True, slots=True)
class ReferenceRegion:
    """Lines ``start`` to ``end`` (0-based, end exclusive) are the managed region; the other
    fields say how the document writes it."""

    start: int
    end: int
    heading: tuple[str, ...]
    layout: ReadmeLayout
    eol: str


@dataclass(frozen=True, slots=True)
class _Entry:
    """A numbered entry: lines ``line`` to ``end_line`` (1-based), its opening line."""

    line: int
    end_line: int
    opening: str
    label: str


#: Why a block under a References heading cannot be written back.
_SHAPES = {
    Table: "a table",
    Quote: "a block quote",
}


def _line_entries(block: Paragraph | Html) -> Iterator[_Entry]:
    """The ``[N]``/``<a id>`` entries of a paragraph or an HTML block, a line opening each."""
    starts = [
        (block.line + i, line) for i, line in enumerate(block.lines) if _LINE_MARKER.match(line)
    ]
    for n, (line, text) in enumerate(starts):
        end = starts[n + 1][0] - 1 if n + 1 < len(starts) else block.end_line
        yield _Entry(line, end, text, _label(text))


def _label(opening: str) -> str:
    match = _DIGITS.search(opening)
    return match.group(0) if match else ""


def _unwritable(block: Block) -> str | None:
    """What shape ``block`` lists references in, when sync cannot write it back."""
    for kind, shape in _SHAPES.items():
        if isinstance(block, kind):
            return shape
    if isinstance(block, ListItem):
        if block.tag:
            return "an HTML list (<ol>/<ul>)"
        return "list items without numbers"
    if isinstance(block, Html) and any(
        isinstance(inner, ListItem | Table) for inner in _walk(block.blocks)
    ):
        return "HTML (a <table> or a list)"
    return None


def _walk(blocks: tuple[Block, ...]) -> Iterator[Block]:
    stack = list(reversed(blocks))
    while stack:
        block = stack.pop()
        yield block
        if isinstance(block, ListItem | Quote | Html):
            stack.extend(reversed(block.blocks))


@dataclass(frozen=True, slots=True)
class _Found:
    """A References section read: its entries, sub-headings, and a block it cannot write."""

    entries: tuple[_Entry, ...]
    subheadings: tuple[int, ...]
    refused: tuple[tuple[int, str], ...]


def _read_section(document: Document, first: int, last: int) -> _Found:
    """The entries of the References section on lines ``first`` to ``last``."""
    entries: list[_Entry] = []
    subheadings: list[int] = []
    refused: list[tuple[int, str]] = []
    for block in document.blocks:  # top level: an entry's own lists are part of it
        if not first < block.line <= last or isinstance(block, Fence):
            continue
        if isinstance(block, Heading):
            subheadings.append(block.line)
        elif isinstance(block, ListItem) and not block.tag and _ITEM_MARKER.match(block.lines[0]):
            opening = block.lines[0]
            entries.append(_Entry(block.line, block.end_line, opening, _label(opening)))
        elif isinstance(block, Paragraph) or (isinstance(block, Html) and not block.tag):
            found = list(_line_entries(block))
            if found:
                entries.extend(found)
            elif isinstance(block, Html) and (shape := _unwritable(block)):
                refused.append((block.line, shape))
        elif (shape := _unwritable(block)) is not None:
            refused.append((block.line, shape))
    return _Found(tuple(entries), tuple(subheadings), tuple(refused))


def find_region(file: str, document: Document, lines: list[str]) -> ReferenceRegion:
    """The managed region of ``document`` (its text split into ``lines``, endings kept).

    Raises `UnwritableReferences` (``FILE:LINE: …``) when a References section holds entries
    sync cannot write back, `NoReferenceSection` when there is none.
    """
    refused: tuple[int, str, str] | None = None  # line, shape, heading
    headings = list(document.headings())
    for heading in reversed(headings):
        if not is_reference_heading(heading.title):
            continue
        _, last = document.extent(heading.section)
        found = _read_section(document, heading.end_line, last)
        for line, shape in found.refused if found.entries else ():
            if found.entries[0].line < line < found.entries[-1].end_line:
                msg = (
                    f"{file}:{line}: {shape} between the numbered entries of the References "
                    f"section (line {heading.line}) cannot be written back; "
                    "move it out of the section or rewrite it as [N] entries"
                )
                raise UnwritableReferences(msg)
        if not found.entries:
            if found.refused and refused is None:
                refused = (*found.refused[0], heading.title)
            continue
        entries = found.entries
        start = min([*(s for s in found.subheadings if s < entries[0].line), entries[0].line])
        blank = len(entries) > 1 and entries[1].line > entries[0].end_line + 1
        level = min(heading.level + 1, 6)
        layout = ReadmeLayout(_marker(entries[0].opening, entries[0].label), level, blank)
        eol = "\r\n" if lines[heading.line - 1].endswith("\r\n") else "\n"
        path = document.sections[heading.section].path
        return ReferenceRegion(start - 1, entries[-1].end_line, path, layout, eol)
    if refused is not None:
        line, shape, title = refused
        msg = (
            f"{file}:{line}: the {title!r} section lists its entries as {shape}, which refs "
            'sync cannot write back; it writes [N] lines, <a id="refN"> anchors, - [N] '
            "items and N. numbered lists"
        )
        raise UnwritableReferences(msg)
    msg = f"{file}: no References section with numbered entries ([N], <a id=…> or N.) found"
    raise NoReferenceSection(msg)


def _marker(line: str, label: str) -> str:
    """The entry's opening with ``NUMBER`` for its number: ``<a id="ref\\0">[\\0]</a> ``."""
    match = _ITEM_MARKER.match(line) or _LINE_MARKER.match(line)
    opening = match.group(0) if match else f"[{label}] "
    opening = opening.rstrip() + " "
    return re.sub(rf"(?<!\d){re.escape(label)}(?!\d)", NUMBER, opening.lstrip())

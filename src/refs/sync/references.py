"""The References section of a document: where its numbered entries are, and how they look.

The managed region runs from the section's first sub-heading or numbered entry to the end of
its last numbered entry; text before it (under the heading) and after it stays as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from refs.errors import RefsError
from refs.parsing.blocks import BlockKind, outline, split_blocks
from refs.render.readme import NUMBER, ReadmeLayout

#: A heading that names a reference list (``## References``, ``## 📚 Bibliography``).
_TITLE = re.compile(r"\b(references?|bibliography)\b", re.IGNORECASE)
#: What opens a numbered entry, as the document writes it: ``<a id="ref3">[3]</a>``, ``[3]``,
#: ``- [3]``, ``3.``.
_MARKER = re.compile(
    r"^\s*(?:[-*+]\s+)?(?:(?:<a\s[^>]*>\s*(?:</a>\s*)?)?\[\d{1,4}\](?:\s*</a>)?|<a\s[^>\d]*+\d[^>]*+>"
    r"(?:\s*</a>)?|\d{1,4}[.)])[ \t]*"
)


class NoReferenceSection(RefsError):
    """The document has no References section with numbered entries to manage."""


@dataclass(frozen=True, slots=True)
class ReferenceRegion:
    """Lines ``start`` to ``end`` (0-based, end exclusive) are the managed region; the other
    fields say how the document writes it."""

    start: int
    end: int
    heading: tuple[str, ...]
    layout: ReadmeLayout
    eol: str


def _headings(lines: list[str]) -> list[tuple[int, int, str]]:
    """(index, level, text) of every heading outside fenced code."""
    return [
        (index, heading.level, heading.title)
        for index, heading in enumerate(outline(lines))
        if heading is not None
    ]


def find_region(lines: list[str], paths: list[tuple[str, ...]]) -> ReferenceRegion:
    """The managed region of a document split into ``lines`` (endings kept); ``paths`` are
    its heading paths per line (`refs.catalog.sections.heading_paths`)."""
    bare = [line.rstrip("\r\n") for line in lines]
    headings = _headings(bare)
    for position in reversed(range(len(headings))):
        index, level, title = headings[position]
        if not _TITLE.search(title) or len(title) > 60:
            continue
        later = range(position + 1, len(headings))
        end = next((headings[n][0] for n in later if headings[n][1] <= level), len(lines))
        region = _region(bare, index, end, level)
        if region is not None:
            start, stop, layout = region
            eol = "\r\n" if lines[index].endswith("\r\n") else "\n"
            return ReferenceRegion(start, stop, paths[index], layout, eol)
    msg = "no References section with numbered entries ([N] or <a id=…>) found"
    raise NoReferenceSection(msg)


def _region(
    lines: list[str], heading: int, end: int, level: int
) -> tuple[int, int, ReadmeLayout] | None:
    body = lines[heading + 1 : end]
    items = [
        block
        for block in split_blocks("\n".join(body))
        if block.kind is BlockKind.ITEM
        and block.label is not None
        and _MARKER.match(block.lines[0])
    ]
    if not items:
        return None
    first = heading + items[0].line
    subheadings = [i for i, _, _ in _headings(body) if heading + 1 + i < first]
    start = heading + 1 + subheadings[0] if subheadings else first
    last = items[-1]
    stop = heading + last.line + len(last.lines)
    blank = len(items) > 1 and items[1].line > items[0].line + len(items[0].lines)
    marker = _marker(items[0].lines[0], items[0].label or "")
    return start, stop, ReadmeLayout(marker, min(level + 1, 6), blank)


def _marker(line: str, label: str) -> str:
    """The entry's opening with ``NUMBER`` for its number: ``<a id="ref\\0">[\\0]</a> ``."""
    match = _MARKER.match(line)
    opening = match.group(0) if match else f"[{label}] "
    opening = opening.rstrip() + " "
    return re.sub(rf"(?<!\d){re.escape(label)}(?!\d)", NUMBER, opening.lstrip())

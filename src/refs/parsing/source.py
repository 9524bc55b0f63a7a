"""The Markdown of a block as the field steps read it, and the document text it came from.

A Markdown block's text is its source lines (list marker, indentation, quote marks and
hard-break marks taken off); a block from HTML has no Markdown source, so its spans are
written as Markdown (`refs.parsing.inline`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from refs.document import ListItem, Paragraph
from refs.parsing.inline import markdown_of

#: Block-quote marks opening a line: ``> > ``.
_QUOTE = re.compile(r"^\s*(?:>\s?)+")
#: A list marker and the space after it.
_MARKER = re.compile(r"(?:[-*+]|\d{1,9}[.)])[ \t]+")


@dataclass(frozen=True, slots=True)
class Where:
    """How a block sits in the document: inside HTML (no Markdown source) or a quote."""

    html: bool = False
    quoted: bool = False


def _clean(line: str, where: Where) -> str:
    if where.quoted:
        line = _QUOTE.sub("", line)
    line = line.strip()
    # A hard break, ``\`` or two spaces at the end of a line, ends a part of the entry.
    return line[:-1].rstrip() if line.endswith("\\") else line


def paragraph_text(paragraph: Paragraph, where: Where) -> str:
    """The paragraph as Markdown, one line per source line.

    >>> paragraph_text(Paragraph(3, 4, ("**Title** \\\\", "  *A. Lee*"), 0), Where())
    '**Title**\\n*A. Lee*'
    """
    if where.html:
        return markdown_of(paragraph.spans)
    return "\n".join(_clean(line, where) for line in paragraph.lines)


def own_paragraphs(item: ListItem) -> list[Paragraph]:
    """The paragraphs of the item itself, continuation paragraphs included, not of its
    nested items."""
    return [block for block in item.blocks if isinstance(block, Paragraph)]


def item_text(item: ListItem, where: Where) -> str:
    """The item's own paragraphs as Markdown, its list marker taken off.

    >>> from refs.document import parse
    >>> item_text(parse("1. **T.** V.\\n\\n   *A. B.*\\n").blocks[0], Where())
    '**T.** V.\\n*A. B.*'
    """
    parts = []
    for paragraph in own_paragraphs(item):
        text = paragraph_text(paragraph, where)
        if not where.html and paragraph.line == item.line:
            text = _without_marker(text, item.marker, where)
        parts.append(text)
    return "\n".join(part for part in parts if part)


def _without_marker(text: str, marker: str, where: Where) -> str:
    if where.quoted:
        text = _QUOTE.sub("", text)
    stripped = text.lstrip()
    # ``- 1. text``: the outer list's marker comes first on the line of a nested item
    while not stripped.startswith(marker) and (outer := _MARKER.match(stripped)):
        stripped = stripped[outer.end() :]
    if stripped.startswith(marker):
        return stripped[len(marker) :].lstrip()
    return stripped


def item_end(item: ListItem) -> int:
    """The last line of the item's own paragraphs (its first line when it has none)."""
    return max((p.end_line for p in own_paragraphs(item)), default=item.line)


def source_between(lines: tuple[str, ...], first: int, last: int) -> str:
    """Lines ``first`` to ``last`` (1-based, inclusive) of the document, verbatim."""
    return "\n".join(lines[first - 1 : max(first, last)])

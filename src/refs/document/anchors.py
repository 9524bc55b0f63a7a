"""In-page anchors of a document: what ``#fragment`` links may point at, and the links made.

A fragment names a heading by GitHub's slug of its text (`heading_slug`; a repeated slug gets
``-1``, ``-2``…) or an element by its ``id``/``name`` attribute. Code is neither: a heading or
an ``id="…"`` inside a fence defines nothing, and a ``](#x)`` there links nowhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from refs.document.model import Document, Fence, Heading, Paragraph, Span, SpanKind, Table

#: What GitHub drops from a heading's text when it makes its anchor: all but letters, digits,
#: ``_``, ``-`` and spaces.
_NOT_SLUG = re.compile(r"[^\w\- ]")
#: An ``id``/``name`` attribute as written in HTML (block or inline).
_TARGET = re.compile(r"\b(?:id|name)\s*=\s*[\"']?([^\"'\s>]+)", re.IGNORECASE)


def heading_slug(title: str) -> str:
    """The anchor GitHub gives a heading whose text is ``title`` (before de-duplication).

    >>> heading_slug("Models & Data (2023)"), heading_slug("Über  Cool")
    ('models--data-2023', 'über--cool')
    """
    return _NOT_SLUG.sub("", title.strip().lower()).replace(" ", "-")


def heading_anchors(document: Document) -> tuple[str, ...]:
    """Each heading's anchor in order, repeats numbered as GitHub numbers them.

    >>> from refs.document import parse
    >>> heading_anchors(parse("# A\\n\\n## A\\n\\n```\\n# A\\n```\\n"))
    ('a', 'a-1')
    """
    seen: dict[str, int] = {}
    out: list[str] = []
    for heading in document.headings():
        slug = heading_slug(heading.title)
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        out.append(f"{slug}-{count}" if count else slug)
    return tuple(out)


def _code_lines(document: Document) -> set[int]:
    return {
        line
        for block in document.iter_blocks()
        if isinstance(block, Fence)
        for line in range(block.line, block.end_line + 1)
    }


def anchors(document: Document) -> set[str]:
    """Every fragment the document defines: heading anchors and ``id``/``name`` values
    outside code."""
    code = _code_lines(document)
    found = set(heading_anchors(document))
    for number, line in enumerate(document.lines, start=1):
        if number not in code and "=" in line:
            found.update(_TARGET.findall(line))
    return found


@dataclass(frozen=True, slots=True)
class PageLink:
    """A link to ``#fragment`` of the same document, on line ``line``."""

    line: int
    fragment: str


def _link_spans(spans: tuple[Span, ...]) -> Iterator[Span]:
    stack = list(reversed(spans))
    while stack:  # iterative: nesting costs no recursion
        span = stack.pop()
        if span.kind is SpanKind.LINK and span.href.startswith("#"):
            yield span
        stack.extend(reversed(span.children))


def _spans_with_lines(document: Document) -> Iterator[tuple[tuple[Span, ...], int, int]]:
    for block in document.iter_blocks():
        if isinstance(block, Paragraph | Heading):
            yield block.spans, block.line, block.end_line
        elif isinstance(block, Table):
            for row in block.rows:
                for cell in row:
                    yield cell.spans, cell.line, block.end_line


def page_links(document: Document) -> list[PageLink]:
    """Every link to a fragment of the document itself, in order, with the line printing it.

    The line is found by looking for ``#fragment`` from where the block's previous link was
    printed; a fragment not printed as it reads (an entity in the ``href``) takes that line,
    and the block is not searched again, so that finding lines stays linear.
    """
    out: list[PageLink] = []
    lines = document.lines
    for spans, first, last in _spans_with_lines(document):
        line, column, searching = first, 0, True
        for span in _link_spans(spans):
            fragment = span.href[1:]
            if searching:
                found = _find(lines, f"#{fragment}", line, column, last)
                if found is None:
                    searching = False
                else:
                    line, column = found
            out.append(PageLink(line, fragment))
    return out


def _find(
    lines: tuple[str, ...], shown: str, line: int, column: int, last: int
) -> tuple[int, int] | None:
    """(line, column after it) of the next ``shown`` from ``line``/``column`` to ``last``."""
    for number in range(line, min(last, len(lines)) + 1):
        at = lines[number - 1].find(shown, column if number == line else 0)
        if at >= 0:
            return number, at + len(shown)
    return None

"""What a catalog cell says: the name it gives, the reference numbers it cites, its links.

Read from the cell's spans (`refs.document`): ``Natural Instructions [<a href="#ref3">3</a>]``
names *Natural Instructions* and cites 3; ``FLAN-T5 [7]`` names *FLAN-T5* and cites 7;
``[2, 5-6]`` cites 2, 5 and 6; an in-page link ``[3](#ref3)`` cites 3.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from refs.document import Block, Cell, Paragraph, Span, SpanKind, inner_blocks
from refs.parsing.markup import (
    Link,
    badge_text,
    extract_links,
    is_generic_link_text,
    repair_text,
    squash,
)

#: ``[3]``, ``[3, 5]``, ``[5-7]``; not a Markdown link ``[3](url)``.
_NUMBERS = re.compile(r"\[\s*(\d{1,4}(?:\s*[,\u2013-]\s*\d{1,4})*)\s*\](?!\()")
#: The text of an in-page link that is a citation: ``3``, ``[3]``, ``3, 5``.
_CITATION_TEXT = re.compile(r"\[?\s*(\d{1,4}(?:\s*[,\u2013-]\s*\d{1,4})*)\s*\]?")
#: ``[[3]]``: an in-page link printed inside brackets of its own.
_DOUBLE = re.compile(r"\[\s*\[([^\[\]]*)\]\s*\]")
#: Brackets a generic link left empty: ``[[paper](…)]`` prints nothing.
_EMPTY_BRACKETS = re.compile(r"\[\s*\]|\(\s*\)|\{\s*\}")
#: LaTeX that tables borrow from papers: ``\tnotex{id:2}``, ``~\citep{key}``.
_LATEX = re.compile(r"~?\\[A-Za-z]+\*?(?:\{[^{}]*\})*")
#: A range wider than this is not a citation range (``[2019-2023]``).
_MAX_RANGE = 20


@dataclass(frozen=True, slots=True)
class CellText:
    """A cell read: ``name`` (plain text without its citations), ``labels``, ``links``, and
    ``plain``, the whole cell as plain text (citations kept as ``[N]``)."""

    name: str
    labels: tuple[str, ...]
    links: tuple[Link, ...]
    plain: str


def _expand(group: str) -> list[str]:
    labels: list[str] = []
    for part in (part.strip() for part in group.strip().split(",")):
        bounds = [bound.strip() for bound in re.split("[\u2013-]", part)]
        if len(bounds) == 2 and 0 < int(bounds[1]) - int(bounds[0]) <= _MAX_RANGE:
            labels.extend(str(n) for n in range(int(bounds[0]), int(bounds[1]) + 1))
        else:
            labels.extend(str(int(b)) for b in bounds if b)
    return labels


def _cell_spans(cell: Cell) -> Iterator[tuple[Span, ...]]:
    """The cell's inline spans, then those of every paragraph and heading inside its blocks."""
    yield cell.spans
    stack: list[Iterator[Block]] = [iter(cell.blocks)]
    while stack:
        block = next(stack[-1], None)
        if block is None:
            stack.pop()
            continue
        if isinstance(block, Paragraph):
            yield block.spans
        inner = inner_blocks(block)
        if inner:
            stack.append(iter(inner))


def _said(spans: tuple[Span, ...], links: list[Link]) -> str:
    """The text the spans print, with citations as ``[N]``: a titled link leaves its text, a
    generic one (``paper``) nothing, an image its venue badge; links go to ``links``."""
    parts: list[str] = []
    stack: list[Span | str] = list(reversed(spans))
    while stack:  # iterative: nesting costs no recursion
        top = stack.pop()
        if isinstance(top, str):
            parts.append(top)
        elif top.kind is SpanKind.LINK:
            stack.extend(reversed(_link(top, links)))
        elif top.kind is SpanKind.IMAGE:
            said = badge_text(top.src)
            parts.append(f" {said} " if said else " ")
        elif top.kind is SpanKind.BREAK:
            parts.append(" ")
        elif top.children:
            stack.extend(reversed(top.children))
        elif top.kind is SpanKind.TEXT:
            text, found = extract_links(top.text)  # URLs printed bare
            links.extend(found)
            parts.append(text)
        else:
            parts.append(top.text)
    return "".join(parts)


def _link(span: Span, links: list[Link]) -> list[Span | str]:
    """What a link span prints, in place of the span."""
    if span.href.startswith("#"):  # an in-page link: a citation when its text is numbers
        cited = _CITATION_TEXT.fullmatch(span.text.strip())
        return [f"[{cited.group(1)}]"] if cited else list(span.children)
    images = [child for child in span.children if child.kind is SpanKind.IMAGE]
    url = span.href.strip().strip("<>")
    if images:  # a badge: the link is the target, the image may print a venue
        links.append(Link("", url))
        return list(images)
    links.append(Link(span.text.strip(), url))
    return [] if is_generic_link_text(span.text) else list(span.children)


def read_cell(cell: Cell) -> CellText:
    """Read one table cell.

    >>> from refs.document import parse
    >>> read_cell(parse('| Name |\\n|---|\\n| UnifiedQA [[1]](#ref1) |\\n').blocks[0].rows[1][0])
    CellText(name='UnifiedQA', labels=('1',), links=(), plain='UnifiedQA [1]')
    """
    links: list[Link] = []
    said = " ".join(_said(spans, links) for spans in _cell_spans(cell))
    said = _EMPTY_BRACKETS.sub(" ", _DOUBLE.sub(lambda m: f"[{m.group(1)}]", said))
    labels = tuple(dict.fromkeys(n for m in _NUMBERS.finditer(said) for n in _expand(m.group(1))))
    plain = squash(_LATEX.sub(" ", repair_text(said)))
    name = squash(_NUMBERS.sub(" ", plain))
    return CellText(name, labels, tuple(link for link in links if link.url), plain)

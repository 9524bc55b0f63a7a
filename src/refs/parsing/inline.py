"""Inline spans of the document model written back as the Markdown the field steps read.

A table cell or an HTML block has no Markdown source of its own (``<td><b>T</b><br>A</td>``):
its spans are written as the Markdown a README would print for them, so that one set of steps
reads every shape. Text is escaped where the steps would take it for markup: a literal ``*``
stays a star.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from refs.document import Block, ListItem, Paragraph, Span, SpanKind, inner_blocks

#: Characters of text that the steps would read as markup (emphasis, code, HTML, escapes).
_MARKUP = re.compile(r"([\\*_`<])")
_WRAP = {SpanKind.STRONG: "**", SpanKind.EM: "*", SpanKind.STRIKE: "~~"}


def markdown_of(spans: Iterable[Span]) -> str:
    """``spans`` as Markdown: strong ``**``, emphasis ``*``, links, images, ``<u>``, ``<br>``.

    >>> markdown_of((Span(SpanKind.STRONG, "T*"), Span(SpanKind.BREAK, "\\n")))
    '**T\\\\***<br>'
    """
    out: list[str] = []
    # iterative: a span nested 5,000 deep costs no recursion
    stack: list[tuple[Iterator[Span], str]] = [(iter(spans), "")]
    while stack:
        items, closer = stack[-1]
        span = next(items, None)
        if span is None:
            stack.pop()
            out.append(closer)
            continue
        opener, closing = _marks(span)
        if span.kind is SpanKind.TEXT or not span.children:
            out.append(opener + _leaf(span) + closing)
        else:
            out.append(opener)
            stack.append((iter(span.children), closing))
    return "".join(out)


def _marks(span: Span) -> tuple[str, str]:
    if span.kind in _WRAP and span.children:
        return _WRAP[span.kind], _WRAP[span.kind]
    if span.kind is SpanKind.LINK and span.children:
        return "[", f"]({span.href})"
    if span.kind is SpanKind.U and span.children:
        return "<u>", "</u>"
    return "", ""


def _leaf(span: Span) -> str:
    kind = span.kind
    if kind is SpanKind.BREAK:
        return "<br>"
    if kind is SpanKind.CODE:
        return f"`{span.text}`" if "`" not in span.text else escape_text(span.text)
    if kind is SpanKind.IMAGE:
        return f"![{escape_text(span.text)}]({span.src})"
    if kind is SpanKind.LINK:
        return f"[{escape_text(span.text)}]({span.href})" if span.href else escape_text(span.text)
    if kind in _WRAP and span.text.strip():
        return f"{_WRAP[kind]}{escape_text(span.text)}{_WRAP[kind]}"
    return escape_text(span.text)


def escape_text(text: str) -> str:
    """``text`` with the characters the steps read as markup escaped: ``a*b`` -> ``a\\*b``."""
    return _MARKUP.sub(r"\\\1", text) if _MARKUP.search(text) else text


def markdown_of_blocks(blocks: Iterable[Block]) -> str:
    """The paragraphs in ``blocks`` (list items' included) as Markdown, one line each."""
    lines: list[str] = []
    stack = [iter(blocks)]
    while stack:
        block = next(stack[-1], None)
        if block is None:
            stack.pop()
            continue
        if isinstance(block, Paragraph):
            lines.append(markdown_of(block.spans))
        inner = inner_blocks(block) if isinstance(block, ListItem) else ()
        if inner:
            stack.append(iter(inner))
    return "\n".join(line for line in lines if line)

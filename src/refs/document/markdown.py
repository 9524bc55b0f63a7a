"""Parse a Markdown document into the `Document` model with markdown-it-py.

CommonMark with GFM tables and strikethrough, HTML on, linkify off: the block structure is
markdown-it's (continuation paragraphs stay in their list item, a ``## x`` inside a fence is
code, setext headings are headings), and each block's lines are its tokens' ``map``. The walk
over the token stream is one pass with an explicit stack (markdown-it stops nesting at 20
levels), so that a parse is linear in the document's size and never recursive.

An HTML block that leaves a ``<table>``, ``<ul>`` or ``<ol>`` open continues in the next HTML
blocks of the same container until it is closed (browsers read it whole), and the Markdown
blocks between its pieces are placed where the HTML puts them (a Markdown list in a ``<td>``).
A ``<details>`` is not continued that way: the Markdown inside it stays blocks of their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token

from refs.document.html import PARSER_PLACEHOLDER, parse_html, read_tag
from refs.document.model import (
    Block,
    Cell,
    Document,
    Fence,
    Heading,
    Html,
    ListItem,
    Paragraph,
    Quote,
    Span,
    SpanKind,
    Table,
)
from refs.document.outline import Outline, split_lines
from refs.document.spans import SpanBuilder, tag_span

_MARKDOWN = MarkdownIt("commonmark", {"html": True, "linkify": False}).enable(
    ["table", "strikethrough"]
)
_MARKDOWN_SPANS = {
    "strong_open": SpanKind.STRONG,
    "em_open": SpanKind.EM,
    "s_open": SpanKind.STRIKE,
}
#: Elements an HTML block may leave open and close in a later HTML block.
_CONTINUED = re.compile(r"<(/?)(table|ul|ol)\b", re.IGNORECASE)


def spans_of(inline: Token) -> tuple[Span, ...]:
    """The spans of one ``inline`` token: Markdown emphasis, links, images, code, breaks, and
    inline HTML (``<u>``, ``<b>``, ``<a href>``, ``<sub>``, ``<br>``) read as the same spans."""
    builder = SpanBuilder()
    for token in inline.children or ():
        kind = token.type
        if kind == "text":
            builder.text(token.content)
        elif kind == "softbreak":
            builder.text("\n")
        elif kind == "hardbreak":
            builder.leaf(Span(SpanKind.BREAK, "\n"))
        elif kind == "code_inline":
            builder.leaf(Span(SpanKind.CODE, token.content))
        elif kind in _MARKDOWN_SPANS:
            builder.open(_MARKDOWN_SPANS[kind])
        elif kind == "link_open":
            builder.open(SpanKind.LINK, href=_unwrapped(str(token.attrGet("href") or "")))
        elif kind.endswith("_close"):
            builder.close_tag("")  # the innermost Markdown span, and HTML left open in it
        elif kind == "image":
            builder.leaf(Span(SpanKind.IMAGE, token.content, src=str(token.attrGet("src") or "")))
        elif kind == "html_inline":
            _inline_html(builder, token.content)
        else:
            builder.text(token.content)
    return builder.finish()


def _inline_html(builder: SpanBuilder, markup: str) -> None:
    tag = read_tag(markup)
    if tag is None:  # a comment, a declaration
        return
    if tag.closing:
        builder.close_tag(tag.name)
        return
    kind, href, src = tag_span(tag.name, tag.attributes)
    if kind is SpanKind.BREAK:
        builder.leaf(Span(kind, "\n", tag=tag.name, attributes=tag.attributes))
    elif kind is SpanKind.IMAGE:
        alt = dict(tag.attributes).get("alt", "")
        builder.leaf(Span(kind, alt, src=src, tag=tag.name, attributes=tag.attributes))
    elif not tag.is_void:
        builder.open(kind, href, tag.name, tag.attributes)


@dataclass(slots=True)
class _Region:
    """An HTML block whose ``<table>``/``<ul>``/``<ol>`` is still open, and what came since."""

    line: int
    end_line: int
    section: int
    depth: int
    source: list[str]
    open: int
    markdown: dict[str, list[Block]] = field(default_factory=dict)

    def add_piece(self, token: Token) -> None:
        start, end = _map(token)
        # the blank (and Markdown) lines between the pieces, as empty lines: every piece ends
        # its last line, so the HTML parser's lines stay the document's
        self.source.append("\n" * (start - self.end_line - 1))
        self.source.append(_ended(token.content))
        self.end_line = end
        self.open += _balance(token.content)

    def absorb(self, block: Block) -> None:
        key = str(len(self.source))
        if key not in self.markdown:
            self.markdown[key] = []
            self.source.append(f'<{PARSER_PLACEHOLDER} n="{key}"></{PARSER_PLACEHOLDER}>')
        self.markdown[key].append(block)


def _ended(text: str) -> str:
    return text if text.endswith("\n") else text + "\n"


def _balance(html: str) -> int:
    return sum(-1 if m.group(1) else 1 for m in _CONTINUED.finditer(html))


def _map(token: Token) -> tuple[int, int]:
    """(first line, last line), 1-based inclusive, of a block token."""
    start, end = token.map or (0, 1)
    return start + 1, max(end, start + 1)


@dataclass(slots=True)
class _Frame:
    """A container being built: the document, a list item, a quote or a table."""

    kind: str
    token: Token | None
    section: int
    children: list[Block] = field(default_factory=list)
    region: _Region | None = None
    rows: list[tuple[Cell, ...]] = field(default_factory=list)
    row: list[Cell] = field(default_factory=list)
    row_line: int = 0


class _Builder:
    """One walk over one token stream."""

    def __init__(self, outline: Outline) -> None:
        self.outline = outline
        self.stack = [_Frame("document", None, 0)]

    def add(self, block: Block) -> None:
        frame = self.stack[-1]
        if frame.region is not None:
            frame.region.absorb(block)
        else:
            frame.children.append(block)

    def at(self, token: Token, trim: bool = False) -> tuple[int, int, tuple[str, ...], int]:
        line, end = _map(token)
        if trim:  # a list item's or a quote's map runs over the blank lines after it
            lines = self.outline.lines
            while end > line and end <= len(lines) and not lines[end - 1].strip():
                end -= 1
        return self.outline.at(line, end)

    def depth(self) -> int:
        return sum(frame.kind == "item" for frame in self.stack)

    def close_region(self, frame: _Frame) -> None:
        region = frame.region
        if region is None:
            return
        frame.region = None
        # The Markdown blocks between the pieces were built as they came, in the section then
        # in force: a heading inside the HTML before them (rare: an <h2> in a table cell) does
        # not move them into its section.
        markdown = {key: tuple(blocks) for key, blocks in region.markdown.items()}
        source = "".join(region.source)
        blocks = parse_html(source, region.line, self.outline, region.depth, markdown)
        where = self.outline.at(region.line, region.end_line)
        frame.children.append(Html(*where[:3], region.section, blocks=blocks))

    def html_block(self, token: Token) -> None:
        frame = self.stack[-1]
        if frame.region is not None:
            frame.region.add_piece(token)
            if frame.region.open <= 0:
                self.close_region(frame)
            return
        line, end = _map(token)
        if _balance(token.content) > 0:
            section, depth = self.outline.current, self.depth()
            frame.region = _Region(
                line, end, section, depth, [token.content], _balance(token.content)
            )
            return
        where = self.at(token)
        blocks = parse_html(token.content, line, self.outline, self.depth())
        self.add(Html(*where, blocks=blocks))

    def inline(self, opener: Token, inline: Token) -> None:
        frame = self.stack[-1]
        spans = spans_of(inline)
        if opener.type == "paragraph_open":
            self.add(Paragraph(*self.at(opener), spans=spans))
        elif opener.type == "heading_open":
            self.close_region(frame)
            line, end, lines, _ = self.at(opener)
            level = int(opener.tag[1:])
            title = " ".join("".join(span.text for span in spans).split())
            section = self.outline.open_section(level, title, line)
            self.add(Heading(line, end, lines, section, level=level, spans=spans))
        elif opener.type in ("th_open", "td_open"):
            text = " ".join("".join(span.text for span in spans).split())
            header = opener.type == "th_open"
            cell = Cell(text, spans, frame.row_line, len(frame.rows), len(frame.row), header=header)
            frame.row.append(cell)

    def open_frame(self, kind: str, token: Token) -> None:
        self.stack.append(_Frame(kind, token, self.outline.current))

    def close_frame(self) -> None:
        frame = self.stack.pop()
        self.close_region(frame)
        token = frame.token
        assert token is not None  # the document's frame is never closed here
        line, end, lines, _ = self.at(token, trim=True)
        blocks = tuple(frame.children)
        if frame.kind == "item":
            number = int(token.info) if token.info.isdigit() else None
            marker = f"{token.info}{token.markup}" if number is not None else token.markup
            item = ListItem(line, end, lines, frame.section, marker, number, self.depth(), blocks)
            self.add(item)
        elif frame.kind == "quote":
            self.add(Quote(line, end, lines, frame.section, blocks=blocks))
        else:
            table = Table(line, end, lines, frame.section, rows=tuple(frame.rows))
            self.add(table)
            for block in blocks:
                self.add(block)

    def walk(self, tokens: list[Token]) -> tuple[Block, ...]:
        previous: Token | None = None
        for token in tokens:
            kind = token.type
            if kind == "inline" and previous is not None:
                self.inline(previous, token)
            elif kind == "list_item_open":
                self.open_frame("item", token)
            elif kind == "blockquote_open":
                self.open_frame("quote", token)
            elif kind == "table_open":
                self.open_frame("table", token)
            elif kind in ("list_item_close", "blockquote_close", "table_close"):
                self.close_frame()
            elif kind == "tr_open":
                self.stack[-1].row, self.stack[-1].row_line = [], _map(token)[0]
            elif kind == "tr_close":
                self.stack[-1].rows.append(tuple(self.stack[-1].row))
            elif kind in ("fence", "code_block"):
                fenced = kind == "fence"
                info = token.info.split()[0] if fenced and token.info.split() else ""
                where = self.at(token, trim=not fenced)
                self.add(Fence(*where, info=info, content=token.content, fenced=fenced))
            elif kind == "html_block":
                self.html_block(token)
            previous = token
        while len(self.stack) > 1:  # markdown-it closes what it opens; this is a safety net
            self.close_frame()
        self.close_region(self.stack[0])
        return tuple(self.stack[0].children)


def parse(text: str) -> Document:
    """The document ``text`` as sections, blocks and spans.

    >>> doc = parse("# Refs\\n\\n1. **T.** V.\\n\\n   *A. B.*\\n")
    >>> item = doc.blocks[1]
    >>> item.marker, item.line, item.end_line, [b.text for b in item.blocks]
    ('1.', 3, 5, ['T. V.', 'A. B.'])
    """
    outline = Outline(split_lines(text))
    blocks = _Builder(outline).walk(_MARKDOWN.parse(text))
    return Document(text, outline.lines, outline.sections(), blocks)


def _unwrapped(href: str) -> str:
    """A link target printed in parentheses inside its brackets, ``[X](<(https://…)>)``, is
    that URL: the parentheses are the writer's, not the address's."""
    if href.startswith("(") and href.endswith(")") and "://" in href:
        return href[1:-1]
    return href

"""HTML in Markdown, read with lxml's HTML parser and mapped to the document model.

``<table>`` becomes a `Table` (rowspan and colspan honoured), ``<ul>``/``<ol>``/``<li>`` list
items, ``<h1>``..``<h6>`` headings, ``<p>``/``<summary>`` paragraphs, ``<pre>`` code,
``<details>``/``<div>`` containers, inline elements spans. The parser never fetches anything
and expands no entity from outside; a block past `MAX_HTML` characters is kept unread. The
walk is iterative and block nesting past `MAX_BLOCK_DEPTH` is flattened, so that deep HTML
costs neither recursion nor quadratic copies. (libxml2 itself keeps 255 levels of elements:
content nested deeper is dropped by the parser.)
"""

from __future__ import annotations

import html as html_entities
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from lxml import etree  # type: ignore[import-untyped]
from lxml import html as lxml_html

from refs.document.cells import MAX_SPAN, Draft, place_cells
from refs.document.model import (
    Block,
    Fence,
    Heading,
    Html,
    ListItem,
    Paragraph,
    Span,
    SpanKind,
    Table,
    text_of,
)
from refs.document.outline import Outline
from refs.document.spans import VOID_TAGS, SpanBuilder, tag_span

#: An HTML block longer than this (characters) is kept as it is, not parsed.
MAX_HTML = 8 * 1024 * 1024
#: Block elements nested deeper than this give their content to the one at this depth.
MAX_BLOCK_DEPTH = 32
#: The element standing for Markdown blocks between the pieces of one HTML block.
PARSER_PLACEHOLDER = "refs-markdown"

_HEADINGS = {f"h{n}": n for n in range(1, 7)}
#: Elements read as a paragraph when all their content is inline.
_PARAGRAPHS = frozenset("p summary dt dd figcaption caption legend".split())
#: Elements that hold blocks.
_CONTAINERS = frozenset(
    "div details center section article aside header footer nav main figure blockquote dl "
    "form fieldset address hgroup".split()
)
#: Elements whose content joins their parent's.
_TRANSPARENT = frozenset("html head body thead tbody tfoot colgroup".split())
#: Elements whose content is not text.
_SKIPPED = frozenset("script style template title col noscript object iframe".split())
_LISTS = frozenset({"ul", "ol", "menu"})

_PARSER = lxml_html.HTMLParser(
    recover=True,
    no_network=True,
    remove_comments=True,
    remove_pis=True,
    huge_tree=False,
    default_doctype=False,
)
#: Characters lxml refuses in a string: control characters other than tab and line ends.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_SPACES = re.compile(r"\s+")


# ---------------------------------------------------------------- tags in inline Markdown


@dataclass(frozen=True, slots=True)
class Tag:
    """One HTML tag as written inline: its name (lower case), whether it closes, and its
    attributes (names lower case, values with entities decoded)."""

    name: str
    closing: bool
    attributes: tuple[tuple[str, str], ...] = ()

    @property
    def is_void(self) -> bool:
        """True for ``<br>``, ``<img>``…: a tag that opens nothing to close."""
        return self.name in VOID_TAGS


_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)((?:[^<>\"']|\"[^\"]*\"|'[^']*')*)>", re.S)
_ATTRIBUTE = re.compile(r"([^\s\"'>/=]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'=<>`]+)))?")


def read_tag(markup: str) -> Tag | None:
    """The tag ``markup`` is (markdown-it's ``html_inline``), or None for a comment and the like.

    >>> read_tag('<a href="x?a=1&amp;b=2" id=r3>')
    Tag(name='a', closing=False, attributes=(('href', 'x?a=1&b=2'), ('id', 'r3')))
    """
    match = _TAG.fullmatch(markup.strip())
    if match is None:
        return None
    attributes = tuple(
        (m.group(1).lower(), html_entities.unescape(next((g for g in m.groups()[1:] if g), "")))
        for m in _ATTRIBUTE.finditer(match.group(3))
    )
    return Tag(match.group(2).lower(), match.group(1) == "/", attributes)


# ---------------------------------------------------------------- HTML blocks


@dataclass(slots=True)
class _Node:
    """An element being walked that collects blocks (an inline element collects nothing: its
    spans go to the nearest of these)."""

    tag: str
    line: int
    section: int
    attributes: tuple[tuple[str, str], ...]
    children: Iterator[Any]
    element: Any = None
    inline_only: bool = False  # a heading: block elements inside it are read as inline
    blocks: list[Block] = field(default_factory=list)
    spans: SpanBuilder = field(default_factory=SpanBuilder)
    run: tuple[int, int] | None = None  # first and last line of the inline run so far
    rows: list[list[Draft]] = field(default_factory=list)  # a table's
    number: int = 1  # an ordered list's next number
    is_block: bool = True


def _attributes(element: Any) -> tuple[tuple[str, str], ...]:
    return tuple((str(k).lower(), str(v)) for k, v in element.attrib.items())


def _span_count(value: str | None) -> int:
    digits = re.match(r"\s*(\d{1,7})", value or "")
    return min(max(int(digits.group(1)), 1), MAX_SPAN) if digits else 1


class _Walk:
    """One walk over one parsed HTML block, lines offset by the block's first line."""

    def __init__(
        self, outline: Outline, offset: int, depth: int, markdown: Mapping[str, tuple[Block, ...]]
    ) -> None:
        self.outline = outline
        self.offset = offset
        self.last = offset + 1  # the block's last line: set by `run`
        self.base_depth = depth
        self.markdown = markdown
        self.cursor = offset + 1
        self.stack: list[_Node] = []
        self.budget = 0  # set by `run`: the slots rowspans and colspans may copy cells into

    # -- where things are

    def _line_of(self, element: Any) -> int:
        line = element.sourceline
        if isinstance(line, int) and line > 0:
            self.cursor = min(max(self.cursor, self.offset + line), self.last)
        return self.cursor

    def _block_node(self) -> _Node:
        return next(node for node in reversed(self.stack) if node.is_block)

    # -- inline content

    def _text(self, text: str | None) -> None:
        if not text:
            return
        node = self._block_node()
        newlines = text.count("\n")
        if text.strip():
            lead = len(text) - len(text.lstrip())
            trail = len(text) - len(text.rstrip())
            first = self.cursor + text.count("\n", 0, lead)
            last = self.cursor + newlines - text.count("\n", len(text) - trail)
            node.run = (node.run[0] if node.run else first, min(last, self.last))
        self.cursor = min(self.cursor + newlines, self.last)
        if node.run is not None:  # white space before a run's first word prints nothing
            node.spans.text(_SPACES.sub(" ", text))

    def _leaf(self, span: Span, line: int, is_content: bool) -> None:
        node = self._block_node()
        if node.run is None and not is_content:
            return
        node.run = (node.run[0] if node.run else line, line)
        node.spans.leaf(span)

    def _flush(self, node: _Node) -> None:
        """The inline run collected so far becomes a paragraph of ``node``."""
        if node.run is None:
            return
        spans = _trim(node.spans.finish())
        first, last = node.run
        node.run = None
        if spans:
            node.blocks.append(Paragraph(*self.outline.at(first, last), spans=spans))

    # -- the walk

    def run(self, root: Any, size: int, source_lines: int) -> tuple[Block, ...]:
        """The blocks of the tree ``root``, parsed from ``size`` characters on
        ``source_lines`` lines."""
        # one slot per two characters: a cell takes nine at least (``<td></td>``)
        self.budget = size // 2
        self.last = self.offset + max(1, source_lines)
        top = _Node("", self.offset + 1, self.outline.current, (), iter(()))
        self.stack = [top]
        self._enter(root)
        while len(self.stack) > 1:
            node = self.stack[-1]
            child = next(node.children, None)
            if child is None:
                self.stack.pop()
                self._exit(node)
                self._text(node.element.tail)
            elif not isinstance(child.tag, str):  # a comment or entity left in the tree
                self._text(child.tail)
            else:
                self._enter(child)
        self._flush(top)
        return tuple(top.blocks)

    def _enter(self, element: Any) -> None:
        tag = str(element.tag).lower()
        line = self._line_of(element)
        attributes = _attributes(element)
        parent = self._block_node()
        depth = sum(node.is_block for node in self.stack)
        if tag in _SKIPPED:
            self._text(element.tail)
            return
        if tag == PARSER_PLACEHOLDER:
            self._flush(parent)
            parent.blocks.extend(self.markdown.get(element.get("n", ""), ()))
            self._text(element.tail)
            return
        if tag in VOID_TAGS:
            kind, href, src = tag_span(tag, attributes)
            if kind is SpanKind.BREAK:
                self._leaf(Span(kind, "\n", tag=tag), line, is_content=False)
            elif kind is SpanKind.IMAGE:
                alt = dict(attributes).get("alt", "")
                self._leaf(Span(kind, alt, href, src, tag, attributes), line, is_content=True)
            elif tag == "hr":
                self._flush(parent)
            self._text(element.tail)
            return
        if tag == "pre":
            self._flush(parent)
            content = "".join(element.itertext())
            classes = " ".join(
                str(e.get("class", "")) for e in (element, *element.iterchildren("code"))
            )
            info = re.search(r"\b(?:language|lang)-([\w+#.-]+)", classes)
            end = min(self.cursor + content.count("\n"), self.last)
            parent.blocks.append(
                Fence(
                    *self.outline.at(line, end),
                    info=info.group(1) if info else "",
                    content=content,
                    fenced=False,
                    tag="pre",
                )
            )
            self.cursor = end
            self._text(element.tail)
            return
        is_block = not parent.inline_only and (
            tag in _HEADINGS
            or tag in _PARAGRAPHS
            or tag in _CONTAINERS
            or tag in _TRANSPARENT
            or tag in _LISTS
            or tag in {"li", "table", "tr", "td", "th"}
        )
        if is_block and depth > MAX_BLOCK_DEPTH and tag not in {"td", "th", "tr"}:
            tag, is_block = "", True  # too deep: its content joins its parent's
        node = _Node(tag, line, self.outline.current, attributes, element.iterchildren())
        node.element = element
        node.is_block = is_block
        if is_block:
            self._flush(parent)
            node.inline_only = tag in _HEADINGS
            if tag == "ol":
                node.number = _span_count(element.get("start")) if element.get("start") else 1
            if tag == "tr":
                table = next((n for n in reversed(self.stack) if n.tag == "table"), None)
                if table is not None:
                    table.rows.append([])
        else:
            kind, href, _ = tag_span(tag, attributes)
            parent.spans.open(kind, href, tag, attributes)
        self.stack.append(node)
        self._text(element.text)

    def _exit(self, node: _Node) -> None:
        if not node.is_block:
            self._block_node().spans.close()
            return
        parent = self._block_node()
        tag = node.tag
        if tag in _HEADINGS:
            spans = _trim(node.spans.finish())
            node.run = None
            location = self.outline.at(node.line, self.cursor)
            title = " ".join("".join(s.text for s in spans).split())
            section = self.outline.open_section(_HEADINGS[tag], title, node.line)
            heading = Heading(*location[:3], section, level=_HEADINGS[tag], spans=spans, tag=tag)
            parent.blocks.append(heading)
            return
        self._flush(node)
        location = (*self.outline.at(node.line, self.cursor)[:3], node.section)
        if tag in {"td", "th"}:
            self._cell(node, location[0])
        elif tag == "tr":
            parent.blocks.extend(node.blocks)  # content outside any cell
        elif tag == "table":
            # an empty <tr> is still a row: a rowspan from the row above counts it
            rows, clipped = place_cells(_without_trailing_empty(node.rows), self.budget)
            parent.blocks.append(Table(*location, rows=rows, tag="table", clipped=clipped))
            parent.blocks.extend(node.blocks)  # content outside any cell
        elif tag == "li":
            parent.blocks.append(self._item(node, location, parent))
        elif tag in _PARAGRAPHS and len(node.blocks) <= 1:
            if node.blocks and isinstance(node.blocks[0], Paragraph):
                parent.blocks.append(replace(node.blocks[0], tag=tag))
            elif node.blocks:
                parent.blocks.append(Html(*location, tag=tag, blocks=tuple(node.blocks)))
        elif tag in _PARAGRAPHS or tag in _CONTAINERS:
            if node.blocks:
                parent.blocks.append(
                    Html(*location, tag=tag, attributes=node.attributes, blocks=tuple(node.blocks))
                )
        else:  # a list, a transparent element, one too deep
            parent.blocks.extend(node.blocks)

    def _item(
        self, node: _Node, location: tuple[int, int, tuple[str, ...], int], parent: _Node
    ) -> ListItem:
        # as a browser indents it: a list directly in a list (``<ul><ul><li>``) nests too
        depth = self.base_depth + max(0, sum(n.tag in _LISTS for n in self.stack) - 1)
        if parent.tag == "ol":
            if node.element.get("value"):
                parent.number = _span_count(node.element.get("value"))
            number: int | None = parent.number
            parent.number += 1
            marker = f"{number}."
        else:
            number, marker = None, "-"
        return ListItem(
            *location,
            marker=marker,
            number=number,
            depth=depth,
            blocks=tuple(node.blocks),
            tag="li",
        )

    def _cell(self, node: _Node, line: int) -> None:
        table = next((n for n in reversed(self.stack) if n.tag == "table"), None)
        if table is None:  # a cell outside any table: its content stays
            self._block_node().blocks.extend(node.blocks)
            return
        if not table.rows:  # a cell before any row: HTML gives it a row
            table.rows.append([])
        blocks = tuple(node.blocks)
        spans: tuple[Span, ...] = ()
        if len(blocks) == 1 and isinstance(blocks[0], Paragraph) and not blocks[0].tag:
            spans, blocks = blocks[0].spans, ()  # a cell of inline content only
        text = " ".join(
            part
            for part in (" ".join(s.text for s in spans), *(text_of(b) for b in blocks))
            if part
        )
        values = dict(node.attributes)
        table.rows[-1].append(
            Draft(
                " ".join(text.split()),
                spans,
                line,
                _span_count(values.get("rowspan")),
                _span_count(values.get("colspan")),
                node.tag == "th",
                blocks,
            )
        )


def _trim(spans: tuple[Span, ...]) -> tuple[Span, ...]:
    """Drop the white space HTML does not print at a run's ends (breaks included)."""
    out = list(spans)
    while out and out[-1].kind in (SpanKind.TEXT, SpanKind.BREAK) and not out[-1].text.strip():
        out.pop()
    while out and out[0].kind in (SpanKind.TEXT, SpanKind.BREAK) and not out[0].text.strip():
        out.pop(0)
    if out and out[0].kind is SpanKind.TEXT and not out[0].tag:
        out[0] = Span(SpanKind.TEXT, out[0].text.lstrip())
    if out and out[-1].kind is SpanKind.TEXT and not out[-1].tag:
        out[-1] = Span(SpanKind.TEXT, out[-1].text.rstrip())
    return tuple(out)


def parse_html(
    source: str,
    first_line: int,
    outline: Outline,
    depth: int = 0,
    markdown: Mapping[str, tuple[Block, ...]] | None = None,
) -> tuple[Block, ...]:
    """The blocks of the HTML ``source``, which starts at line ``first_line`` of the document.

    ``depth`` is the number of list items around it; ``markdown`` the Markdown blocks that
    ``<refs-markdown n="…">`` elements in ``source`` stand for. Malformed HTML never raises:
    what the parser cannot read gives no blocks (the HTML block keeps its lines).
    """
    markdown = markdown or {}
    if len(source) > MAX_HTML or not source.strip():
        return tuple(b for blocks in markdown.values() for b in blocks)
    try:
        root = lxml_html.document_fromstring(_UNSAFE.sub("\ufffd", source), parser=_PARSER)
    except (etree.LxmlError, ValueError):
        root = None
    if root is None:
        return tuple(b for blocks in markdown.values() for b in blocks)
    return _Walk(outline, first_line - 1, depth, markdown).run(
        root, len(source), len(source.rstrip("\n").split("\n"))
    )


def _without_trailing_empty(rows: list[list[Draft]]) -> list[list[Draft]]:
    """The rows of a table up to its last non-empty one."""
    end = len(rows)
    while end and not rows[end - 1]:
        end -= 1
    return rows[:end]

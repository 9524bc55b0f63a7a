"""The document model: sections, blocks and inline spans of one Markdown/HTML document.

One parse (`refs.document.parse`) gives every reader of a README the same tree: list items
with all their paragraphs, tables with their cells, headings of any syntax, and inline spans
that say which text is bold, linked or emphasised. Every block keeps where it came from
(``line`` to ``end_line``, 1-based, inclusive) and its source lines verbatim, so that a reader
can point back into the document.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum


class SpanKind(StrEnum):
    """What an inline span is, whichever syntax wrote it (``**b**`` and ``<b>`` are strong)."""

    TEXT = "text"
    STRONG = "strong"
    EM = "em"
    U = "u"  # <u>: READMEs underline a work's short name
    STRIKE = "strike"
    CODE = "code"
    LINK = "link"
    IMAGE = "image"
    BREAK = "break"  # a hard line break: ``\`` or two spaces at a line's end, ``<br>``
    HTML = "html"  # any other inline HTML element (``<sub>``, ``<span>``, ``<a id>``): see ``tag``


@dataclass(frozen=True, slots=True)
class Span:
    """An inline run: ``text`` is its plain text with its children flattened (an image's is
    its alt text, a break's is ``"\\n"``).

    ``href`` is a link's target and ``src`` an image's; ``tag`` the HTML element the span was
    written as (``"b"``, ``"sub"``; empty for Markdown syntax) and ``attributes`` that
    element's attributes, entities decoded, in the order written.
    """

    kind: SpanKind
    text: str = ""
    href: str = ""
    src: str = ""
    tag: str = ""
    attributes: tuple[tuple[str, str], ...] = ()
    children: tuple[Span, ...] = ()

    def attribute(self, name: str) -> str | None:
        """The value of the HTML attribute ``name`` (lower case), or None."""
        return next((value for key, value in self.attributes if key == name), None)


def plain_text(spans: tuple[Span, ...]) -> str:
    """The plain text of ``spans``, joined as printed.

    >>> plain_text((Span(SpanKind.STRONG, "Title."), Span(SpanKind.TEXT, " Venue.")))
    'Title. Venue.'
    """
    return "".join(span.text for span in spans)


def _squash(text: str) -> str:
    return " ".join(text.split())


@dataclass(frozen=True, slots=True)
class Located:
    """Where a block is: lines ``line`` to ``end_line`` (1-based, inclusive), the document's
    ``lines`` there verbatim, and the index of its `Section` in `Document.sections` (the one in
    force at ``line``).

    Blocks from an HTML block take their lines from the HTML parser: an element starts at its
    opening tag's line and ends at the last line of text or child element inside it.
    """

    line: int
    end_line: int
    lines: tuple[str, ...]
    section: int


@dataclass(frozen=True, slots=True)
class Paragraph(Located):
    """A paragraph: Markdown, an HTML ``<p>``/``<summary>``, or a run of inline content in an HTML
    container (``tag`` says which element, empty for Markdown and for such a run)."""

    spans: tuple[Span, ...] = ()
    tag: str = ""

    @property
    def text(self) -> str:
        """The paragraph's plain text, breaks as newlines."""
        return plain_text(self.spans)


@dataclass(frozen=True, slots=True)
class Heading(Located):
    """A heading of level 1 to 6: ATX (``## T``), setext (``T`` over ``===``), or ``<h2>``.

    Each heading opens the section `Document.sections[section]`.
    """

    level: int = 1
    spans: tuple[Span, ...] = ()
    tag: str = ""

    @property
    def title(self) -> str:
        """The heading's plain text, white space collapsed."""
        return _squash(plain_text(self.spans))


@dataclass(frozen=True, slots=True)
class ListItem(Located):
    """One list item with everything in it: ``blocks`` are all its paragraphs (continuation
    paragraphs after a blank line included), its nested lists' items, fences and tables.

    ``marker`` is what opened it (``-``, ``*``, ``3.``, ``3)``; ``-``/``1.`` for an HTML
    ``<li>``), ``number`` its number when ordered, ``depth`` how many list items enclose it
    (0 for a top-level list).
    """

    marker: str = "-"
    number: int | None = None
    depth: int = 0
    blocks: tuple[Block, ...] = ()
    tag: str = ""

    @property
    def text(self) -> str:
        """The plain text of its paragraphs (not of nested items), one per line."""
        return "\n".join(b.text for b in self.blocks if isinstance(b, Paragraph))


@dataclass(frozen=True, slots=True, eq=False)
class Cell:
    """A table cell: its plain text and spans, its line, and where it sits in the grid.

    ``row`` is the index of its row in `Table.rows`; ``column`` the first grid column it covers
    once the rowspans of the rows above are honoured; it covers ``rowspan`` rows and ``colspan``
    columns from there. ``blocks`` are block content inside an HTML cell (``<ul>``, ``<p>``,
    Markdown between blank lines); ``spans`` its inline content outside those blocks.
    Cells are told apart by identity: the same cell covers every slot of its span.
    """

    text: str
    spans: tuple[Span, ...]
    line: int
    row: int
    column: int
    rowspan: int = 1
    colspan: int = 1
    header: bool = False
    blocks: tuple[Block, ...] = ()


@dataclass(frozen=True, slots=True)
class Table(Located):
    """A GFM pipe table or an HTML ``<table>`` (``tag`` ``"table"``): rows of cells as printed.

    ``clipped`` is True when a span was cut down to keep the grid within the table's size
    (a ``rowspan="100000"``): the cell is kept, covering fewer slots.
    """

    rows: tuple[tuple[Cell, ...], ...] = ()
    tag: str = ""
    clipped: bool = False

    def grid(self) -> tuple[dict[int, Cell], ...]:
        """For each row, the cell covering each column (rowspan and colspan copied)."""
        slots: list[dict[int, Cell]] = [{} for _ in self.rows]
        for row in self.rows:
            for cell in row:
                for r in range(cell.row, min(cell.row + cell.rowspan, len(slots))):
                    for c in range(cell.column, cell.column + cell.colspan):
                        slots[r][c] = cell
        return tuple(dict(sorted(row.items())) for row in slots)


@dataclass(frozen=True, slots=True)
class Fence(Located):
    """Code: a fence (``info`` is its language, ``bibtex``), an indented code block
    (``fenced`` False) or an HTML ``<pre>``; ``content`` is the code without its fence."""

    info: str = ""
    content: str = ""
    fenced: bool = True
    tag: str = ""


@dataclass(frozen=True, slots=True)
class Quote(Located):
    """A block quote (``>``) and the blocks inside it."""

    blocks: tuple[Block, ...] = ()


@dataclass(frozen=True, slots=True)
class Html(Located):
    """HTML: a Markdown HTML block (``tag`` empty; its lines exact) or a container element in
    one (``<details>``, ``<div>``), with the blocks its content maps to.

    An HTML block that opens a ``<table>``/``<ul>``/``<ol>`` and closes it after blank lines is
    one block, and Markdown between its pieces sits where the HTML puts it (in a cell, an item).
    """

    tag: str = ""
    attributes: tuple[tuple[str, str], ...] = ()
    blocks: tuple[Block, ...] = ()


#: Every kind of block.
Block = Paragraph | Heading | ListItem | Table | Fence | Quote | Html


def inner_blocks(block: Block) -> tuple[Block, ...]:
    """The blocks directly inside ``block``, cells' blocks included, in order."""
    if isinstance(block, ListItem | Quote | Html):
        return block.blocks
    if isinstance(block, Table):
        return tuple(b for row in block.rows for cell in row for b in cell.blocks)
    return ()


def text_of(block: Block) -> str:
    """The plain text of ``block`` and of every block inside it, a line for each.

    >>> text_of(Paragraph(1, 1, ("**A.** B",), 0, spans=(Span(SpanKind.STRONG, "A."),)))
    'A.'
    """
    parts: list[str] = []
    stack: list[Iterator[Block]] = [iter((block,))]
    while stack:  # iterative: a deep tree costs no recursion
        current = next(stack[-1], None)
        if current is None:
            stack.pop()
            continue
        if isinstance(current, Paragraph):
            parts.append(current.text)
        elif isinstance(current, Heading):
            parts.append(current.title)
        elif isinstance(current, Fence):
            parts.append(current.content)
        elif isinstance(current, Table):
            parts.extend(plain_text(cell.spans) for row in current.rows for cell in row)
        inner = inner_blocks(current)
        if inner:
            stack.append(iter(inner))
    return "\n".join(part for part in parts if part)


@dataclass(frozen=True, slots=True)
class Section:
    """The part of a document under one heading, up to the next heading of any level.

    ``path`` is the titles of the enclosing headings, outer first, ending with its own; the
    text before the first heading is section 0, of ``level`` 0, with an empty ``path`` and
    ``title`` (``end_line`` ``line - 1`` when the document opens with a heading).
    """

    level: int
    title: str
    path: tuple[str, ...]
    line: int
    end_line: int


@dataclass(frozen=True, slots=True)
class Document:
    """A parsed document: its text, its lines (split as CommonMark splits them: ``\\n``,
    ``\\r\\n``, ``\\r``), its sections in order and its top-level blocks in order."""

    text: str
    lines: tuple[str, ...]
    sections: tuple[Section, ...]
    blocks: tuple[Block, ...]
    #: Each section's first line after section 0's, for `section_of`'s binary search.
    _starts: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # frozen: the derived index is set once, here
        object.__setattr__(self, "_starts", tuple(s.line for s in self.sections[1:]))

    def iter_blocks(self) -> Iterator[Block]:
        """Every block, depth-first in document order: list items' and cells' blocks included.

        Iterative, so that deep nesting costs no recursion.
        """
        stack: list[Iterator[Block]] = [iter(self.blocks)]
        while stack:
            block = next(stack[-1], None)
            if block is None:
                stack.pop()
                continue
            yield block
            inner = inner_blocks(block)
            if inner:
                stack.append(iter(inner))

    def headings(self) -> Iterator[Heading]:
        """Every heading, in order (heading ``n`` opens section ``n + 1``)."""
        return (block for block in self.iter_blocks() if isinstance(block, Heading))

    def section_of(self, line: int) -> Section:
        """The section in force at ``line`` (1-based)."""
        return self.sections[bisect.bisect_right(self._starts, line)]

    def extent(self, index: int) -> tuple[int, int]:
        """The first and last line of section ``index`` with its subsections."""
        section = self.sections[index]
        for later in self.sections[index + 1 :]:
            if later.level <= section.level:
                return section.line, later.line - 1
        return section.line, len(self.lines)

"""The old table reader: pipe tables and HTML ``<table>`` split into rows and cells by hand.

No longer used by `refs.parsing` (which reads tables through `refs.document.Table.grid` in
`refs.parsing.table_rows`): still used by refs.catalog (`grid`: `read_table`, `html_rows`)
until the catalog reads `refs.document`; then this module goes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from refs.parsing.blocks import Block, BlockKind
from refs.parsing.markup import squash, strip_html


@dataclass(frozen=True, slots=True)
class Row:
    """One body row: its cells as printed (Markdown or inline HTML) and each cell's line."""

    raw: str
    cells: tuple[str, ...]
    lines: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Table:
    """A table's header cells and body rows."""

    header: tuple[str, ...]
    rows: tuple[Row, ...]


def _split_pipe_row(line: str) -> tuple[str, ...]:
    line = line.strip()
    line = line.removeprefix("|")
    if line.endswith("|") and not line.endswith("\\|"):
        line = line[:-1]
    # A pipe inside a code span or escaped as \| does not end a cell.
    cells: list[str] = []
    current, in_code = "", False
    for i, char in enumerate(line):
        if char == "`":
            in_code = not in_code
        if char == "|" and not in_code and line[i - 1 : i] != "\\":
            cells.append(current.strip())
            current = ""
        else:
            current += char
    cells.append(current.strip())
    return tuple(cells)


def read_table(block: Block) -> Table:  # still used by refs.catalog
    """A pipe or HTML table block -> header and rows with per-cell lines."""
    if block.kind is BlockKind.PIPE_TABLE:
        header = _split_pipe_row(block.lines[0])
        rows = tuple(
            Row(line, (cells := _split_pipe_row(line)), (block.line + 2 + i,) * len(cells))
            for i, line in enumerate(block.lines[2:])
        )
        return Table(header, rows)
    return _read_html_table(block)


@dataclass(frozen=True, slots=True)
class HtmlCell:
    """A ``<td>`` or ``<th>`` as printed: its attributes, its markup, and its line in the table
    (0 for the table's first line)."""

    is_header: bool
    attributes: str
    markup: str
    line: int


@dataclass(frozen=True, slots=True)
class HtmlRow:
    """A ``<tr>``: its text in the table (from ``<tr`` to its end) and its cells."""

    raw: str
    cells: tuple[HtmlCell, ...]


#: The tags that shape a table. Attributes stop at the next ``<``, so that a tag left open
#: costs its own length, not the rest of the table.
_TABLE_TAG = re.compile(r"<(/?)(tr|td|th|table)\b([^<>]*)>", re.IGNORECASE)


def html_rows(text: str) -> list[HtmlRow]:  # still used by refs.catalog
    """The rows of an HTML table that hold cells, in one pass over its tags.

    As HTML closes them: a row ends at ``</tr>``, at the next ``<tr>``, at ``</table>`` or at the
    end; a cell at its closing tag, at the next cell or at the end of its row. Cells outside a
    row are not read; a table inside a cell is read as rows of the outer one.

    >>> [[c.markup for c in row.cells] for row in html_rows("<tr><td>a</td><td>b<tr><td>c")]
    [['a', 'b'], ['c']]
    """
    rows: list[HtmlRow] = []
    row_start: int | None = None
    cells: list[HtmlCell] = []
    cell: tuple[bool, str, int, int] | None = None  # is_header, attributes, content start, line
    line, counted = 0, 0  # the line of offset ``counted``: newlines are counted once

    def close_cell(at: int) -> None:
        nonlocal cell
        if cell is not None:
            cells.append(HtmlCell(cell[0], cell[1], text[cell[2] : at], cell[3]))
            cell = None

    def close_row(at: int) -> None:
        nonlocal row_start, cells
        close_cell(at)
        if row_start is not None and cells:
            rows.append(HtmlRow(text[row_start:at], tuple(cells)))
        row_start, cells = None, []

    for tag in _TABLE_TAG.finditer(text):
        closing, name = tag.group(1) == "/", tag.group(2).lower()
        if name == "table":
            if closing:
                close_row(tag.start())
        elif name == "tr":
            if not closing:
                close_row(tag.start())
                row_start = tag.start()
            elif row_start is not None:
                close_cell(tag.start())
                close_row(tag.end())
        elif closing:
            if cell is not None and cell[0] == (name == "th"):
                close_cell(tag.start())
        elif row_start is not None:
            close_cell(tag.start())
            line += text.count("\n", counted, tag.start())
            counted = tag.start()
            cell = (name == "th", tag.group(3), tag.end(), line)
    close_row(len(text))
    return rows


def _read_html_table(block: Block) -> Table:
    header: tuple[str, ...] = ()
    rows: list[Row] = []
    for row in html_rows(block.text):
        if not header and all(c.is_header for c in row.cells):
            header = tuple(squash(strip_html(c.markup)) for c in row.cells)
            continue
        lines = tuple(block.line + c.line for c in row.cells)
        rows.append(Row(row.raw, tuple(squash(c.markup) for c in row.cells), lines))
    return Table(header, tuple(rows))

"""Tables as grids: HTML ``rowspan`` / ``colspan`` carried to the cells they cover.

Each body row maps its columns to the `Cell` that covers them, which may have been opened by an
earlier row (a ``rowspan``). Header rows (all ``<th>``) may be several lines: a column's header
joins what each header row says above it (``Base Model / Model Name``).

A grid holds only the slots that cells cover, so one wide row does not widen every other row,
and the slots spans copy are bounded by the table's own length: spans past the last row are
cut (as HTML cuts them), and once a table has spent its budget its further spans cover their
own slot only. The grid says when that happened (``clipped``); no cell is lost either way.
"""

from __future__ import annotations

import re
from collections.abc import ItemsView
from dataclasses import dataclass, field

from refs.parsing.blocks import Block, BlockKind
from refs.parsing.markup import squash, strip_html
from refs.parsing.tables import html_rows, read_table

_SPAN = re.compile(r"\b(rowspan|colspan)\s*=\s*[\"']?(\d{1,6})", re.IGNORECASE)
#: A span larger than this is a typo, not a layout: it is cut down.
_MAX_SPAN = 1000
#: Slots that spans may copy cells into: one per two characters of the table's text (a cell
#: takes nine at least, ``<td></td>``, so a real table stays far below it).
_COPIES_PER_CHARACTERS = 2


@dataclass(frozen=True, slots=True, eq=False)
class Cell:
    """A cell as printed: its markup, its line, and the body row (0-based) that opened it.

    Cells are told apart by identity: the same cell covers every slot of its span.
    """

    text: str
    line: int
    row: int


@dataclass(frozen=True, slots=True)
class GridRow:
    """The cells covering one row's columns, by column in order; a column no cell covers is
    absent (``row[column]`` is then None)."""

    slots: dict[int, Cell] = field(default_factory=dict)

    def __getitem__(self, column: int) -> Cell | None:
        return self.slots.get(column)

    def cells(self) -> ItemsView[int, Cell]:
        """(column, cell) for each covered column, left to right."""
        return self.slots.items()


@dataclass(frozen=True, slots=True)
class Grid:
    """Column headers and body rows; ``rows[i][c]`` is the cell covering row i, column c.

    ``clipped`` is True when some span was cut to keep the grid within its budget.
    """

    header: tuple[str, ...]
    rows: tuple[GridRow, ...]
    clipped: bool = False


def read_grid(block: Block) -> Grid:
    """A pipe or HTML table block as a `Grid`."""
    if block.kind is BlockKind.PIPE_TABLE:
        table = read_table(block)
        width = max([len(table.header), *(len(row.cells) for row in table.rows)])
        rows = tuple(
            GridRow(
                {
                    c: Cell(cell, line, i)
                    for c, (cell, line) in enumerate(zip(row.cells, row.lines, strict=True))
                }
            )
            for i, row in enumerate(table.rows)
        )
        return Grid(table.header + ("",) * (width - len(table.header)), rows)
    return _read_html(block)


def _spans(attributes: str) -> tuple[int, int]:
    found = {name.lower(): int(value) for name, value in _SPAN.findall(attributes)}
    return (
        min(max(found.get("rowspan", 1), 1), _MAX_SPAN),
        min(max(found.get("colspan", 1), 1), _MAX_SPAN),
    )


def _read_html(block: Block) -> Grid:
    rows = html_rows(block.text)
    slots: list[dict[int, Cell]] = [{} for _ in rows]
    budget = len(block.text) // _COPIES_PER_CHARACTERS
    clipped = False
    header_rows = 0
    for index, row in enumerate(rows):
        is_header = index == header_rows and all(c.is_header for c in row.cells)
        taken = slots[index]
        column = 0
        for html in row.cells:
            while column in taken:
                column += 1
            rowspan, colspan = _spans(html.attributes)
            rowspan = min(rowspan, len(rows) - index)  # HTML cuts a span at the last row
            if rowspan * colspan - 1 > budget:
                rowspan, colspan, clipped = 1, 1, True
            budget -= rowspan * colspan - 1
            body_row = index - header_rows if not is_header else -1
            cell = Cell(html.markup.strip(), block.line + html.line, body_row)
            for r in range(index, index + rowspan):
                for c in range(column, column + colspan):
                    slots[r][c] = cell
            column += colspan
        header_rows += is_header
    width = max((max(row) + 1 for row in slots if row), default=0)
    header = _header(slots[:header_rows], width)
    body = tuple(GridRow(dict(sorted(row.items()))) for row in slots[header_rows:])
    return Grid(header, body, clipped)


def _header(rows: list[dict[int, Cell]], width: int) -> tuple[str, ...]:
    """Each column's header: what each header row says above it, joined with `` / ``."""
    said: dict[Cell, str] = {}  # a cell spanning columns is read once
    parts: list[dict[str, None]] = [{} for _ in range(width)]  # ordered sets
    for row in rows:
        for column, cell in row.items():
            if cell not in said:
                said[cell] = squash(strip_html(cell.text))
            if said[cell]:
                parts[column][said[cell]] = None
    return tuple(" / ".join(column) for column in parts)

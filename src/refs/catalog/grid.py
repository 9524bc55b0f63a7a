"""Tables as grids: the document's `Table.grid()` cut into header and body rows.

Each body row maps its columns to the `Cell` that covers them, which may have been opened by an
earlier row (a ``rowspan``). Header rows (the table's first rows whose cells are all header
cells, ``<th>`` or a pipe table's first line) may be several: a column's header joins what each
header row says above it (``Base Model / Model Name``).

The grid holds only the slots that cells cover, so one wide row does not widen every other row;
the document bounds the slots spans copy (`Table.clipped` says when it cut one).
"""

from __future__ import annotations

from collections.abc import ItemsView
from dataclasses import dataclass, field

from refs.document import Cell, Table


@dataclass(frozen=True, slots=True)
class GridRow:
    """The cells covering one body row's columns, by column in order; a column no cell covers
    is absent (``row[column]`` is then None). ``index`` is the row's index in `Table.rows`."""

    index: int
    slots: dict[int, Cell] = field(default_factory=dict)

    def __getitem__(self, column: int) -> Cell | None:
        return self.slots.get(column)

    def cells(self) -> ItemsView[int, Cell]:
        """(column, cell) for each covered column, left to right."""
        return self.slots.items()

    def opened(self) -> GridRow:
        """The row with only the cells it opens itself (not those a rowspan brings down)."""
        return GridRow(self.index, {c: cell for c, cell in self.cells() if cell.row == self.index})


@dataclass(frozen=True, slots=True)
class Grid:
    """Column headers and body rows; ``rows[i][c]`` is the cell covering body row i, column c.

    ``clipped`` is True when some span was cut to keep the grid within its budget.
    """

    header: tuple[str, ...]
    rows: tuple[GridRow, ...]
    clipped: bool = False


def read_grid(table: Table) -> Grid:
    """A table of the document as a `Grid`."""
    slots = table.grid()
    header_rows = 0
    while header_rows < len(table.rows) and _is_header(table.rows[header_rows]):
        header_rows += 1
    width = max((max(row) + 1 for row in slots if row), default=0)
    header = _header(slots[:header_rows], width)
    body = tuple(GridRow(i, slots[i]) for i in range(header_rows, len(slots)))
    return Grid(header, body, table.clipped)


def _is_header(row: tuple[Cell, ...]) -> bool:
    return bool(row) and all(cell.header for cell in row)


def _header(rows: tuple[dict[int, Cell], ...], width: int) -> tuple[str, ...]:
    """Each column's header: what each header row says above it, joined with `` / ``."""
    parts: list[dict[str, None]] = [{} for _ in range(width)]  # ordered sets
    for row in rows:
        for column, cell in row.items():
            if cell.text:
                parts[column][cell.text] = None
    return tuple(" / ".join(column) for column in parts)

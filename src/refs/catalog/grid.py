"""Tables as grids: HTML ``rowspan`` / ``colspan`` carried to the cells they cover.

Each body row gets one slot per column; a slot holds the `Cell` that covers it, which may have
been opened by an earlier row (a ``rowspan``). Header rows (all ``<th>``) may be several lines:
a column's header joins what each header row says above it (``Base Model / Model Name``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from refs.parsing.blocks import Block, BlockKind
from refs.parsing.markup import squash, strip_html
from refs.parsing.tables import read_table

_ROW = re.compile(r"<tr\b.*?(?:</tr>|(?=<tr\b)|$)", re.IGNORECASE | re.DOTALL)
_CELL = re.compile(r"<t([dh])\b([^>]*)>(.*?)</t\1\s*>", re.IGNORECASE | re.DOTALL)
_SPAN = re.compile(r"\b(rowspan|colspan)\s*=\s*[\"']?(\d+)", re.IGNORECASE)
#: A span larger than this is a typo, not a layout: it is cut down.
_MAX_SPAN = 1000


@dataclass(frozen=True, slots=True)
class Cell:
    """A cell as printed: its markup, its line, and the body row (0-based) that opened it."""

    text: str
    line: int
    row: int


@dataclass(frozen=True, slots=True)
class Grid:
    """Column headers and body rows; ``rows[i][c]`` is the cell covering row i, column c."""

    header: tuple[str, ...]
    rows: tuple[tuple[Cell | None, ...], ...]


def read_grid(block: Block) -> Grid:
    """A pipe or HTML table block as a `Grid`."""
    if block.kind is BlockKind.PIPE_TABLE:
        table = read_table(block)
        width = max([len(table.header), *(len(row.cells) for row in table.rows)])
        rows = tuple(
            tuple(
                Cell(row.cells[c], row.lines[c], i) if c < len(row.cells) else None
                for c in range(width)
            )
            for i, row in enumerate(table.rows)
        )
        return Grid(_pad(table.header, width), rows)
    return _read_html(block)


def _pad(header: tuple[str, ...], width: int) -> tuple[str, ...]:
    return header + ("",) * (width - len(header))


def _spans(attributes: str) -> tuple[int, int]:
    found = {name.lower(): int(value) for name, value in _SPAN.findall(attributes)}
    return (
        min(max(found.get("rowspan", 1), 1), _MAX_SPAN),
        min(max(found.get("colspan", 1), 1), _MAX_SPAN),
    )


def _read_html(block: Block) -> Grid:
    text = block.text
    slots: dict[tuple[int, int], Cell] = {}
    header_rows = 0
    index = 0
    for tr in _ROW.finditer(text):
        cells = list(_CELL.finditer(tr.group(0)))
        if not cells:
            continue
        is_header = index == header_rows and all(c.group(1).lower() == "h" for c in cells)
        column = 0
        for match in cells:
            while (index, column) in slots:
                column += 1
            rowspan, colspan = _spans(match.group(2))
            line = block.line + text[: tr.start() + match.start()].count("\n")
            cell = Cell(match.group(3).strip(), line, index - header_rows if not is_header else -1)
            for r in range(index, index + rowspan):
                for c in range(column, column + colspan):
                    slots[(r, c)] = cell
            column += colspan
        header_rows += is_header
        index += 1
    width = max((c for _, c in slots), default=-1) + 1
    header = tuple(_column_header(slots, header_rows, c) for c in range(width))
    rows = tuple(tuple(slots.get((r, c)) for c in range(width)) for r in range(header_rows, index))
    return Grid(header, rows)


def _column_header(slots: dict[tuple[int, int], Cell], header_rows: int, column: int) -> str:
    parts: list[str] = []
    for r in range(header_rows):
        cell = slots.get((r, column))
        said = squash(strip_html(cell.text)) if cell else ""
        if said and said not in parts:
            parts.append(said)
    return " / ".join(parts)

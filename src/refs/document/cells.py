"""Table cells placed in their grid: rowspans from the rows above push a cell to the right.

The slots spans may copy a cell into are bounded by the table's size, so that a
``rowspan="100000"`` or a 100,000-column row costs what its text costs.
"""

from __future__ import annotations

from dataclasses import dataclass

from refs.document.model import Block, Cell, Span

#: A rowspan or colspan larger than this is a typo, not a layout: it is cut down.
MAX_SPAN = 1000


@dataclass(slots=True)
class Draft:
    """A cell read, before its grid column is known."""

    text: str
    spans: tuple[Span, ...]
    line: int
    rowspan: int
    colspan: int
    header: bool
    blocks: tuple[Block, ...]


def place_cells(
    drafts: list[list[Draft]], budget: int
) -> tuple[tuple[tuple[Cell, ...], ...], bool]:
    """Cells with their grid columns: a cell takes the first column no rowspan from above
    covers. Spans past the last row are cut (as HTML cuts them), and the slots spans cover are
    bounded by ``budget``: past it, a span covers its own slot only (``clipped``)."""
    covered: dict[int, int] = {}  # column -> the last row a rowspan from above covers it to
    rows: list[tuple[Cell, ...]] = []
    clipped = False
    for index, drafts_row in enumerate(drafts):
        column = 0
        cells: list[Cell] = []
        for draft in drafts_row:
            while covered.get(column, -1) >= index:
                column += 1
            rowspan = min(draft.rowspan, len(drafts) - index)
            colspan = draft.colspan
            if rowspan * colspan - 1 > budget:
                rowspan, colspan, clipped = 1, 1, True
            budget -= rowspan * colspan - 1
            if rowspan > 1:
                for c in range(column, column + colspan):
                    covered[c] = index + rowspan - 1
            cells.append(
                Cell(
                    draft.text,
                    draft.spans,
                    draft.line,
                    index,
                    column,
                    rowspan,
                    colspan,
                    draft.header,
                    draft.blocks,
                )
            )
            column += colspan
        rows.append(tuple(cells))
    return tuple(rows), clipped

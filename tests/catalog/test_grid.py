"""Tables as grids: spans carried to the rows they cover, headers of several rows."""

from __future__ import annotations

from refs.catalog.grid import read_grid
from refs.parsing.blocks import split_blocks
from tests.catalog.fixtures import HTML_ROWSPAN, PIPE


def test_html_rowspan_and_colspan_cover_their_slots() -> None:
    grid = read_grid(split_blocks(HTML_ROWSPAN)[-2])
    assert grid.header == ("Type", "Name", "Paper", "Base Model / Name", "Base Model / Size")
    first, second, third = grid.rows
    assert second[1] is first[1]  # the name cell spans two rows
    assert second[1] is not None and second[1].row == 0
    assert second[3] is not None and second[3].row == 1
    assert third[0] is not None and third[0].text == "Code"


def test_html_cell_lines_are_document_lines() -> None:
    grid = read_grid(split_blocks(HTML_ROWSPAN)[-2])
    name = grid.rows[0][1]
    assert name is not None
    assert HTML_ROWSPAN.split("\n")[name.line - 1].strip().startswith('<td rowspan="2">Alpha')


def test_pipe_table_cells_share_the_row_line() -> None:
    grid = read_grid(split_blocks(PIPE)[0])
    assert grid.header == ("Name", "Paper", "Size")
    assert [row[0].line for row in grid.rows if row[0]] == [5, 6, 7, 8]

"""Tables as grids: spans carried to the rows they cover, headers of several rows."""

from __future__ import annotations

from refs.catalog.grid import Grid, read_grid
from refs.document import Table, parse
from tests.catalog.fixtures import HTML_ROWSPAN, PIPE


def _grid(text: str) -> Grid:
    """The grid of the first table of ``text``."""
    return read_grid(next(b for b in parse(text).iter_blocks() if isinstance(b, Table)))


def test_html_rowspan_and_colspan_cover_their_slots() -> None:
    grid = _grid(HTML_ROWSPAN)
    assert grid.header == ("Type", "Name", "Paper", "Base Model / Name", "Base Model / Size")
    first, second, third = grid.rows
    assert second[1] is first[1]  # the name cell spans two rows
    assert second[1] is not None and second[1].row == first.index
    assert second[3] is not None and second[3].row == second.index
    assert third[0] is not None and third[0].text == "Code"


def test_html_cell_lines_are_document_lines() -> None:
    grid = _grid(HTML_ROWSPAN)
    name = grid.rows[0][1]
    assert name is not None
    assert HTML_ROWSPAN.split("\n")[name.line - 1].strip().startswith('<td rowspan="2">Alpha')


def test_pipe_table_cells_share_the_row_line() -> None:
    grid = _grid(PIPE)
    assert grid.header == ("Name", "Paper", "Size")
    assert [row[0].line for row in grid.rows if row[0]] == [5, 6, 7, 8]


def _html_grid(rows: str) -> Grid:
    header = "<tr><th>Name</th><th>Base</th></tr>"
    return _grid(f"<table>\n{header}\n{rows}</table>\n")


def test_a_rowspan_past_the_last_row_ends_at_the_last_row() -> None:
    grid = _html_grid("<tr><td rowspan=999>A [1]</td></tr>\n<tr><td>B [2]</td></tr>\n")
    first, second = grid.rows
    assert second[0] is first[0]
    assert second[1] is not None and second[1].text == "B [2]"
    assert not grid.clipped


def test_a_wide_row_does_not_widen_the_other_rows() -> None:
    grid = _html_grid("<tr><td colspan=20>A [1]</td></tr>\n<tr><td>B [2]</td></tr>\n")
    assert len(grid.rows[0].cells()) == 20
    assert [column for column, _ in grid.rows[1].cells()] == [0]
    assert grid.rows[1][5] is None


def test_spans_past_the_budget_cover_their_own_slot_and_no_cell_is_lost() -> None:
    rows = "".join(f"<tr><td rowspan=999 colspan=999>M{n} [1]</td></tr>\n" for n in range(20))
    grid = _html_grid(rows)
    assert grid.clipped
    assert {cell.text for row in grid.rows for _, cell in row.cells()} == {
        f"M{n} [1]" for n in range(20)
    }

"""The structure readers shared by the parser, the catalog, the checks and sync: headings and
HTML table rows, read in one pass and closed as HTML and Markdown close them."""

from __future__ import annotations

import pytest

from refs.parsing.blocks import Heading, outline, read_heading
from refs.parsing.tables import html_rows


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        pytest.param("## Models", Heading(2, "Models"), id="plain"),
        pytest.param("### Models ###", Heading(3, "Models"), id="closing-hashes"),
        pytest.param("# C#  ", Heading(1, "C"), id="trailing-hash-of-the-title-goes-too"),
        pytest.param("#   spaced   out  ", Heading(1, "spaced   out"), id="space-around"),
        pytest.param("   ## Indented", Heading(2, "Indented"), id="three-spaces-of-indent"),
        pytest.param("#\tTab", Heading(1, "Tab"), id="tab"),
        pytest.param("# a #b", Heading(1, "a #b"), id="inner-hash-kept"),
        pytest.param("# " + " " * 10_000 + "x", Heading(1, "x"), id="ten-thousand-spaces"),
        pytest.param("##", None, id="bare-hashes-are-a-separator"),
        pytest.param("#hashtag", None, id="no-space-after-the-hashes"),
        pytest.param("####### seven", None, id="seven-hashes"),
        pytest.param("    # code", None, id="four-spaces-is-code"),
    ],
)
def test_a_heading_is_read_with_its_level_and_title(line: str, heading: Heading | None) -> None:
    assert read_heading(line) == heading


def test_fenced_code_opens_no_heading() -> None:
    lines = ["# A", "~~~", "# in code", "```", "# still code", "~~~", "## B"]
    assert [h and h.title for h in outline(lines)] == ["A", None, None, None, None, None, "B"]


@pytest.mark.parametrize(
    ("table", "cells"),
    [
        pytest.param("<tr><td>a</td><td>b</td></tr>", [["a", "b"]], id="well-formed"),
        pytest.param("<tr><td>a<td>b</tr>", [["a", "b"]], id="cell-closed-by-the-next"),
        pytest.param("<tr><td>a</td><tr><td>b</td>", [["a"], ["b"]], id="row-closed-by-the-next"),
        pytest.param("<tr><td>a</table>", [["a"]], id="closed-by-the-table-end"),
        pytest.param("<tr><td>a", [["a"]], id="closed-by-the-end-of-text"),
        pytest.param("<tr><td>a</th>b</td></tr>", [["a</th>b"]], id="closer-of-the-other-kind"),
        pytest.param("<td>x</td><tr><td>a</td></tr>", [["a"]], id="cell-outside-a-row"),
        pytest.param("<tr></tr><tr><th>h</th></tr>", [["h"]], id="row-without-cells"),
        pytest.param("<tr><td <td>a</td></tr>", [["a"]], id="tag-left-open"),
    ],
)
def test_html_rows_close_what_was_left_open(table: str, cells: list[list[str]]) -> None:
    assert [[cell.markup for cell in row.cells] for row in html_rows(table)] == cells


def test_html_cells_know_their_line_and_kind() -> None:
    rows = html_rows('<tr>\n<th colspan="2">H</th>\n</tr>\n<tr><td>a</td>\n<td>b</td></tr>')
    assert [(c.is_header, c.line, c.attributes) for c in rows[0].cells] == [
        (True, 1, ' colspan="2"')
    ]
    assert [(c.is_header, c.line) for c in rows[1].cells] == [(False, 3), (False, 4)]
    assert rows[0].raw == '<tr>\n<th colspan="2">H</th>\n</tr>'

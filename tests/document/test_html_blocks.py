"""Tables (GFM pipes and HTML with rowspan/colspan), HTML lists in cells, ``<details>`` around
Markdown: each read into the same model, with the lines each block covers."""

from __future__ import annotations

import textwrap

import pytest

from refs.document import Cell, Html, ListItem, Paragraph, SpanKind, Table, parse


def _doc(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def _tables(text: str) -> list[Table]:
    return [b for b in parse(text).iter_blocks() if isinstance(b, Table)]


def _grid_text(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row.values()] for row in table.grid()]


def test_a_pipe_table_cell_gives_its_badge_break_and_bold_link_spans() -> None:
    badge = "![Star](https://img.shields.io/github/stars/a/b)"
    text = _doc(f"""
        | Title | Venue | Date |
        | --- | --- | --- |
        | {badge} <br> [**CodeT5**](https://arxiv.org/abs/1) <br> | `EMNLP'21` | `2021.09` |
    """)
    (table,) = _tables(text)
    assert (table.line, table.end_line, table.tag) == (1, 3, "")
    header, row = table.rows
    assert [(c.text, c.header) for c in header] == [
        ("Title", True),
        ("Venue", True),
        ("Date", True),
    ]
    title = row[0]
    assert (title.line, title.row, title.column) == (3, 1, 0)
    kinds = [s.kind for s in title.spans if s.kind is not SpanKind.TEXT]
    assert kinds == [SpanKind.IMAGE, SpanKind.BREAK, SpanKind.LINK, SpanKind.BREAK]
    link = next(s for s in title.spans if s.kind is SpanKind.LINK)
    assert (link.href, link.children[0].kind, link.text) == (
        "https://arxiv.org/abs/1",
        SpanKind.STRONG,
        "CodeT5",
    )
    assert title.text == "Star CodeT5"
    assert row[1].spans[0].kind is SpanKind.CODE


@pytest.mark.parametrize(
    ("text", "grid", "lines"),
    [
        pytest.param(
            _doc("""
                <table>
                <tr><th rowspan="2">Model</th><th colspan="2">Features</th></tr>
                <tr><th>Tool</th><th>Memory</th></tr>
                <tr><td>ReAct</td><td>✓</td><td>✗</td></tr>
                </table>
            """),
            [["Model", "Features", "Features"], ["Model", "Tool", "Memory"], ["ReAct", "✓", "✗"]],
            [2, 3, 4],
            id="rowspan-and-colspan-header",
        ),
        pytest.param(
            _doc("""
                <table>
                  <tr>
                    <td rowspan=3>2014</td>
                    <td>R-CNN</td>
                  </tr>
                  <tr><td>SPP</td></tr>
                  <tr><td>Fast</td></tr>
                </table>
            """),
            [["2014", "R-CNN"], ["2014", "SPP"], ["2014", "Fast"]],
            [3, 6, 7],
            id="year-spanning-three-rows",
        ),
        pytest.param(
            "<table><tr><td>a<td>b<tr><td>c</table>\n",
            [["a", "b"], ["c"]],
            [1, 1],
            id="tags-closed-by-the-next",
        ),
        pytest.param(
            "<table><tr><td rowspan=99999>a</td></tr><tr><td>b</td></tr></table>\n",
            [["a"], ["a", "b"]],
            [1, 1],
            id="rowspan-past-the-last-row-is-cut",
        ),
    ],
)
def test_an_html_table_gives_the_grid_a_browser_shows(
    text: str, grid: list[list[str]], lines: list[int]
) -> None:
    (table,) = _tables(text)
    assert table.tag == "table"
    assert _grid_text(table) == grid
    assert [row[0].line for row in table.rows] == lines


def test_a_table_split_by_blank_lines_is_one_table() -> None:
    text = _doc("""
        <table>
        <tr><td>A</td></tr>

        <tr><td>B</td></tr>

        </table>

        after
    """)
    document = parse(text)
    assert [(type(b).__name__, b.line, b.end_line) for b in document.blocks] == [
        ("Html", 1, 6),
        ("Paragraph", 8, 8),
    ]
    (table,) = _tables(text)
    assert _grid_text(table) == [["A"], ["B"]]
    assert [row[0].line for row in table.rows] == [2, 4]


def test_an_html_list_in_a_cell_gives_list_items_with_their_links() -> None:
    text = _doc("""
        <table>
          <tr>
            <td>
              <ul>
                <li><b>Outdoor</b></li>
                <ul>
                  <li><a href="configs/pointpillars">PointPillars (CVPR'2019)</a></li>
                </ul>
              </ul>
            </td>
          </tr>
        </table>
    """)
    (table,) = _tables(text)
    (cell,) = table.rows[0]
    assert (cell.line, cell.spans) == (3, ())
    items = [b for b in cell.blocks if isinstance(b, ListItem)]
    # a <ul> directly in a <ul>: its items follow, one level deeper, as a browser shows them
    assert [(i.text, i.line, i.end_line, i.depth) for i in items] == [
        ("Outdoor", 5, 5, 0),
        ("PointPillars (CVPR'2019)", 7, 7, 1),
    ]
    link = next(b for b in items[1].blocks if isinstance(b, Paragraph)).spans[0]
    assert (link.kind, link.href) == (SpanKind.LINK, "configs/pointpillars")
    assert "PointPillars (CVPR'2019)" in cell.text


def test_markdown_between_blank_lines_in_a_cell_is_that_cells_blocks() -> None:
    text = _doc("""
        <table>
        <tr>
        <td>

        - [Paper A](https://x.org/a)
        - [Paper B](https://x.org/b)

        </td>
        </tr>
        </table>
    """)
    (table,) = _tables(text)
    (cell,) = table.rows[0]
    items = [b for b in cell.blocks if isinstance(b, ListItem)]
    assert [(i.text, i.line, i.end_line) for i in items] == [
        ("Paper A", 5, 5),
        ("Paper B", 6, 6),
    ]
    assert cell.text == "Paper A\nPaper B".replace("\n", " ")


def test_details_around_a_markdown_list_does_not_swallow_it() -> None:
    text = _doc("""
        <details><summary>more</summary>

        21. **Title.** Venue.

            *Authors.*

        </details>
    """)
    document = parse(text)
    shapes = [(type(b).__name__, b.line, b.end_line) for b in document.blocks]
    assert shapes == [("Html", 1, 1), ("ListItem", 3, 5), ("Html", 7, 7)]
    details = document.blocks[0]
    assert isinstance(details, Html)
    (element,) = details.blocks
    assert isinstance(element, Html)
    assert element.tag == "details"
    (summary,) = element.blocks
    assert isinstance(summary, Paragraph)
    assert (summary.tag, summary.text, summary.line) == ("summary", "more", 1)
    item = document.blocks[1]
    assert isinstance(item, ListItem)
    assert (item.number, len(item.blocks)) == (21, 2)


def test_details_holding_html_gives_its_summary_paragraphs_and_code() -> None:
    text = _doc("""
        <details><summary><b>Abstract</b></summary>
        We present a method.<br>It works.
        <pre><code class="language-bibtex">@inproceedings{a,
          title={T}
        }</code></pre>
        </details>
    """)
    (block,) = parse(text).blocks
    assert isinstance(block, Html)
    assert (block.line, block.end_line) == (1, 6)
    (details,) = block.blocks
    assert isinstance(details, Html)
    summary, body, code = details.blocks
    assert isinstance(summary, Paragraph)
    assert summary.spans[0].kind is SpanKind.STRONG
    assert isinstance(body, Paragraph)
    assert (body.text, body.line, body.end_line) == ("We present a method.\nIt works.", 2, 2)
    assert [s.kind for s in body.spans] == [SpanKind.TEXT, SpanKind.BREAK, SpanKind.TEXT]
    assert code.__class__.__name__ == "Fence"
    assert (code.line, code.end_line) == (3, 5)


def test_an_html_ordered_list_numbers_its_items() -> None:
    text = '<ol start="3">\n<li>A</li>\n<li>B</li>\n</ol>\n'
    items = [b for b in parse(text).iter_blocks() if isinstance(b, ListItem)]
    assert [(i.marker, i.number, i.line, i.text) for i in items] == [
        ("3.", 3, 2, "A"),
        ("4.", 4, 3, "B"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("<table><tr><td>" * 3000, id="unclosed-nested-tables"),
        pytest.param("<div>" * 10_000 + "x", id="ten-thousand-divs"),
        pytest.param("<table>\n<tr><td colspan=1000 rowspan=1000>x</table>\n", id="huge-span"),
        pytest.param("<p>\x00\x01\x0b</p>\n", id="control-characters"),
        pytest.param("<?xml version='1.0' encoding='latin-1'?>\n<p>x</p>\n", id="xml-declaration"),
        pytest.param(
            '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<p>&e;</p>\n',
            id="external-entity",
        ),
        pytest.param("<table>" + "<td>x" * 100_000, id="100k-column-row"),
    ],
)
def test_malformed_or_hostile_html_never_raises(text: str) -> None:
    document = parse(text)
    assert "root:" not in "".join(b.lines[0] for b in document.iter_blocks() if b.lines)
    for table in (b for b in document.iter_blocks() if isinstance(b, Table)):
        assert all(isinstance(c, Cell) for row in table.rows for c in row)


def test_a_huge_span_is_clipped_not_copied() -> None:
    (table,) = _tables("<table>\n<tr><td colspan=1000 rowspan=1000>x</td></tr>\n</table>\n")
    (cell,) = table.rows[0]
    assert table.clipped
    assert (cell.rowspan, cell.colspan) == (1, 1)

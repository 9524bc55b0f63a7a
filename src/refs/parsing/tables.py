"""Tables whose rows are papers (Markdown pipe tables and HTML ``<table>``), row by row.

A table is read as papers only when a row has a title cell and either the header names that
column a title or the row links a paper. Catalog tables, whose rows cite numbered references
(``UnifiedQA [1]``, ``[<a href="#ref1">1</a>]``), are left to the catalog.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from refs.parsing.blocks import Block, BlockKind
from refs.parsing.identifiers import is_paper_url
from refs.parsing.markup import extract_links, squash, strip_emphasis, strip_html
from refs.parsing.names import looks_like_authors

_TITLE_HEADER = re.compile(r"\b(title|paper|papers|publication|article)\b", re.IGNORECASE)
_NAME_HEADER = re.compile(r"\b(name|work|method|model)s?\b", re.IGNORECASE)
_VENUE_HEADER = re.compile(r"\b(pub|venue|conference|conf|journal|published|proceedings)\b", re.I)
_DATE_HEADER = re.compile(r"\b(date|year|time|month)\b", re.IGNORECASE)
_AUTHOR_HEADER = re.compile(r"\b(authors?|by)\b", re.IGNORECASE)
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
#: A cell citing a numbered reference: the mark of a catalog table.
_CITES_NUMBER = re.compile(
    r"\[\s*\d{1,4}(?:\s*[,\u2013-]\s*\d{1,4})*\s*\](?!\()|href=[\"']#|\\cite|\\tnote"
)


@dataclass(frozen=True, slots=True)
class Row:
    """One body row: its cells as printed (Markdown or inline HTML) and each cell's line."""

    raw: str
    cells: tuple[str, ...]
    lines: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class PaperRow:
    """A row that is a paper: the line of its title cell, and its cells by role.

    ``authors`` is the row's author cell, or the line of its title cell that names the authors
    (``**Title**<br>A. Author, B. Author``).
    """

    line: int
    raw: str
    title: str
    venue: str
    date: str
    others: tuple[str, ...]
    authors: str = ""


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


def read_table(block: Block) -> Table:
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


def html_rows(text: str) -> list[HtmlRow]:
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


def _column(header: tuple[str, ...], pattern: re.Pattern[str]) -> int | None:
    return next((i for i, cell in enumerate(header) if pattern.search(cell)), None)


def paper_rows(table: Table) -> list[PaperRow]:
    """The rows of ``table`` that are papers; none for a catalog table."""
    if any(_CITES_NUMBER.search(cell) for row in table.rows for cell in row.cells):
        return []
    titled = _column(table.header, _TITLE_HEADER)
    named = _column(table.header, _NAME_HEADER)
    venue = _column(table.header, _VENUE_HEADER)
    date = _column(table.header, _DATE_HEADER)
    author = _column(table.header, _AUTHOR_HEADER)
    if author in (titled, named):
        author = None
    out = []
    for row in table.rows:
        column = _title_column(row, titled, named)
        if column is None:
            continue
        links = [link for cell in row.cells for link in extract_links(cell)[1]]
        if titled is None and not any(is_paper_url(link.url) for link in links):
            continue

        def cell(index: int | None, row: Row = row) -> str:
            return row.cells[index] if index is not None and index < len(row.cells) else ""

        title, notes = _title_lines(cell(column))
        authors = cell(author)
        if not authors and notes and looks_like_authors(_plain(notes[0])):
            authors, notes = notes[0], notes[1:]
        roles = (column, venue, date, author)
        others = (*notes, *(c for i, c in enumerate(row.cells) if i not in roles))
        out.append(
            PaperRow(row.lines[column], row.raw, title, cell(venue), cell(date), others, authors)
        )
    return out


def _title_lines(cell: str) -> tuple[str, tuple[str, ...]]:
    """A title cell's first line is the title; lines after a ``<br>`` are authors or notes."""
    lines = [line.strip() for line in _BREAK.split(cell) if line.strip()]
    if len(lines) <= 1:
        return cell, ()
    return lines[0], tuple(lines[1:])


def _plain(text: str) -> str:
    return squash(strip_emphasis(strip_html(text)))


def _title_column(row: Row, titled: int | None, named: int | None) -> int | None:
    for index in (titled, named):
        if index is not None and index < len(row.cells) and _is_title_cell(row.cells[index]):
            return index
    if titled is None and named is None:
        return next((i for i, c in enumerate(row.cells) if _is_title_cell(c)), None)
    return None


def _is_title_cell(cell: str) -> bool:
    text = squash(strip_html(extract_links(cell)[0]))
    if not re.search(r"[A-Za-z]{2}", text):
        return False
    return len(text.split()) >= 2 or bool(re.search(r"\]\(http", cell))

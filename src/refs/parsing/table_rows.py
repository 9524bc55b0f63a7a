"""Tables whose rows are papers (Markdown pipe tables and HTML ``<table>``), read from the model.

A table is read as papers only when a row has a title cell and either the header names that
column a title or the row links a paper. A row with no title but a name cell (``| WebGPT | … |
[Paper](arxiv) |``) is a paper by its link, the name its short name. Catalog tables, whose rows
cite numbered references (``UnifiedQA [1]``, ``[<a href="#ref1">1</a>]``), are left to the
catalog. Cells are read through `Table.grid`, so rowspan and colspan put each cell under its
header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from refs.document import Cell, Span, SpanKind, Table
from refs.parsing.citation import is_short_name
from refs.parsing.identifiers import is_paper_url
from refs.parsing.inline import markdown_of, markdown_of_blocks
from refs.parsing.markup import (
    extract_links,
    is_generic_link_text,
    squash,
    strip_emphasis,
    strip_html,
)
from refs.parsing.names import looks_like_authors

_TITLE_HEADER = re.compile(r"\b(title|paper|papers|publication|article)\b", re.IGNORECASE)
_NAME_HEADER = re.compile(r"\b(name|work|method|model|title)s?\b", re.IGNORECASE)
_VENUE_HEADER = re.compile(r"\b(pub|venue|conference|conf|journal|published|proceedings)\b", re.I)
_DATE_HEADER = re.compile(r"\b(date|year|time|month)\b", re.IGNORECASE)
_AUTHOR_HEADER = re.compile(r"\b(authors?|by)\b", re.IGNORECASE)
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
#: A cell citing a numbered reference: the mark of a catalog table.
_CITES_NUMBER = re.compile(
    r"\[\s*\d{1,4}(?:\s*[,\u2013-]\s*\d{1,4})*\s*\](?!\()|\]\(#|\\cite|\\tnote"
)
#: A title is longer than a name: a column whose cells are mostly this short holds names.
_NAME_WORDS = 3
#: A cell of a name column is read as a title from this many words on (``Social Simulacra``,
#: ``Out of One``, ``Drori et al.`` are names).
_LONG_NAME = 4


@dataclass(frozen=True, slots=True)
class PaperRow:
    """A row that is a paper: its line, its text, and its cells by role (Markdown).

    ``authors`` is the row's author cell, or the line of its title cell that names the authors
    (``**Title**<br>A. Author, B. Author``); ``short_name`` a name cell of a row whose paper
    has no printed title.
    """

    line: int
    raw: str
    title: str
    venue: str
    date: str
    others: tuple[str, ...]
    authors: str = ""
    short_name: str = ""


@dataclass(frozen=True, slots=True)
class _Row:
    line: int
    cells: dict[int, str]  # grid column -> the Markdown of the cell covering it
    ends: tuple[int, ...] = ()  # the lines of its own cells


def _markdown(cell: Cell) -> str:
    spans = cell.spans
    if spans and spans[0].kind is SpanKind.TEXT and (gap := _GAP.search(spans[0].text)):
        # "1) MEM1  This work introduces …": a run of spaces after a short lead ends the title
        # as a line break would
        lead = Span(SpanKind.TEXT, spans[0].text[: gap.start()])
        rest = Span(SpanKind.TEXT, spans[0].text[gap.end() :])
        spans = (lead, Span(SpanKind.BREAK, "\n"), rest, *spans[1:])
    inline = markdown_of(spans)
    blocks = markdown_of_blocks(cell.blocks)
    return squash(f"{inline} {blocks}") if blocks else squash(inline)


def _has_link(cell: Cell) -> bool:
    return "](" in _markdown(cell)


def paper_rows(table: Table, lines: tuple[str, ...]) -> list[PaperRow]:
    """The rows of ``table`` that are papers; none for a catalog table.

    ``lines`` are the document's lines: a row starts at its ``<tr>``, not at its first cell.
    """
    grid = table.grid()
    texts = {id(cell): _markdown(cell) for row in table.rows for cell in row}
    if any(_CITES_NUMBER.search(text) for text in texts.values()):
        return []
    heads = _header_rows(table)
    header: dict[int, str] = {}
    for slots in grid[:heads]:
        for column, cell in slots.items():
            if cell.text and cell.text not in header.get(column, ""):
                header[column] = squash(f"{header.get(column, '')} {cell.text}")
    rows = [
        _Row(
            _row_line(table, index, lines),
            {c: texts[id(cell)] for c, cell in slots.items()},
            tuple(cell.line for cell in table.rows[index]),
        )
        for index, slots in enumerate(grid)
        if index >= heads and slots
    ]
    roles = _Roles.of(header, rows)
    return [paper for row in rows if (paper := roles.read(row, table, lines)) is not None]


def _header_rows(table: Table) -> int:
    """How many rows open the table as its header: ``<th>`` rows, else (an HTML table without
    ``<th>``) the rows before the first that links anything."""
    heads = 0
    for row in table.rows:
        if row and all(cell.header for cell in row):
            heads += 1
        else:
            break
    if heads or not table.tag:
        return heads
    for index, row in enumerate(table.rows):
        if any(_has_link(cell) for cell in row):
            return index if index <= 3 else 0
    return 0


def _row_line(table: Table, index: int, lines: tuple[str, ...]) -> int:
    """The line of row ``index``: its ``<tr>`` when that is on a line before its first cell."""
    row = table.rows[index]
    first = min((cell.line for cell in row), default=table.line)
    if not table.tag:
        return first
    floor = max((c.line for c in table.rows[index - 1]), default=table.line) if index else 0
    for line in range(first, max(floor, table.line - 1), -1):
        if "<tr" in lines[line - 1].lower():
            return line
    return first


def _column(header: dict[int, str], pattern: re.Pattern[str], skip: set[int]) -> int | None:
    return next(
        (c for c, text in sorted(header.items()) if c not in skip and pattern.search(text)), None
    )


@dataclass(frozen=True, slots=True)
class _Roles:
    """Which grid column holds the title, the name, the venue, the date, the authors."""

    titled: int | None
    named: int | None
    venue: int | None
    date: int | None
    author: int | None

    @classmethod
    def of(cls, header: dict[int, str], rows: list[_Row]) -> _Roles:
        links_only = {c for c in header if _links_only(c, rows)}
        titled = _column(header, _TITLE_HEADER, links_only)
        named = _column(
            header, _NAME_HEADER, links_only | {titled} if titled is not None else links_only
        )
        if titled is not None and _short(titled, rows):
            titled, named = None, titled  # a "Title" column of names: ``SayCan``, ``Horton``
        author = _column(header, _AUTHOR_HEADER, set())
        if author in (titled, named):
            author = None
        return cls(
            titled,
            named,
            _column(header, _VENUE_HEADER, set()),
            _column(header, _DATE_HEADER, set()),
            author,
        )

    def read(self, row: _Row, table: Table, lines: tuple[str, ...]) -> PaperRow | None:
        def cell(index: int | None) -> str:
            return row.cells.get(index, "") if index is not None else ""

        links = [link for text in row.cells.values() for link in extract_links(text)[1]]
        has_paper = any(is_paper_url(link.url) for link in links)
        column = self._title_column(row)
        raw = "\n".join(lines[row.line - 1 : _last_line(row)])
        if column is None:
            name = _plain(cell(self.named))
            if not name and self.titled is not None:
                # "2) MEM1  This work introduces …": the title column names the work only
                lead, _ = _title_lines(cell(self.titled))
                name = _plain(lead) if is_short_name(_plain(lead)) else ""
            if not (
                has_paper and name and (re.search(r"[^\W\d_]{2}", name) or is_short_name(name))
            ):
                return None
            roles = {self.named, self.venue, self.date, self.author}
            others = tuple(t for c, t in _distinct(row) if c not in roles)
            return PaperRow(
                row.line,
                raw,
                "",
                cell(self.venue),
                cell(self.date),
                others,
                cell(self.author),
                name,
            )
        if self.titled is None and not has_paper:
            return None
        title, notes = _title_lines(cell(column))
        authors = cell(self.author)
        if not authors and notes and looks_like_authors(_plain(notes[0])):
            authors, notes = notes[0], notes[1:]
        roles = {column, self.venue, self.date, self.author}
        others = (*notes, *(t for c, t in _distinct(row) if c not in roles))
        return PaperRow(row.line, raw, title, cell(self.venue), cell(self.date), others, authors)

    def _title_column(self, row: _Row) -> int | None:
        if self.titled is not None and _is_title_cell(row.cells.get(self.titled, "")):
            return self.titled
        if self.named is not None and _is_title_cell(row.cells.get(self.named, ""), _LONG_NAME):
            return self.named  # a name column's cell as long as a title is one
        if self.titled is None and self.named is None:
            return next((c for c, text in sorted(row.cells.items()) if _is_title_cell(text)), None)
        return None


def _distinct(row: _Row) -> list[tuple[int, str]]:
    """Each cell of the row once (a colspan covers several columns with one cell)."""
    seen: set[str] = set()
    out = []
    for column, text in sorted(row.cells.items()):
        if text not in seen:
            seen.add(text)
            out.append((column, text))
    return out


def _last_line(row: _Row) -> int:
    return max((line for line in row.ends), default=row.line)


def _links_only(column: int, rows: list[_Row]) -> bool:
    """Every cell of the column is a generic link (``[Paper](…)``, ``[Code](…)``) or empty."""
    cells = [row.cells.get(column, "") for row in rows]
    return any(cells) and all(_is_generic_cell(text) for text in cells)


def _is_generic_cell(text: str) -> bool:
    rest, links = extract_links(text)
    return not squash(strip_html(rest)).strip(" -|") and all(
        is_generic_link_text(link.text) for link in links
    )


def _short(column: int, rows: list[_Row]) -> bool:
    counts = sorted(len(_plain(row.cells.get(column, "")).split()) for row in rows)
    counts = [n for n in counts if n]
    return bool(counts) and counts[len(counts) // 2] < _NAME_WORDS


def _title_lines(cell: str) -> tuple[str, tuple[str, ...]]:
    """A title cell's first line is the title; lines after a ``<br>`` are authors or notes. A
    first line that is only an image (a badge, a logo) is no title; the row's own number
    (``3)``) goes, and a bold title before a dash ends the title (``**Title** - summary``)."""
    lines = [line.strip() for line in _BREAK.split(cell) if line.strip()]
    while len(lines) > 1 and not re.search(
        r"[^\W\d_]{2}", _plain(re.sub(r"!\[[^\]]*\]\([^)]*\)", "", lines[0]))
    ):
        lines = lines[1:]
    if not lines:
        return cell, ()
    first = _ROW_NUMBER.sub("", lines[0])
    if (bold := _BOLD_BEFORE_DASH.match(first)) and bold.group(2).strip():
        return bold.group(1), (bold.group(2).strip(), *lines[1:])
    return first, tuple(lines[1:])


#: A row's own number opening its title cell: ``3)``.
_ROW_NUMBER = re.compile(r"^\d{1,3}\)\s+")
#: ``**Title** - summary``: the bold title, then a dash and the rest.
_BOLD_BEFORE_DASH = re.compile(r"^(\*\*[^*]+\*\*)\s*+[-\u2013—:]\s*+(.*)$", re.S)
#: A run of two spaces or more after a lead of up to 15 words (a title then its summary).
_GAP = re.compile(r"(?<=\S)\s{2,}(?=\S)")


def _plain(text: str) -> str:
    return squash(strip_emphasis(strip_html(extract_links(text)[0])))


def _is_title_cell(cell: str, words: int = 2) -> bool:
    """A cell that can be a title: ``words`` words at least, or a linked title."""
    title, _ = _title_lines(cell)
    text = squash(strip_html(extract_links(title)[0]))
    if not re.search(r"[A-Za-z]{2}", text):
        return False
    return len(text.split()) >= words or bool(re.search(r"\]\(http", title))

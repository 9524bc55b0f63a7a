"""A document's catalog tables -> `Item` values, one per row, resolved to store keys.

A table is a catalog when some row cites a reference number, was itself imported as a paper
(a table listing papers directly), or links a paper whose arXiv id, DOI, ACL Anthology or
OpenReview id one entry holds (that entry is what the row cites). The row's name is in the
first column whose cells cite numbers (else the column a header calls title / name); rows whose
name cell was opened by an earlier row (``rowspan``) continue that row's item.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from refs.catalog.cells import CellText, read_cell
from refs.catalog.grid import Grid, GridRow, read_grid
from refs.catalog.identity import Identifier, link_identifiers
from refs.catalog.model import CitedCell, Item
from refs.catalog.resolve import LabelIndex, resolve
from refs.document import Cell, Document, Table, parse
from refs.model import Entry
from refs.parsing.identifiers import is_paper_url

_NAME_HEADER = re.compile(
    r"\b(title|paper|name|model|dataset|method|benchmark|work|evaluations?)s?\b", re.I
)
#: Link texts that say what a link is (``paper``, ``project``); others take the column's header.
_LINK_KINDS = frozenset(
    "paper project code github pdf link website homepage demo data dataset blog model".split()
)


def extract_items(
    file: str, text: str, entries: Sequence[Entry], document: Document | None = None
) -> tuple[Item, ...]:
    """Every catalog row of the document ``file`` (its ``text``), cited keys from ``entries``.

    ``document`` is ``text`` parsed, when the caller has parsed it already (an import does).
    """
    index = LabelIndex(entries)
    document = parse(text) if document is None else document
    items: list[Item] = []
    for block in document.iter_blocks():
        if not isinstance(block, Table):
            continue
        grid = read_grid(block)
        if not grid.rows or not grid.header:
            continue
        section = (*document.sections[block.section].path, grid.header[0])
        found = _TableReader.of(file, grid, section, index).items()
        if grid.clipped:
            found = [replace(item, flags=(*item.flags, "spans-clipped")) for item in found]
        items.extend(found)
    return tuple(items)


def _unique_headers(header: tuple[str, ...]) -> tuple[str, ...]:
    out: list[str] = []
    seen: Counter[str] = Counter()  # how often each title is in ``out``
    for i, said in enumerate(header):
        title = said or f"column {i + 1}"
        out.append(title if title not in seen else f"{title} ({seen[title] + 1})")
        seen[out[-1]] += 1
    return tuple(out)


@dataclass(frozen=True, slots=True)
class _TableReader:
    """One table being read: its document, headers, cells read once, and the name column."""

    file: str
    grid: Grid
    section: tuple[str, ...]
    index: LabelIndex
    headers: tuple[str, ...]
    read: dict[Cell, CellText]
    name_column: int

    @classmethod
    def of(cls, file: str, grid: Grid, section: tuple[str, ...], index: LabelIndex) -> _TableReader:
        read: dict[Cell, CellText] = {}
        for row in grid.rows:
            for _, cell in row.cells():
                if cell not in read:  # a spanned cell is read once
                    read[cell] = read_cell(cell)
        cited = sorted({c for row in grid.rows for c, cell in row.cells() if read[cell].labels})
        named = [i for i, h in enumerate(grid.header) if _NAME_HEADER.search(h)]
        column = (cited or named or [0])[0]
        return cls(file, grid, section, index, _unique_headers(grid.header), read, column)

    def items(self) -> list[Item]:
        items: list[Item] = []
        opened: dict[Cell, int] = {}
        for row in self.grid.rows:
            name_cell = row[self.name_column]
            if name_cell is None or not self.read[name_cell].name:
                continue
            if name_cell in opened:  # a rowspan: this row continues an item
                items[opened[name_cell]] = self._continued(items[opened[name_cell]], row.opened())
                continue
            opened[name_cell] = len(items)
            items.append(self._item(row, name_cell))
        if not any(item.cites or item.labels or item.related for item in items):
            return []  # a table that cites nothing is layout, not a catalog
        return items

    def _links(self, row: GridRow) -> dict[str, str]:
        links: dict[str, str] = {}
        for column, cell in row.cells():
            for link in self.read[cell].links:
                kind = link.text.lower().strip()
                if kind not in _LINK_KINDS:
                    kind = "paper" if is_paper_url(link.url) else self.headers[column].lower()
                name, n = kind, 2
                while name in links and links[name] != link.url:
                    name, n = f"{kind}-{n}", n + 1
                links[name] = link.url
        return links

    def _attributes(self, row: GridRow) -> dict[str, str]:
        return {
            self.headers[c]: self.read[cell].plain
            for c, cell in row.cells()
            if c != self.name_column and self.read[cell].plain
        }

    def _item(self, row: GridRow, name_cell: Cell) -> Item:
        said = self.read[name_cell]
        links = self._links(row)
        if said.labels:
            resolution = resolve(self.index, self.file, said.labels, _paper_link(links))
            cites, flags = resolution.cites, resolution.flags
        else:
            lines = sorted({cell.line for _, cell in row.cells()})
            found = (k for line in lines for k in self.index.keys_at(self.file, line))
            cites = tuple(dict.fromkeys(found))
            if not cites:  # a row linking a paper cites the entry holding its identifier
                cites = self.index.keys_holding(self.file, _paper_link(links))
            flags = () if cites else ("no-citation",)
        return Item(
            name=said.name,
            section=self.section,
            file=self.file,
            line=name_cell.line,
            labels=said.labels,
            cites=cites,
            links=links,
            attributes=self._attributes(row),
            related=self._cited_cells(row),
            flags=flags,
        )

    def _cited_cells(self, row: GridRow) -> tuple[CitedCell, ...]:
        out = []
        for column, cell in row.cells():
            if column == self.name_column or not self.read[cell].labels:
                continue
            said = self.read[cell]
            resolution = resolve(self.index, self.file, said.labels, frozenset())
            header = self.headers[column]
            cites, flags = resolution.cites, resolution.flags
            out.append(CitedCell(header, said.name, cell.line, said.labels, cites, flags))
        return tuple(out)

    def _continued(self, item: Item, own: GridRow) -> Item:
        """``item`` plus the cells a continuation row opened: values joined, cells added."""
        attributes = dict(item.attributes)
        for header, value in self._attributes(own).items():
            if value not in attributes.get(header, "").split("; "):
                current = attributes.get(header)
                attributes[header] = f"{current}; {value}" if current else value
        links = {**self._links(own), **item.links}
        related = item.related + self._cited_cells(own)
        return replace(item, attributes=attributes, links=links, related=related)


def _paper_link(links: dict[str, str]) -> frozenset[Identifier]:
    urls = [url for kind, url in links.items() if kind.startswith("paper")]
    return link_identifiers(urls or [u for u in links.values() if is_paper_url(u)])

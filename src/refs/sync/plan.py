"""What `refs sync` does to a document's text: renumber the catalog cells' citations and
regenerate the References section, touching nothing else.

Each cited number is resolved to a store key through the document's reference list; a number
defined twice is decided by the row's own ``cites`` (what its paper link picked on import).
A cell that names another row of the document (``FLAN-T5 [7]`` in a base-model column) but cites
none of that row's entries is pointed at that row's entry: the row, backed by its paper link,
is the authority for what the name means. Works are then numbered in the order the rows first
cite them, and the document's other numbered entries follow in document order.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from refs.catalog import Item, LabelIndex
from refs.document import Document, Table, parse
from refs.model import Entry
from refs.render.readme import ReadmeGroup, ReadmeLayout, ReadmeSection
from refs.sync.citations import labels_in, rewrite_line
from refs.sync.order import group_keys, heading_path, relative
from refs.sync.references import ReferenceRegion, find_region

#: Renders the References section: groups (keys in number order) and the document's layout.
RenderSection = Callable[[Sequence[ReadmeGroup], ReadmeLayout], ReadmeSection]


@dataclass(frozen=True, slots=True)
class Target:
    """A cell's cited number and the key it will point at (None: left as it is)."""

    label: str
    key: str | None
    item: Item


@dataclass(frozen=True, slots=True)
class SyncPlan:
    """The document's new text, each key's number, and notes (``line: what``) on what was
    corrected or could not be decided."""

    text: str
    numbers: Mapping[str, int]
    notes: tuple[str, ...]
    warnings: tuple[str, ...]


#: A line with its end, as CommonMark (and so `refs.document`) numbers lines.
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")


def split_lines(text: str) -> list[str]:
    """``text`` cut after each line end, endings kept: ``\\r\\n``, ``\\r`` or ``\\n``, so that
    line ``n`` is the document model's line ``n`` (``str.splitlines`` also cuts at form feeds).

    >>> split_lines("a\\r\\nb\\rc")
    ['a\\r\\n', 'b\\r', 'c']
    """
    return _LINE.findall(text)


def _folded(name: str) -> str:
    return re.sub(r"[\W_]+", "", name.casefold())


class _Resolver:
    """Cells -> targets, noting what it corrected or could not decide."""

    def __init__(self, file: str, items: Sequence[Item], entries: Sequence[Entry]) -> None:
        self.file = file
        self.index = LabelIndex(entries)
        self.known = {entry.key for entry in entries}
        self.rows = {_folded(item.name): item for item in reversed(items) if item.cites}
        self.notes: list[str] = []

    def targets(self, items: Sequence[Item]) -> dict[int, list[Target]]:
        by_line: dict[int, list[Target]] = {}
        for item in sorted(items, key=lambda item: item.line):
            cells: list[tuple[int, tuple[str, ...], tuple[str, ...], str | None]]
            cells = [(item.line, item.labels, item.cites, None)]
            cells += [(c.line, c.labels, c.cites, c.name) for c in item.related]
            for line, labels, cites, named in sorted(cells, key=lambda cell: cell[0]):
                for label in labels:
                    key = self._key(line, label, cites, named, item)
                    by_line.setdefault(line, []).append(Target(label, key, item))
        return by_line

    def _key(
        self, line: int, label: str, cites: tuple[str, ...], named: str | None, item: Item
    ) -> str | None:
        keys = self.index.keys_for(self.file, label)
        numbered = self.index.ranks(self.file, label)  # the first in store order decides
        decided = min(
            (key for key in cites if key in numbered), key=numbered.__getitem__, default=None
        )
        key = keys[0] if len(keys) == 1 else decided
        if named is not None:
            row = self.rows.get(_folded(named))
            if row is not None and row is not item and len(row.cites) == 1 and key not in row.cites:
                self.notes.append(
                    f"{line}: {named} [{label}] now cites {row.cites[0]}, as the row "
                    f"{row.name!r} (line {row.line}) does"
                )
                key = row.cites[0]
        if key is None:
            why = f"numbers {len(keys)} entries" if keys else "has no entry"
            self.notes.append(f"{line}: [{label}] {why}; left as it is")
        elif key not in self.known:
            self.notes.append(f"{line}: [{label}] cites {key}, not in the store; left as it is")
            key = None
        return key


def _cited(
    targets: Mapping[int, list[Target]], base: tuple[str, ...]
) -> Iterator[tuple[str, tuple[str, ...]]]:
    for line in sorted(targets):
        for target in targets[line]:
            if target.key is not None:
                yield target.key, relative(heading_path(target.item), base) or ("",)


def _listed(
    file: str, entries: Sequence[Entry], document: Document, region: ReferenceRegion
) -> Iterator[tuple[str, tuple[str, ...]]]:
    """The document's numbered entries and those read from its References section, in
    document order, under their sub-heading there."""
    found = []
    for entry in entries:
        lines = [
            s.line
            for s in entry.sources
            if s.file == file and (s.label is not None or region.start < s.line <= region.end)
        ]
        if lines:
            found.append((min(lines), entry.key))
    for line, key in sorted(found):
        path = document.section_of(line).path if 0 < line <= len(document.lines) else ()
        yield (
            key,
            relative(path, region.heading) if path[: len(region.heading)] == region.heading else (),
        )


def plan_sync(
    file: str, text: str, items: Sequence[Item], entries: Sequence[Entry], render: RenderSection
) -> SyncPlan:
    """The synced text of the document ``file`` (its ``text``), its catalog ``items``."""
    lines = split_lines(text)
    document = parse(text)
    region = find_region(file, document, lines)
    resolver = _Resolver(file, items, entries)
    targets = resolver.targets(items)
    ordered = [*_cited(targets, region.heading[:-1]), *_listed(file, entries, document, region)]
    groups = [
        ReadmeGroup(tuple(h for h in group.heading if h), group.keys)
        for group in group_keys(ordered, base=())
    ]
    section = render(groups, region.layout)
    numbers = section.numbers
    out = list(lines)
    starts = sorted(targets)
    tables = sorted((b.line, b.end_line) for b in document.iter_blocks() if isinstance(b, Table))
    for n, line in enumerate(starts):
        following = starts[n + 1] if n + 1 < len(starts) else len(out) + 1
        stop = min(following, len(out) + 1, _table_end(tables, line) + 1)
        for at, here in _cell_lines(out, line, stop, targets[line]):
            if not region.start < at <= region.end:
                out[at - 1] = rewrite_line(out[at - 1], _renumber(here, numbers))
    eol = region.eol
    body = [f"{row}{eol}" for row in section.lines]
    if body and not lines[region.end - 1].endswith(("\n", "\r")):
        body[-1] = body[-1].removesuffix(eol)
    out[region.start : region.end] = body
    return SyncPlan("".join(out), numbers, tuple(resolver.notes), section.warnings)


def _table_end(tables: Sequence[tuple[int, int]], line: int) -> int:
    """The last line of the table holding ``line`` (``line`` itself when none holds it)."""
    return max((end for start, end in tables if start <= line <= end), default=line)


def _cell_lines(
    lines: Sequence[str], line: int, stop: int, found: Sequence[Target]
) -> Iterator[tuple[int, list[Target]]]:
    """The lines that print the citations ``found`` for a cell starting at ``line``, each with
    its own: a cell can go on over several lines (``<td>A [1]<br>`` / ``B [2]</td>``), up to
    the line before ``stop`` (where the next cell with citations starts)."""
    remaining = list(found)
    at = line
    while remaining and 0 < at < stop:
        printed = Counter(labels_in(lines[at - 1]))
        here = []
        for target in list(remaining):
            if printed[target.label] > 0:
                printed[target.label] -= 1
                here.append(target)
                remaining.remove(target)
        if here:
            yield at, here
        at += 1


def _renumber(
    found: Sequence[Target], numbers: Mapping[str, int]
) -> Callable[[str, int], str | None]:
    by_label: dict[str, list[str | None]] = {}  # each label's keys, in the line's order
    for target in found:
        by_label.setdefault(target.label, []).append(target.key)

    def renumber(label: str, seen: int) -> str | None:
        keys = by_label.get(label)
        if not keys:
            return None
        key = keys[min(seen, len(keys) - 1)]
        return str(numbers[key]) if key is not None and key in numbers else None

    return renumber

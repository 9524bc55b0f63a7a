"""Checks of catalog rows against the store: every finding names the row's document and line."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from refs.catalog import Agreement, Item, agreement, entry_identity, link_identifiers
from refs.check.findings import CheckContext, Finding
from refs.errors import Severity
from refs.parsing.identifiers import is_paper_url


def _cited(item: Item) -> Iterator[tuple[int, tuple[str, ...], str]]:
    """(line, labels, what) of the row's name cell and of each of its cited cells."""
    yield item.line, item.labels, f"row {item.name!r}"
    for cell in item.related:
        yield cell.line, cell.labels, f"{cell.column} cell {cell.name!r} of row {item.name!r}"


def dangling_citations(context: CheckContext) -> Iterator[Finding]:
    """A number the document's reference list does not define."""
    for item in context.catalog.items:
        has_list = context.labels.has_labels(item.file)
        for line, labels, what in _cited(item):
            for label in labels:
                if context.labels.keys_for(item.file, label):
                    continue
                if has_list:
                    yield Finding(
                        item.file,
                        line,
                        Severity.ERROR,
                        "dangling-citation",
                        f"{what} cites [{label}], which the reference list does not define",
                        f"add reference [{label}] to {item.file} or correct the number",
                    )
                else:
                    yield Finding(
                        item.file,
                        line,
                        Severity.WARNING,
                        "unresolved-citation",
                        f"{what} cites [{label}] but the document has no numbered references",
                        "import the document that defines the numbers",
                    )


def ambiguous_citations(context: CheckContext) -> Iterator[Finding]:
    """A number defined twice: an error on every row citing it, resolved or not, since an
    in-page link ``#ref3`` always goes to the first definition."""
    for item in context.catalog.items:
        for line, labels, what in _cited(item):
            for label in labels:
                keys = context.labels.keys_for(item.file, label)
                if len(keys) < 2:
                    continue
                numbered = context.labels.ranks(item.file, label)
                decided = (
                    next((k for k in item.cites if k in numbered), None)
                    if line == item.line
                    else None
                )
                how = f"; its paper link picks {decided}" if decided else ""
                yield Finding(
                    item.file,
                    line,
                    Severity.ERROR,
                    "ambiguous-citation",
                    f"{what} cites [{label}], which numbers {len(keys)} entries "
                    f"({_listed(keys)}){how}",
                    f"renumber the references of {item.file} so that each number is used once",
                )


def _listed(keys: tuple[str, ...], shown: int = 10) -> str:
    """``a, b, c`` — the first ``shown`` keys, then how many more: a number reused a thousand
    times must not print a thousand keys on every row that cites it."""
    more = f", … {len(keys) - shown} more" if len(keys) > shown else ""
    return ", ".join(keys[:shown]) + more


def _paper_urls(item: Item) -> list[str]:
    papers = [url for kind, url in item.links.items() if kind.startswith("paper")]
    return papers or [url for url in item.links.values() if is_paper_url(url)]


def link_mismatches(context: CheckContext) -> Iterator[Finding]:
    """A row whose paper link names a different work than the entry its number points to."""
    for item in context.catalog.items:
        row = link_identifiers(_paper_urls(item))
        if not row:
            continue
        for key in item.cites:
            entry = context.entry(key)
            if entry is None or agreement(row, entry_identity(entry)) is not Agreement.DIFFERENT:
                continue
            shown = ", ".join(sorted(f"{kind}:{value}" for kind, value in row if kind != "url"))
            yield Finding(
                item.file,
                item.line,
                Severity.ERROR,
                "link-mismatch",
                f"row {item.name!r} links {shown} but cites {key} ({entry.get('title')})",
                "cite the entry of the linked paper, or fix the row's paper link",
            )


def _folded(name: str) -> str:
    return re.sub(r"[\W_]+", "", name.casefold())


def related_mismatches(context: CheckContext) -> Iterator[Finding]:
    """A cell naming another row's item but citing a different entry than that row does."""
    rows: dict[tuple[str, str], Item] = {}  # the first row of each name
    cited: dict[tuple[str, str], set[str]] = defaultdict(set)  # what rows of that name cite
    for item in context.catalog.items:
        if item.cites:
            rows.setdefault((item.file, _folded(item.name)), item)
            cited[(item.file, _folded(item.name))].update(item.cites)
    for item in context.catalog.items:
        for cell in item.related:
            other = rows.get((item.file, _folded(cell.name)))
            if not cell.cites or other is None:
                continue
            if cited[(item.file, _folded(cell.name))].intersection(cell.cites):
                continue
            yield Finding(
                item.file,
                cell.line,
                Severity.ERROR,
                "related-mismatch",
                f"{cell.column} cell {cell.name!r} of row {item.name!r} cites "
                f"[{', '.join(cell.labels)}] ({', '.join(cell.cites)}), but the row "
                f"{other.name!r} (line {other.line}) cites {', '.join(other.cites)}",
                f"cite [{', '.join(other.labels)}] as the row {other.name!r} does",
            )


def unknown_keys(context: CheckContext) -> Iterator[Finding]:
    """A catalog key that is not in the store (a store edited after the import)."""
    for item in context.catalog.items:
        cited = [(item.line, key) for key in item.cites]
        cited += [(cell.line, key) for cell in item.related for key in cell.cites]
        for line, key in cited:
            if context.entry(key) is None:
                yield Finding(
                    item.file,
                    line,
                    Severity.ERROR,
                    "unknown-key",
                    f"row {item.name!r} cites {key}, which is not in the store",
                    "re-import the document (refs import) to re-resolve its rows",
                )


def uncited_entries(context: CheckContext) -> Iterator[Finding]:
    """A numbered entry of a document with catalog tables that no row or cell cites."""
    cited: dict[str, set[str]] = defaultdict(set)
    for item in context.catalog.items:
        cited[item.file].update(item.cites)
        for cell in item.related:
            cited[item.file].update(cell.cites)
    for entry in context.entries:
        for source in entry.sources:
            if source.label is None or source.file not in cited:
                continue
            if entry.key not in cited[source.file]:
                yield Finding(
                    source.file,
                    source.line,
                    Severity.WARNING,
                    "uncited-entry",
                    f"reference [{source.label}] ({entry.key}) is cited by no catalog row",
                    "cite it from a row, or drop it from the reference list",
                )

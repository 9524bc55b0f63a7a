"""Find an entry by key (a retired key resolves through ``ids``) and the catalog rows citing it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from refs.catalog import Catalog
from refs.errors import RefsError
from refs.model import Entry


def resolve_key(entries: Iterable[Entry], key: str) -> Entry | None:
    """The entry whose key is ``key`` (case-insensitively), else the one that retired it.

    >>> e = Entry("zhou2023lima", "misc", ids=("zhou2023less",))
    >>> resolve_key([e], "ZHOU2023LESS").key
    'zhou2023lima'
    """
    folded = key.casefold()
    retired = None
    for entry in entries:
        if entry.key.casefold() == folded:
            return entry
        if retired is None and any(alias.casefold() == folded for alias in entry.ids):
            retired = entry
    return retired


@dataclass(frozen=True, slots=True)
class CitingRow:
    """A catalog row (or one of its cells, ``column``) that cites a key, where it is in its
    document."""

    file: str
    line: int
    name: str
    section: tuple[str, ...]
    column: str | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}: {self.name}"
        return where if self.column is None else f"{where} ({self.column})"

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of a citing row."""
        return {
            "file": self.file,
            "line": self.line,
            "name": self.name,
            "section": list(self.section),
            "column": self.column,
        }


def citing_rows(catalog: Catalog, keys: Iterable[str]) -> list[CitingRow]:
    """The catalog rows and cells that cite any of ``keys`` (an entry's key and its aliases)."""
    wanted = {key.casefold() for key in keys}
    rows = []
    for item in catalog.items:
        if any(key.casefold() in wanted for key in item.cites):
            rows.append(CitingRow(item.file, item.line, item.name, item.section))
        rows.extend(
            CitingRow(item.file, cell.line, cell.name, item.section, cell.column)
            for cell in item.related
            if any(key.casefold() in wanted for key in cell.cites)
        )
    return rows


class UnknownKey(RefsError):
    """No entry has this key, nor retired it."""

    def __init__(self, key: str, store: str) -> None:
        super().__init__(f"{store}: no entry with key {key!r} (refs search finds entries)")

"""The catalog's values: one `Item` per catalog row, its cited cells, and the documents read."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class CitedCell:
    """A cell of a row, other than its name cell, that cites numbered references.

    ``name`` is what the cell names (``FLAN-T5`` for ``FLAN-T5 [7]``), ``labels`` the numbers as
    printed, ``cites`` the store keys they resolved to, ``line`` the cell's line in the document.
    """

    column: str
    name: str
    line: int
    labels: tuple[str, ...] = ()
    cites: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Item:
    """One catalog row: ``UnifiedQA [1]`` in the Datasets table of a survey README.

    ``line`` is the line of the row's name cell in ``file``; ``labels`` are the numbers the name
    cell cites, ``cites`` the keys they resolved to (or, for a table listing papers directly,
    the entries import made for the row). ``flags`` say what could not be resolved.
    """

    name: str
    section: tuple[str, ...]
    file: str
    line: int
    labels: tuple[str, ...] = ()
    cites: tuple[str, ...] = ()
    links: Mapping[str, str] = field(default_factory=dict)
    attributes: Mapping[str, str] = field(default_factory=dict)
    related: tuple[CitedCell, ...] = ()
    flags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Catalog:
    """Every document's content hash (sha256 of its bytes when imported) and every item."""

    documents: Mapping[str, str] = field(default_factory=dict)
    items: tuple[Item, ...] = ()

    def items_of(self, file: str) -> tuple[Item, ...]:
        """The items read from ``file``."""
        return tuple(item for item in self.items if item.file == file)


def with_document(catalog: Catalog, file: str, digest: str, items: tuple[Item, ...]) -> Catalog:
    """``catalog`` with ``file``'s hash and items replaced; documents and items kept sorted."""
    documents = dict(catalog.documents)
    documents[file] = digest
    kept = [item for item in catalog.items if item.file != file]
    ordered = sorted([*kept, *items], key=lambda item: (item.file, item.line, item.name))
    return Catalog(dict(sorted(documents.items())), tuple(ordered))

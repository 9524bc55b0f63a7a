"""catalog.yaml on disk: deterministic YAML (safe_dump, stable order), atomic writes, and the
key renames that follow a merge.

    documents:
      sources/002-survey-catalog.md: {sha256: 3f1c…}
    items:
    - name: UnifiedQA
      section: [Instruction Tuning, Datasets, Type]
      source: {file: sources/002-survey-catalog.md, line: 89}
      labels: ['1']
      cites: [khashabi2020unifiedqa]
      links: {paper: 'https://arxiv.org/abs/2005.00700', project: …}
      attributes: {Type: Human-Crafted, '# of Instructions': 750K}
      related:
      - {column: Base Model, name: GPT-3, line: 442, labels: ['36'], cites: [brown2020language]}
      flags: ['ambiguous:3', 'decided-by-link:3']
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from refs.catalog.model import Catalog, CitedCell, Item
from refs.catalog.reader import CATALOG_LIMIT, parse_catalog
from refs.errors import UnreadableInput
from refs.project import Refused, read_regular
from refs.store import atomic_write
from refs.store.files import digest_bytes

__all__ = [
    "document_digest",
    "dump_catalog",
    "load_catalog",
    "parse_catalog",
    "rename_keys",
    "save_catalog",
]


#: The content hash kept per document: sha256 of the bytes imported (the digest undo compares
#: files by, too).
document_digest = digest_bytes


def _cell_dict(cell: CitedCell) -> dict[str, Any]:
    out: dict[str, Any] = {
        "column": cell.column,
        "name": cell.name,
        "line": cell.line,
        "labels": list(cell.labels),
        "cites": list(cell.cites),
    }
    if cell.flags:
        out["flags"] = list(cell.flags)
    return out


def _item_dict(item: Item) -> dict[str, Any]:
    out: dict[str, Any] = {
        "name": item.name,
        "section": list(item.section),
        "source": {"file": item.file, "line": item.line},
        "labels": list(item.labels),
        "cites": list(item.cites),
        "links": dict(item.links),
        "attributes": dict(item.attributes),
        "related": [_cell_dict(cell) for cell in item.related],
    }
    if item.flags:
        out["flags"] = list(item.flags)
    return out


def dump_catalog(catalog: Catalog) -> bytes:
    """The catalog as YAML bytes; the same catalog always gives the same bytes."""
    data = {
        "documents": {file: {"sha256": digest} for file, digest in catalog.documents.items()},
        "items": [_item_dict(item) for item in catalog.items],
    }
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    return text.encode("utf-8")


def load_catalog(path: Path) -> Catalog:
    """The catalog at ``path``; an empty one when the file does not exist. Only a regular file
    of at most `CATALOG_LIMIT` bytes is read (a FIFO or a device is refused, not waited on)."""
    try:
        data = read_regular(path, CATALOG_LIMIT)
    except FileNotFoundError:
        return Catalog()
    except Refused as error:
        raise UnreadableInput(str(error)) from None
    except OSError as error:
        msg = f"{path}: cannot read: {error.strerror or error}"
        raise UnreadableInput(msg) from None
    return parse_catalog(data, str(path))


def save_catalog(path: Path, catalog: Catalog) -> bool:
    """Write ``catalog`` atomically when its bytes differ from the file's; True if written."""
    data = dump_catalog(catalog)
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    atomic_write(path, data)
    return True


def _renamed(keys: tuple[str, ...], renames: Mapping[str, str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(renames.get(key, key) for key in keys))


def rename_keys(catalog: Catalog, renames: Mapping[str, str]) -> Catalog:
    """``catalog`` with every cited key passed through ``renames`` (old -> new)."""
    items = tuple(
        replace(
            item,
            cites=_renamed(item.cites, renames),
            related=tuple(
                replace(cell, cites=_renamed(cell.cites, renames)) for cell in item.related
            ),
        )
        for item in catalog.items
    )
    return Catalog(catalog.documents, items)

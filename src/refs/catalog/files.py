"""catalog.yaml on disk: deterministic YAML (safe_dump, stable order), atomic writes, and the
key renames that follow a merge.

    documents:
      sources/002.txt: {sha256: 3f1c…}
    items:
    - name: UnifiedQA
      section: [Instruction Tuning, Datasets, Type]
      source: {file: sources/002.txt, line: 89}
      labels: ['1']
      cites: [khashabi2020unifiedqa]
      links: {paper: 'https://arxiv.org/abs/2005.00700', project: …}
      attributes: {Type: Human-Crafted, '# of Instructions': 750K}
      related:
      - {column: Base Model, name: GPT-3, line: 442, labels: ['36'], cites: [brown2020language]}
      flags: ['ambiguous:3', 'decided-by-link:3']
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from refs.catalog.model import Catalog, CitedCell, Item
from refs.errors import UnreadableInput
from refs.store import atomic_write


def document_digest(data: bytes) -> str:
    """The content hash kept per document: sha256 of the bytes imported."""
    return hashlib.sha256(data).hexdigest()


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


def _strings(value: object) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(str(v) for v in value)


def _mapping(value: object) -> dict[str, str]:
    if not isinstance(value, Mapping):
        return {}
    return {str(k): str(v) for k, v in value.items()}


def _cell(data: Mapping[str, Any]) -> CitedCell:
    return CitedCell(
        column=str(data.get("column", "")),
        name=str(data.get("name", "")),
        line=int(data.get("line", 0)),
        labels=_strings(data.get("labels")),
        cites=_strings(data.get("cites")),
        flags=_strings(data.get("flags")),
    )


def _item(data: Mapping[str, Any]) -> Item:
    source = data.get("source") or {}
    return Item(
        name=str(data.get("name", "")),
        section=_strings(data.get("section")),
        file=str(source.get("file", "")),
        line=int(source.get("line", 0)),
        labels=_strings(data.get("labels")),
        cites=_strings(data.get("cites")),
        links=_mapping(data.get("links")),
        attributes=_mapping(data.get("attributes")),
        related=tuple(_cell(c) for c in data.get("related") or () if isinstance(c, Mapping)),
        flags=_strings(data.get("flags")),
    )


def parse_catalog(data: bytes, name: str) -> Catalog:
    """Catalog YAML -> `Catalog`; raises `UnreadableInput` naming the file (and line)."""
    try:
        loaded = yaml.safe_load(data.decode("utf-8")) or {}
        if not isinstance(loaded, Mapping):
            msg = "not a mapping with documents and items"
            raise TypeError(msg)
        documents = {
            str(file): str((stamp or {}).get("sha256", ""))
            for file, stamp in (loaded.get("documents") or {}).items()
        }
        items = tuple(_item(item) for item in loaded.get("items") or ())
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{name}:{mark.line + 1}" if mark is not None else name
        msg = f"{where}: not valid YAML: {getattr(error, 'problem', None) or error}"
        raise UnreadableInput(msg) from None
    except (UnicodeDecodeError, TypeError, ValueError, AttributeError) as error:
        msg = f"{name}: not a refs catalog: {error}"
        raise UnreadableInput(msg) from None
    return Catalog(documents, items)


def load_catalog(path: Path) -> Catalog:
    """The catalog at ``path``; an empty one when the file does not exist."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return Catalog()
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

"""The warm-load index: a parsed store cached under the cache directory, keyed by its content.

A second load of an unchanged store reads this instead of parsing. The key is a hash of the
file's bytes (so an edit by any tool invalidates it) plus the index format and Python version
(``marshal``'s format may change between Pythons).
"""

from __future__ import annotations

import contextlib
import marshal
import sys
from pathlib import Path
from typing import Any

from refs.bibtex import Block, BlockKind, ParsedBib
from refs.errors import Problem, Severity
from refs.model import Entry, SourceLocation
from refs.store.files import atomic_output

#: Bump when the cached layout changes.
INDEX_FORMAT = 2
#: Blocks per marshal record: bounds the extra memory of writing or reading the index.
_CHUNK = 4096
#: How many indexes to keep (one per store content seen recently).
KEEP = 8

_KINDS = {kind.value: kind for kind in BlockKind}


def _index_dir(cache_dir: Path) -> Path:
    return cache_dir / "store-index"


def _index_path(cache_dir: Path, digest: str) -> Path:
    tag = f"v{INDEX_FORMAT}-py{sys.version_info.major}{sys.version_info.minor}"
    return _index_dir(cache_dir) / f"{digest}-{tag}.marshal"


def _entry_row(entry: Entry) -> tuple[Any, ...]:
    return (
        entry.key,
        entry.entry_type,
        tuple(entry.fields.items()),
        tuple((s.file, s.line, s.label) for s in entry.sources),
        entry.ids,
        tuple(entry.macros),
    )


def _entry_from_row(row: tuple[Any, ...]) -> Entry:
    key, entry_type, fields, sources, ids, macros = row
    return Entry(
        key,
        entry_type,
        dict(fields),
        tuple(SourceLocation(file, line, label) for file, line, label in sources),
        ids,
        frozenset(macros),
    )


def _block_row(block: Block) -> tuple[Any, ...]:
    entry = None if block.entry is None else _entry_row(block.entry)
    return (
        block.kind.value,
        block.start,
        block.end,
        block.line,
        entry,
        block.name,
        block.value,
        block.is_expression,
    )


def _block_from_row(row: tuple[Any, ...]) -> Block:
    kind, start, end, line, entry, name, value, is_expression = row
    return Block(
        _KINDS[kind],
        start,
        end,
        line,
        None if entry is None else _entry_from_row(entry),
        name,
        value,
        is_expression,
    )


def save_index(cache_dir: Path, digest: str, parsed: ParsedBib) -> None:
    """Cache ``parsed`` for the content ``digest``; a cache that cannot be written is skipped.

    Written in chunks, so that caching a 100k-entry store never holds a second copy of it.
    """
    path = _index_path(cache_dir, digest)
    blocks = parsed.blocks
    problems = tuple((p.line, p.code, p.message, p.severity.value) for p in parsed.problems)
    # a read-only or full cache directory must never fail the command
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_output(path) as handle:
            marshal.dump((INDEX_FORMAT, len(blocks), problems), handle)
            for start in range(0, len(blocks), _CHUNK):
                chunk = tuple(_block_row(b) for b in blocks[start : start + _CHUNK])
                marshal.dump(chunk, handle)
        _prune(path.parent)


def load_index(cache_dir: Path, digest: str, file: str) -> ParsedBib | None:
    """The cached parse of the content ``digest``, or None when there is none (or it is bad)."""
    path = _index_path(cache_dir, digest)
    blocks: list[Block] = []
    try:
        with path.open("rb") as handle:
            version, count, problems = marshal.load(handle)
            if version != INDEX_FORMAT:
                return None
            while len(blocks) < count:
                blocks.extend(_block_from_row(row) for row in marshal.load(handle))
    except (OSError, ValueError, EOFError, TypeError):
        return None
    with contextlib.suppress(OSError):
        path.touch()
    return ParsedBib(
        tuple(blocks),
        tuple(
            Problem(file, line, code, message, Severity(severity))
            for line, code, message, severity in problems
        ),
    )


def _prune(directory: Path) -> None:
    indexes = sorted(directory.glob("*.marshal"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in indexes[KEEP:]:
        with contextlib.suppress(OSError):
            old.unlink()

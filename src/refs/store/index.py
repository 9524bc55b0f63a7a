"""The warm-load index: a parsed store cached under the cache directory, keyed by its content.

A second load of an unchanged store reads this instead of parsing. The key is a hash of the
file's bytes (so an edit by any tool invalidates it) plus the index format and Python version
(``marshal``'s format may change between Pythons).
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
from pathlib import Path
from types import MappingProxyType
from typing import IO, Any

from refs.allocation import collector_paused
from refs.bibtex import Block, BlockKind, ParsedBib
from refs.errors import Problem, Severity
from refs.model import Entry, SourceLocation
from refs.store.files import atomic_output

#: Bump when the cached layout changes.
INDEX_FORMAT = 4
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
        MappingProxyType(dict(fields)),  # already read-only: Entry keeps it without a copy
        tuple(SourceLocation(file, line, label) for file, line, label in sources),
        ids,
        frozenset(macros),
    )


def _write_record(handle: IO[bytes], value: Any) -> None:
    """One length-prefixed marshal record (``marshal.load`` on a file reads in tiny pieces;
    reading a whole record and ``marshal.loads`` is an order of magnitude faster)."""
    data = marshal.dumps(value)
    handle.write(len(data).to_bytes(8, "little"))
    handle.write(data)


def _read_record(handle: IO[bytes]) -> Any:
    size = int.from_bytes(handle.read(8), "little")
    if size > os.fstat(handle.fileno()).st_size - handle.tell():
        raise EOFError  # a damaged index: never trust its lengths
    data = handle.read(size)
    if len(data) != size:
        raise EOFError
    return marshal.loads(data)


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
            _write_record(handle, (INDEX_FORMAT, len(blocks), problems))
            for start in range(0, len(blocks), _CHUNK):
                _write_record(handle, tuple(_block_row(b) for b in blocks[start : start + _CHUNK]))
        _prune(path.parent)


def load_index(cache_dir: Path, digest: str, file: str) -> ParsedBib | None:
    """The cached parse of the content ``digest``, or None when there is none (or it is bad)."""
    path = _index_path(cache_dir, digest)
    blocks: list[Block] = []
    try:
        with path.open("rb") as handle, collector_paused():
            version, count, problems = _read_record(handle)
            if version != INDEX_FORMAT:
                return None
            while len(blocks) < count:
                blocks.extend(_block_from_row(row) for row in _read_record(handle))
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

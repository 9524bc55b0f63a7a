"""`refs export`: the whole store in one format, to a file or stdout."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import IO

from refs.errors import Problem
from refs.export import exporter_for
from refs.store import atomic_output, load_store
from refs.workflows.common import require_store


@dataclass(frozen=True, slots=True)
class ExportResult:
    """What `export` did: how many entries, in which format, and what to tell the user."""

    count: int
    format: str
    problems: tuple[Problem, ...]
    warnings: tuple[str, ...]


def export(
    store_path: Path,
    fmt: str | None,
    output: Path | None,
    stdout: IO[bytes],
    cache_dir: Path | None = None,
) -> ExportResult:
    """Write the whole store in ``fmt`` (or the format ``output``'s suffix names) to ``output``,
    atomically, or to ``stdout``. The store's problems are returned, not raised: a store with
    malformed blocks or repeated keys still exports every entry."""
    exporter = exporter_for(fmt, output)
    require_store(store_path)
    store = load_store(store_path, cache_dir)
    entries = store.entries()
    if output is None:
        warnings = exporter.write(entries, store.macros, stdout)
    else:
        with atomic_output(output) as handle:
            warnings = exporter.write(entries, store.macros, handle)
    return ExportResult(len(entries), exporter.name, store.problems, tuple(warnings))

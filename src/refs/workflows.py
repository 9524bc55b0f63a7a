"""One plain function per command: paths and objects in, results out; no click, no printing."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from refs.errors import Problem, UnreadableInput
from refs.export import exporter_for
from refs.importing import DocumentReport, import_document
from refs.store import atomic_output, edit_store, load_store


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
    if not store_path.exists():
        msg = f"no store at {store_path}: give --store FILE, set REFS_STORE, or run refs import"
        raise UnreadableInput(msg)
    store = load_store(store_path, cache_dir)
    entries = store.entries()
    if output is None:
        warnings = exporter.write(entries, store.macros, stdout)
    else:
        with atomic_output(output) as handle:
            warnings = exporter.write(entries, store.macros, handle)
    return ExportResult(len(entries), exporter.name, store.problems, tuple(warnings))


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What `import_documents` did, per document, and what it found wrong."""

    reports: tuple[DocumentReport, ...]
    problems: tuple[Problem, ...]

    @property
    def flagged(self) -> int:
        """Occurrences flagged in all documents."""
        return sum(r.flagged for r in self.reports)


def read_documents(paths: Sequence[str], stdin: IO[bytes]) -> list[tuple[str, bytes]]:
    """Each path's bytes (``-`` reads standard input), before anything is written: a path that
    cannot be read stops the import with `UnreadableInput`."""
    documents = []
    for name in paths:
        if name == "-":
            documents.append(("<stdin>", stdin.read()))
            continue
        try:
            documents.append((name, Path(name).read_bytes()))
        except OSError as error:
            msg = f"{name}: cannot read: {error.strerror or error}"
            raise UnreadableInput(msg) from None
    return documents


def import_documents(
    store_path: Path,
    documents: Sequence[tuple[str, bytes]],
    cache_dir: Path | None = None,
    progress: Callable[[int], None] | None = None,
) -> ImportResult:
    """Import documents (name as it is recorded, bytes) into the store, then save it once,
    holding the store's lock throughout. ``progress`` is told each document's size when done."""
    reports = []
    problems: list[Problem] = []
    with edit_store(store_path, cache_dir) as store:
        problems.extend(store.problems)
        for name, data in documents:
            report, found = import_document(store, name, data)
            reports.append(report)
            problems.extend(found)
            if progress is not None:
                progress(len(data))
    return ImportResult(tuple(reports), tuple(problems))

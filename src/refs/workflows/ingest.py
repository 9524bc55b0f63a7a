"""`refs import`: documents and .bib files into the store, in one locked write."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from refs.errors import Problem, UnreadableInput
from refs.importing import DocumentReport, import_document
from refs.store import edit_store


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

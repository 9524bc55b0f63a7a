"""`refs export`: the store, or the entries a paper cites, in one format, to a file or stdout."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from refs.citekeys import cited_keys, kind_of
from refs.errors import Problem, UnreadableInput
from refs.export import ExportOptions, exporter_for, select_entries, under_cited_keys
from refs.store import atomic_output, load_store
from refs.workflows.common import require_store, section_keys


@dataclass(frozen=True, slots=True)
class ExportResult:
    """What `export` did: how many entries, in which format, and what to tell the user.

    ``resolved`` maps each requested key found under another spelling (a retired key, another
    case) to the store key; ``missing`` lists the requested keys not in the store. For BibTeX,
    which has no aliases, ``written_as`` maps a store key to the cited key its entry was
    written under, and ``also_cited`` each other key cited for an entry to the key it was
    written under (a paper citing ``\\cite{old}`` and ``\\cite{new}``: BibTeX finds one).
    """

    count: int
    format: str
    problems: tuple[Problem, ...]
    warnings: tuple[str, ...]
    resolved: dict[str, str] = field(default_factory=dict)
    missing: tuple[str, ...] = ()
    written_as: dict[str, str] = field(default_factory=dict)
    also_cited: dict[str, str] = field(default_factory=dict)


def read_cited_keys(paths: Sequence[Path]) -> tuple[list[str], list[str]]:
    """The keys cited in ``paths`` (.aux, .tex, Markdown), in order, and a warning for each
    document that cites nothing. An unreadable document raises `UnreadableInput`."""
    keys: list[str] = []
    warnings: list[str] = []
    for path in paths:
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError as error:
            msg = f"{path}: {error.strerror or error}"
            raise UnreadableInput(msg) from error
        kind = kind_of(path, text)
        found = cited_keys(text, kind)
        if not found:
            warnings.append(f"{path}: no citations found (read as {kind})")
        keys += found
    return keys, warnings


def export(
    store_path: Path,
    fmt: str | None,
    output: Path | None,
    stdout: IO[bytes],
    cache_dir: Path | None = None,
    *,
    options: ExportOptions | None = None,
    keys: Sequence[str] = (),
    cited_in: Sequence[Path] = (),
    section: str | None = None,
    catalog_path: Path | None = None,
) -> ExportResult:
    """Write the store in ``fmt`` (or the format ``output``'s suffix names) to ``output``,
    atomically, or to ``stdout``. With ``keys`` or ``cited_in`` only those entries are
    written; keys not found are returned, and what was found is written all the same.
    With ``section``, the entries that catalog section cites (read from ``catalog_path``).

    The store's problems are returned, not raised: a store with malformed blocks or repeated
    keys still exports every entry.
    """
    exporter = exporter_for(fmt, output)
    requested, warnings = read_cited_keys(cited_in)
    requested = [*keys, *requested]
    if section is not None:
        requested += section_keys(catalog_path, section)
    require_store(store_path)
    store = load_store(store_path, cache_dir)
    entries = store.entries()
    resolved: dict[str, str] = {}
    missing: tuple[str, ...] = ()
    written_as: dict[str, str] = {}
    also_cited: dict[str, str] = {}
    if keys or cited_in or section is not None:
        selection = select_entries(entries, requested)
        entries, resolved, missing = selection.entries, selection.resolved, selection.missing
        if not exporter.aliases:  # BibTeX: each entry under the key the paper cites
            written = under_cited_keys(selection)
            written_as = {e.key: w.key for e, w in zip(entries, written, strict=True) if e is not w}
            entries, also_cited = written, selection.also_cited
    options = options or ExportOptions()
    if output is None:
        warnings += exporter.write(entries, store.macros, stdout, options)
    else:
        with atomic_output(output) as handle:
            warnings += exporter.write(entries, store.macros, handle, options)
    return ExportResult(
        len(entries),
        exporter.name,
        store.problems,
        tuple(warnings),
        resolved,
        missing,
        written_as,
        also_cited,
    )

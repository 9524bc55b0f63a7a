"""`refs check`: lint the store and the catalog (and the documents they name, when present)."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path

from refs.catalog import document_digest, load_catalog
from refs.check import CHECKS, Check, CheckContext, Finding, run_checks
from refs.encoding import BinaryInput, decode_text
from refs.errors import Problem, Severity
from refs.project import Refused, read_in_project
from refs.store import load_store
from refs.workflows.common import require_store

#: Names that are not files on disk.
_NOT_FILES = frozenset({"<stdin>", "-"})


@dataclass(frozen=True, slots=True)
class CheckResult:
    """Every finding, sorted; ``has_errors`` decides the exit status."""

    findings: tuple[Finding, ...]

    @property
    def has_errors(self) -> bool:
        """True when a finding is an error."""
        return any(f.severity is Severity.ERROR for f in self.findings)


def _as_finding(problem: Problem) -> Finding:
    return Finding(
        problem.file,
        problem.line,
        problem.severity,
        problem.code,
        problem.message,
        "fix the store file at that line",
    )


@dataclass(frozen=True, slots=True)
class _Documents:
    texts: dict[str, str | None]
    digests: dict[str, str]
    refused: dict[str, str]


def _read_documents(names: Iterable[str], project: Path) -> _Documents:
    """The documents data names, each read only if it is a regular file of bounded size under
    ``project``; the others are refused with the reason, never opened."""
    read = _Documents({}, {}, {})
    for name in sorted(set(names) - _NOT_FILES):
        try:
            data = read_in_project(project, name)
        except Refused as refusal:
            read.refused[name] = refusal.why
            continue
        except OSError:
            read.texts[name] = None
            continue
        try:
            read.texts[name] = decode_text(data, name)[0]
        except BinaryInput:
            read.refused[name] = "binary data, not a text document"
            continue
        read.digests[name] = document_digest(data)
    return read


def check(
    store_path: Path,
    catalog_path: Path,
    cache_dir: Path | None = None,
    checks: tuple[Check, ...] = CHECKS,
    *,
    ignore: Collection[str] = (),
    project: Path | None = None,
) -> CheckResult:
    """Run ``checks`` on the store at ``store_path`` and the catalog at ``catalog_path`` (an
    absent catalog is an empty one). The documents they name are read relative to ``project``
    (`Settings.project`; default the working directory) and only inside it. Findings whose
    code is in ``ignore`` are left out."""
    require_store(store_path)
    store = load_store(store_path, cache_dir)
    catalog = load_catalog(catalog_path)
    pairs = [(b.entry, b.line) for b in store.blocks if b.entry is not None]
    names = set(catalog.documents)
    names.update(s.file for entry, _ in pairs for s in entry.sources if s.label is not None)
    read = _read_documents(names, Path() if project is None else project)
    context = CheckContext(
        store_file=str(store_path),
        entries=tuple(entry for entry, _ in pairs),
        entry_lines=tuple(line for _, line in pairs),
        catalog=catalog,
        documents=read.texts,
        digests=read.digests,
        refused=read.refused,
    )
    found = [_as_finding(p) for p in store.problems] + run_checks(context, checks)
    return CheckResult(tuple(f for f in found if f.code not in ignore))

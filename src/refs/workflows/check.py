"""`refs check`: lint the store and the catalog (and the documents they name, when present)."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from refs.catalog import document_digest, load_catalog
from refs.check import CHECKS, Check, CheckContext, Finding, run_checks
from refs.encoding import BinaryInput, decode_text
from refs.errors import Problem, Severity
from refs.project import DOCUMENT_LIMIT, Refusal, Refused, confine, read_regular
from refs.store import load_store
from refs.workflows.common import require_store

_T = TypeVar("_T")

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


#: The most `refs check` reads of the documents that data names, all of them together: four
#: documents at the largest size it opens. A store naming thousands of large files (as a
#: hostile repository's could) costs at most this much reading, not their sum.
DOCUMENTS_BUDGET = 4 * DOCUMENT_LIMIT


@dataclass(frozen=True, slots=True)
class _Documents:
    """What was read, by each name the data spells: a name's text, its digest, why it was
    refused, or why it was skipped (the budget was spent)."""

    texts: dict[str, str | None] = field(default_factory=dict)
    digests: dict[str, str] = field(default_factory=dict)
    refused: dict[str, str] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)

    def alias(self, name: str, first: str) -> None:
        """``name`` spells the file ``first`` was read as: it gets what ``first`` got (the same
        text object, so no second copy)."""
        _copy(self.texts, name, first)
        _copy(self.digests, name, first)
        _copy(self.refused, name, first)
        _copy(self.skipped, name, first)


def _copy(found: dict[str, _T], name: str, first: str) -> None:
    if first in found:
        found[name] = found[first]


def _size(count: int) -> str:
    return f"{round(count / 2**20, 1):g} MiB" if count >= 2**20 else f"{count} bytes"


def read_documents(
    names: Iterable[str], project: Path, budget: int = DOCUMENTS_BUDGET
) -> _Documents:
    """The documents data names, each read only if it is a regular file of bounded size under
    ``project``; the others are refused with the reason, never opened.

    Each real file is read once, however many spellings name it (``README.md``,
    ``./README.md``, ``docs/../README.md``), and all of them together at most ``budget``
    bytes: in name order, a document that no longer fits is skipped, and says so."""
    read = _Documents()
    first_name: dict[Path, str] = {}  # real path -> the name it was read under
    used = 0
    for name in sorted(set(names) - _NOT_FILES):
        try:
            path = confine(project, name)
        except Refused as refusal:
            read.refused[name] = refusal.why
            continue
        if path in first_name:
            read.alias(name, first_name[path])
            continue
        first_name[path] = name
        limit = min(DOCUMENT_LIMIT, budget - used)
        try:
            data = read_regular(path, limit, name)
        except Refused as refusal:
            if refusal.reason is Refusal.TOO_LARGE and limit < DOCUMENT_LIMIT:
                if _fits_alone(path):
                    read.skipped[name] = (
                        f"refs check reads at most {_size(budget)} of documents in all, and "
                        f"the documents before it (in name order) took {_size(used)} of it"
                    )
                    continue
                refusal = Refused(name, Refusal.TOO_LARGE, f"(over {_size(DOCUMENT_LIMIT)})")
            read.refused[name] = refusal.why
            continue
        except OSError:
            read.texts[name] = None
            continue
        used += len(data)
        try:
            read.texts[name] = decode_text(data, name)[0]
        except BinaryInput:
            read.refused[name] = "binary data, not a text document"
            continue
        read.digests[name] = document_digest(data)
    return read


def _fits_alone(path: Path) -> bool:
    """Would the file be read, were the budget not spent? (Else it is refused as too large.)"""
    try:
        return path.stat().st_size <= DOCUMENT_LIMIT
    except OSError:
        return True


def check(
    store_path: Path,
    catalog_path: Path,
    cache_dir: Path | None = None,
    checks: tuple[Check, ...] = CHECKS,
    *,
    ignore: Collection[str] = (),
    project: Path | None = None,
    documents_budget: int = DOCUMENTS_BUDGET,
) -> CheckResult:
    """Run ``checks`` on the store at ``store_path`` and the catalog at ``catalog_path`` (an
    absent catalog is an empty one). The documents they name are read relative to ``project``
    (`Settings.project`; default the working directory) and only inside it. Findings whose
    code is in ``ignore`` are left out. Each document is read once, and all of them at most
    ``documents_budget`` bytes (`DOCUMENTS_BUDGET`)."""
    require_store(store_path)
    store = load_store(store_path, cache_dir)
    catalog = load_catalog(catalog_path)
    pairs = [(b.entry, b.line) for b in store.blocks if b.entry is not None]
    names = set(catalog.documents)
    names.update(s.file for entry, _ in pairs for s in entry.sources if s.label is not None)
    read = read_documents(names, Path() if project is None else project, documents_budget)
    context = CheckContext(
        store_file=str(store_path),
        entries=tuple(entry for entry, _ in pairs),
        entry_lines=tuple(line for _, line in pairs),
        catalog=catalog,
        documents=read.texts,
        digests=read.digests,
        refused=read.refused,
        skipped=read.skipped,
    )
    found = [_as_finding(p) for p in store.problems] + run_checks(context, checks)
    return CheckResult(tuple(f for f in found if f.code not in ignore))

"""What `refs check` reports: a `Finding`, and the `CheckContext` every check reads."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from refs.catalog import Catalog, LabelIndex
from refs.errors import Severity
from refs.model import Entry


@dataclass(frozen=True, slots=True)
class Finding:
    """One finding: where (the source document and line for catalog rows), how bad, what, and a
    suggested fix.

    >>> str(Finding("README.md", 12, Severity.ERROR, "dangling-citation", "[9] has no entry"))
    'README.md:12: error dangling-citation: [9] has no entry'
    """

    file: str
    line: int
    severity: Severity
    code: str
    message: str
    fix: str = ""

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.severity} {self.code}: {self.message}"

    def as_dict(self) -> dict[str, str | int]:
        """The JSON form: ``{file, line, severity, code, message}``."""
        return {
            "file": self.file,
            "line": self.line,
            "severity": str(self.severity),
            "code": self.code,
            "message": self.message,
        }


@dataclass(frozen=True)
class CheckContext:
    """What the checks read: the store's entries (with their line in the store file), the
    catalog, the text of each document they name (None when it cannot be read), and the names
    that were not opened at all, with the reason (outside the project, not a regular file…)."""

    store_file: str
    entries: tuple[Entry, ...]
    entry_lines: tuple[int, ...]
    catalog: Catalog = field(default_factory=Catalog)
    documents: Mapping[str, str | None] = field(default_factory=dict)
    digests: Mapping[str, str] = field(default_factory=dict)
    refused: Mapping[str, str] = field(default_factory=dict)
    #: Names not read because the documents before them took all that check reads, and why.
    skipped: Mapping[str, str] = field(default_factory=dict)

    @cached_property
    def labels(self) -> LabelIndex:
        """Which entries each document's numbers point at."""
        return LabelIndex(self.entries)

    @cached_property
    def by_key(self) -> dict[str, Entry]:
        """The first entry of each key, case-insensitively."""
        out: dict[str, Entry] = {}
        for entry in self.entries:
            out.setdefault(entry.key.casefold(), entry)
        return out

    def entry(self, key: str) -> Entry | None:
        """The entry with this key (case-insensitively), or None."""
        return self.by_key.get(key.casefold())

    @cached_property
    def _lines(self) -> dict[int, int]:
        """Each entry's line in the store file, by the entry's identity (a repeated key is
        two entries)."""
        lines: dict[int, int] = {}
        for entry, line in zip(self.entries, self.entry_lines, strict=True):
            lines.setdefault(id(entry), line)
        return lines

    def line_of(self, entry: Entry) -> int:
        """The line of ``entry`` in the store file (0 when unknown)."""
        return self._lines.get(id(entry), 0)


#: A check: a small named function from the context to its findings.
Check = Callable[[CheckContext], Iterable[Finding]]

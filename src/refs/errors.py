"""The error vocabulary: `RefsError` for what a user can fix, `Problem` for findings."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class RefsError(Exception):
    """Something a user can fix; ``str()`` is the message we show them."""


class UnreadableInput(RefsError):
    """A file that cannot be read at all (missing, a directory, not text)."""


class StoreChanged(RefsError):
    """The store changed on disk between our read and our write; nothing was written."""


class Severity(StrEnum):
    """How bad a finding is: errors fail `refs check`, warnings do not."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding, located in a file: collected during bulk work instead of raising.

    >>> str(Problem("references.bib", 12, "malformed-block", "no entry type after '@'"))
    "references.bib:12: warning malformed-block: no entry type after '@'"
    """

    file: str
    line: int
    code: str
    message: str
    severity: Severity = Severity.WARNING

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.severity} {self.code}: {self.message}"

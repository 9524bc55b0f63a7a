"""`refs dedupe` groups labels by the rule import reads them with (`refs.parsing.numbering`):
one label twice in one numbering of a document is a conflict; a numbering that starts again
(a list per heading, each from 1) is another numbering."""

from __future__ import annotations

from refs.dedupe import find_duplicates
from refs.model import Entry, SourceLocation


def _numbered(key: str, title: str, *places: tuple[int, str]) -> Entry:
    sources = tuple(SourceLocation("README.md", line, label) for line, label in places)
    return Entry(key, "misc", {"title": title, "year": "2021"}, sources=sources)


def _label_conflicts(entries: list[Entry]) -> list[list[str]]:
    report = find_duplicates(entries)
    return [[e.key for e in c.members] for c in report.conflicts if "label-reused" in c.reasons]


def test_lists_that_restart_per_heading_reuse_no_label() -> None:
    entries = [
        _numbered("lanterns", "Graph Lanterns", (10, "1")),
        _numbered("kettles", "Spectral Kettles", (11, "2")),
        _numbered("pooling", "Pooling by Candlelight", (20, "1")),
        _numbered("routers", "Sparse Routers Revisited", (21, "2")),
    ]
    assert _label_conflicts(entries) == []


def test_a_label_printed_twice_in_one_numbering_is_a_conflict() -> None:
    entries = [
        _numbered("lanterns", "Graph Lanterns", (10, "1")),
        _numbered("kettles", "Spectral Kettles", (11, "2")),
        _numbered("pooling", "Pooling by Candlelight", (12, "3")),
        _numbered("routers", "Sparse Routers Revisited", (13, "3")),
    ]
    assert _label_conflicts(entries) == [["pooling", "routers"]]

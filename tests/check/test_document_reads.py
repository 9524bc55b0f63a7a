"""`refs check` reads each document the data names once, however it is spelt, and all of them
together within a budget: a document past it is skipped and named, never read in silence."""

from __future__ import annotations

import importlib
import os
from collections import Counter
from pathlib import Path

import pytest

from refs.check import Finding
from refs.project import DOCUMENT_LIMIT, read_regular
from refs.workflows.check import DOCUMENTS_BUDGET, check

#: A document with one link to an anchor it lacks: one broken-anchor finding per name.
BROKEN = '<a href="#ref7">7</a>\n'

#: The module itself (``refs.workflows.check`` the attribute is the function it defines).
check_workflow = importlib.import_module("refs.workflows.check")

needs_symlinks = pytest.mark.skipif(os.name == "nt", reason="symlinks need privileges on Windows")


def _store_naming(project: Path, *names: str) -> Path:
    """A store whose one entry's sources name ``names`` (as an imported .bib could say)."""
    sources = "; ".join(f"{name}:1#1" for name in names)
    store = project / "references.bib"
    store.write_text(
        f"@misc{{a,\n  title = {{T}},\n  author = {{Doe, J}},\n  year = {{2020}},\n"
        f"  sources = {{{sources}}},\n}}\n"
    )
    return store


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Counter[Path]:
    """How many times each real file was read by `refs check`."""
    counted: Counter[Path] = Counter()

    def spy(path: Path, limit: int, name: str | None = None) -> bytes:
        counted[path] += 1
        return read_regular(path, limit, name)

    monkeypatch.setattr(check_workflow, "read_regular", spy)
    return counted


def _check(project: Path, *names: str, budget: int = DOCUMENTS_BUDGET) -> list[Finding]:
    store = _store_naming(project, *names)
    result = check(store, project / "catalog.yaml", project=project, documents_budget=budget)
    return list(result.findings)


def _by_code(found: list[Finding], code: str) -> list[str]:
    return sorted(f.file for f in found if f.code == code)


SPELLINGS = ("README.md", "./README.md", "docs/../README.md")


def test_one_file_under_three_spellings_is_read_once_and_reported_under_each(
    tmp_path: Path, reads: Counter[Path]
) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "README.md").write_text(BROKEN)
    found = _check(tmp_path, *SPELLINGS)
    assert reads == Counter({(tmp_path / "README.md").resolve(): 1})
    assert _by_code(found, "broken-anchor") == sorted(SPELLINGS)


@needs_symlinks
def test_a_symlink_inside_the_project_is_the_file_it_names_read_once(
    tmp_path: Path, reads: Counter[Path]
) -> None:
    (tmp_path / "README.md").write_text(BROKEN)
    (tmp_path / "notes.md").symlink_to(tmp_path / "README.md")
    found = _check(tmp_path, "README.md", "notes.md")
    assert sum(reads.values()) == 1
    assert _by_code(found, "broken-anchor") == ["README.md", "notes.md"]


def test_a_missing_file_under_two_spellings_is_missing_under_both(tmp_path: Path) -> None:
    found = _check(tmp_path, "gone.md", "./gone.md")
    assert _by_code(found, "missing-document") == ["./gone.md", "gone.md"]


def test_documents_past_the_budget_are_skipped_and_named(
    tmp_path: Path, reads: Counter[Path]
) -> None:
    for name in ("a.md", "b.md", "c.md"):
        (tmp_path / name).write_text(BROKEN)  # 22 bytes each
    found = _check(tmp_path, "a.md", "b.md", "./b.md", "c.md", budget=50)
    assert _by_code(found, "broken-anchor") == ["./b.md", "a.md", "b.md"]
    skipped = [f for f in found if f.code == "skipped-document"]
    assert [f.file for f in skipped] == ["c.md"]
    assert str(skipped[0]).startswith("c.md:0: warning skipped-document: c.md was not read: ")
    assert skipped[0].message.endswith(
        "refs check reads at most 50 bytes of documents in all, and the documents before it "
        "(in name order) took 44 bytes of it"
    )
    assert sum(reads.values()) == 3  # a, b (once for both spellings), c refused unread


def test_a_document_within_the_budget_after_a_skipped_one_is_still_read(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(BROKEN * 3)
    (tmp_path / "b.md").write_text(BROKEN * 3)
    (tmp_path / "c.md").write_text(BROKEN)
    found = _check(tmp_path, "a.md", "b.md", "c.md", budget=100)
    assert _by_code(found, "skipped-document") == ["b.md"]
    assert sorted({f.file for f in found if f.code == "broken-anchor"}) == ["a.md", "c.md"]


def test_a_huge_document_past_the_budget_is_still_refused_as_too_large(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(BROKEN)
    with (tmp_path / "huge.md").open("wb") as handle:
        handle.truncate(DOCUMENT_LIMIT + 1)  # sparse: no disk used
    found = _check(tmp_path, "a.md", "huge.md", budget=30)
    refused = [f for f in found if f.code == "refused-document"]
    assert [(f.file, f.message) for f in refused] == [
        ("huge.md", "huge.md was not read: too large (over 128 MiB)")
    ]
    assert _by_code(found, "skipped-document") == []

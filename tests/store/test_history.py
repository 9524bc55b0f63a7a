"""Undo: a step keeps the previous versions of what one command wrote, and puts them back."""

from __future__ import annotations

from pathlib import Path

import pytest

from refs.store import NothingToUndo, recording, steps, undo_latest
from refs.store.history import KEEP, ChangedSinceStep


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    store, catalog = tmp_path / "references.bib", tmp_path / "catalog.yaml"
    store.write_bytes(b"@misc{a,}\n")
    return store, catalog


def test_undo_restores_every_file_of_the_step(tmp_path: Path, files: tuple[Path, Path]) -> None:
    store, catalog = files
    cache = tmp_path / "cache"
    with recording(cache, "refs import x.md", [store, catalog]):
        store.write_bytes(b"@misc{a,}\n@misc{b,}\n")
        catalog.write_bytes(b"items: []\n")
    step = undo_latest(cache)
    assert step.command == "refs import x.md"
    assert store.read_bytes() == b"@misc{a,}\n"
    assert not catalog.exists()  # it did not exist before the step
    assert steps(cache) == []


def test_a_command_that_changes_nothing_leaves_no_step(
    tmp_path: Path, files: tuple[Path, Path]
) -> None:
    with recording(tmp_path / "cache", "refs import x.md", list(files)):
        pass
    assert steps(tmp_path / "cache") == []


def test_a_failed_command_leaves_no_step(tmp_path: Path, files: tuple[Path, Path]) -> None:
    store, _ = files
    with pytest.raises(RuntimeError), recording(tmp_path / "cache", "refs x", [store]):
        store.write_bytes(b"half")
        raise RuntimeError
    assert steps(tmp_path / "cache") == []


def test_undo_refuses_when_the_file_changed_since(tmp_path: Path, files: tuple[Path, Path]) -> None:
    store, _ = files
    cache = tmp_path / "cache"
    with recording(cache, "refs rm a", [store]):
        store.write_bytes(b"")
    store.write_bytes(b"edited by hand")
    with pytest.raises(ChangedSinceStep, match="changed after"):
        undo_latest(cache)
    undo_latest(cache, force=True)
    assert store.read_bytes() == b"@misc{a,}\n"


def test_only_the_last_steps_are_kept(tmp_path: Path, files: tuple[Path, Path]) -> None:
    store, _ = files
    cache = tmp_path / "cache"
    for number in range(KEEP + 3):
        with recording(cache, f"step {number}", [store]):
            store.write_bytes(f"{number}".encode())
    assert [s.command for s in steps(cache)] == [f"step {n}" for n in range(3, KEEP + 3)]


def test_nothing_to_undo(tmp_path: Path) -> None:
    with pytest.raises(NothingToUndo):
        undo_latest(tmp_path / "cache")

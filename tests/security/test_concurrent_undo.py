"""Concurrent writers and undo: every writer's change lands, and `refs undo` takes back exactly
its own command's change, never another writer's."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from refs.store import load_store, steps
from tests.conftest import refs_process

WRITERS = 8


def _entry(number: int) -> str:
    return f"@misc{{writer{number}, title = {{Paper number {number}}}, year = {{2020}}}}"


def _start_adds(
    project: Path, cache: Path, numbers: range | list[int]
) -> list[subprocess.Popen[bytes]]:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    return [
        subprocess.Popen(
            [sys.executable, "-m", "refs", "add", _entry(number)],
            cwd=project,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for number in numbers
    ]


def _refs(project: Path, cache: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return refs_process(*args, cwd=project, cache=cache)


def _keys(project: Path) -> set[str]:
    return {entry.key for entry in load_store(project / "references.bib").entries()}


@pytest.mark.parametrize("writers", [pytest.param(2, id="two"), pytest.param(WRITERS, id="eight")])
def test_concurrent_adds_all_land_and_undo_takes_back_only_the_last(
    tmp_path: Path, writers: int
) -> None:
    project, cache = tmp_path / "project", tmp_path / "cache"
    project.mkdir()
    for process in _start_adds(project, cache, range(writers)):
        _, err = process.communicate()
        assert process.returncode == 0, err
    assert _keys(project) == {f"writer{n}" for n in range(writers)}
    recorded = steps(project / "references.bib", cache / "refs")
    assert len(recorded) == writers
    store_bytes = (project / "references.bib").read_bytes()
    undone = _refs(project, cache, "undo")
    assert undone.returncode == 0, undone.stderr
    # the newest step's writer is the one whose entry is gone; every other entry stays
    gone = {f"writer{n}" for n in range(writers)} - _keys(project)
    assert len(gone) == 1
    assert len(_keys(project)) == writers - 1
    assert (project / "references.bib").read_bytes() != store_bytes
    assert len(steps(project / "references.bib", cache / "refs")) == writers - 1


def test_an_undo_racing_a_writer_takes_back_one_step_and_keeps_the_other(
    tmp_path: Path,
) -> None:
    project, cache = tmp_path / "project", tmp_path / "cache"
    project.mkdir()
    assert _refs(project, cache, "add", _entry(0)).returncode == 0
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    undo = subprocess.Popen(
        [sys.executable, "-m", "refs", "undo"], cwd=project, env=env, stderr=subprocess.PIPE
    )
    (add,) = _start_adds(project, cache, [1])
    _, undo_err = undo.communicate()
    _, add_err = add.communicate()
    assert undo.returncode == 0, undo_err
    assert add.returncode == 0, add_err
    # undo first: writer0's add is taken back, then writer1 lands; add first: the undo takes
    # back writer1's add. Never both gone, never both kept.
    assert _keys(project) in ({"writer1"}, {"writer0"})
    assert len(steps(project / "references.bib", cache / "refs")) == 1


def test_writers_with_different_caches_still_queue_on_one_lock(tmp_path: Path) -> None:
    """The lock belongs to the store's folder, not to a cache: two users, or a CI job and an
    editor, each with its own $XDG_CACHE_HOME, lose nothing."""
    project = tmp_path / "project"
    project.mkdir()
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "refs", "add", _entry(number)],
            cwd=project,
            env={**os.environ, "XDG_CACHE_HOME": str(tmp_path / f"cache{number}")},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for number in range(WRITERS)
    ]
    for process in processes:
        _, err = process.communicate()
        assert process.returncode == 0, err
    assert _keys(project) == {f"writer{n}" for n in range(WRITERS)}
    assert sorted(p.name for p in project.iterdir()) == ["references.bib"]

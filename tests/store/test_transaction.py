"""Transactions and undo: the files of one command are written as one recorded step, and
`undo_latest` puts them all back, byte for byte."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from refs.store import (
    ChangedSinceStep,
    NothingToUndo,
    recover_store,
    steps,
    transaction,
    undo_latest,
)
from refs.store import history as history_module
from refs.store import transactions as transaction_module
from refs.store.files import STAGED_SUFFIX, install, staged_name, write_staged
from refs.store.history import KEEP, History
from refs.store.locks import LockUnavailable

OLD = b"@misc{a,}\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    folder = tmp_path / "project"
    folder.mkdir()
    (folder / "references.bib").write_bytes(OLD)
    return folder


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def files_of(folder: Path) -> dict[str, bytes]:
    """The files a user sees (staged copies are hidden: tests that care list the folder)."""
    return {
        p.name: p.read_bytes()
        for p in sorted(folder.iterdir())
        if p.is_file() and not p.name.startswith(".")
    }


def write_two(project: Path, cache: Path, command: str = "refs import x.md") -> None:
    store, catalog = project / "references.bib", project / "catalog.yaml"
    with transaction(store, cache, command, [catalog]) as txn:
        txn.write(store, OLD + b"@misc{b,}\n")
        txn.write(catalog, b"items: []\n")


def test_a_commit_writes_every_file_and_undo_restores_them(project: Path, cache: Path) -> None:
    write_two(project, cache)
    assert files_of(project) == {
        "catalog.yaml": b"items: []\n",
        "references.bib": OLD + b"@misc{b,}\n",
    }
    step = undo_latest(project / "references.bib", cache)
    assert step.command == "refs import x.md"
    assert files_of(project) == {"references.bib": OLD}  # the catalog did not exist before
    assert steps(project / "references.bib", cache) == []


def test_a_transaction_that_changes_nothing_leaves_no_step(project: Path, cache: Path) -> None:
    store = project / "references.bib"
    with transaction(store, cache, "refs add") as txn:
        txn.write(store, OLD)
    assert steps(store, cache) == []


@pytest.mark.parametrize(
    "error", [pytest.param(RuntimeError, id="error"), pytest.param(KeyboardInterrupt, id="ctrl-c")]
)
def test_a_failed_block_writes_nothing_and_leaves_nothing(
    project: Path, cache: Path, error: type[BaseException]
) -> None:
    store = project / "references.bib"
    with pytest.raises(error), transaction(store, cache, "refs x", [project / "c.yaml"]) as txn:
        txn.write(store, b"half")
        txn.write(project / "c.yaml", b"half")
        raise error
    assert sorted(p.name for p in project.iterdir()) == ["references.bib"]
    assert files_of(project) == {"references.bib": OLD}
    assert steps(store, cache) == []


def test_writing_a_file_that_was_not_locked_is_refused(project: Path, cache: Path) -> None:
    store = project / "references.bib"
    with (
        pytest.raises(ValueError, match="not one of the files"),
        transaction(store, cache, "refs x") as txn,
    ):
        txn.write(project / "other.txt", b"x")
    assert files_of(project) == {"references.bib": OLD}


def test_undo_refuses_when_a_file_changed_since(project: Path, cache: Path) -> None:
    store = project / "references.bib"
    write_two(project, cache)
    store.write_bytes(b"edited by hand")
    with pytest.raises(ChangedSinceStep, match="changed after"):
        undo_latest(store, cache)
    undo_latest(store, cache, force=True)
    assert store.read_bytes() == OLD


def test_nothing_to_undo(project: Path, cache: Path) -> None:
    with pytest.raises(NothingToUndo, match="nothing to undo"):
        undo_latest(project / "references.bib", cache)


def test_only_the_last_steps_are_kept(project: Path, cache: Path) -> None:
    store = project / "references.bib"
    for number in range(KEEP + 3):
        with transaction(store, cache, f"step {number}") as txn:
            txn.write(store, f"{number}".encode())
    assert [s.command for s in steps(store, cache)] == [f"step {n}" for n in range(3, KEEP + 3)]


def test_history_size_is_bounded_but_the_newest_step_is_kept(
    project: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(history_module, "MAX_BYTES", 1)
    store = project / "references.bib"
    for number in range(3):
        with transaction(store, cache, f"step {number}") as txn:
            txn.write(store, os.urandom(1000) + bytes([number]))
    assert [s.command for s in steps(store, cache)] == ["step 2"]


def test_each_store_has_its_own_history(tmp_path: Path, cache: Path) -> None:
    mine, theirs = tmp_path / "mine", tmp_path / "theirs"
    for folder in (mine, theirs):
        folder.mkdir()
        (folder / "references.bib").write_bytes(OLD)
        write_two(folder, cache, f"refs import {folder.name}")
    undo_latest(mine / "references.bib", cache)
    assert files_of(mine) == {"references.bib": OLD}
    assert files_of(theirs)["references.bib"] == OLD + b"@misc{b,}\n"
    assert [s.command for s in steps(theirs / "references.bib", cache)] == ["refs import theirs"]
    with pytest.raises(NothingToUndo):
        undo_latest(mine / "references.bib", cache)


def test_the_same_store_by_another_path_shares_its_history(project: Path, cache: Path) -> None:
    write_two(project, cache)
    other_name = project / ".." / project.name / "references.bib"
    assert [s.command for s in steps(other_name, cache)] == ["refs import x.md"]


def test_a_symlinked_store_keeps_its_link(tmp_path: Path, cache: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (real / "references.bib").write_bytes(OLD)
    link = tmp_path / "project"
    link.mkdir()
    (link / "references.bib").symlink_to(real / "references.bib")
    with transaction(link / "references.bib", cache, "refs add") as txn:
        txn.write(link / "references.bib", b"new")
    assert (link / "references.bib").is_symlink()
    assert (real / "references.bib").read_bytes() == b"new"
    undo_latest(link / "references.bib", cache)
    assert (link / "references.bib").is_symlink()
    assert (real / "references.bib").read_bytes() == OLD


def test_no_lock_or_staged_file_is_left_in_the_project(project: Path, cache: Path) -> None:
    write_two(project, cache)
    undo_latest(project / "references.bib", cache)
    assert sorted(p.name for p in project.iterdir()) == ["references.bib"]


def test_ctrl_c_during_the_renames_still_completes_the_step(
    project: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_install: Callable[[Path, Path], None] = install
    calls: list[Path] = []

    def interrupted(temp: Path, target: Path) -> None:
        calls.append(target)
        if len(calls) == 2:
            raise KeyboardInterrupt
        real_install(temp, target)

    monkeypatch.setattr(transaction_module, "install", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_two(project, cache)
    monkeypatch.setattr(transaction_module, "install", real_install)
    # the step was recorded before the first rename, so it is finished, not half-applied
    assert files_of(project) == {
        "catalog.yaml": b"items: []\n",
        "references.bib": OLD + b"@misc{b,}\n",
    }
    undo_latest(project / "references.bib", cache)
    assert files_of(project) == {"references.bib": OLD}


def _crash_after_recording(project: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Leave what a process killed between the step's record and its renames leaves."""

    class Killed(BaseException):
        pass

    def die(_temp: Path, _target: Path) -> None:
        raise Killed

    monkeypatch.setattr(transaction_module, "install", die)
    monkeypatch.setattr(transaction_module, "_complete", lambda *_: "")
    with pytest.raises(Killed):
        write_two(project, cache)
    monkeypatch.undo()


def test_the_next_command_completes_a_recorded_step(
    project: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _crash_after_recording(project, cache, monkeypatch)
    assert files_of(project) == {"references.bib": OLD}
    assert any(p.name.endswith(STAGED_SUFFIX) for p in project.iterdir())
    messages = recover_store(project / "references.bib", cache)
    assert messages == ["completed the interrupted `refs import x.md`"]
    assert files_of(project) == {
        "catalog.yaml": b"items: []\n",
        "references.bib": OLD + b"@misc{b,}\n",
    }
    assert recover_store(project / "references.bib", cache) == []
    undo_latest(project / "references.bib", cache)
    assert files_of(project) == {"references.bib": OLD}


def test_a_recorded_step_whose_staged_copy_is_lost_is_rolled_back(
    project: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _crash_after_recording(project, cache, monkeypatch)
    (staged,) = project.glob(f".catalog.yaml.*{STAGED_SUFFIX}")
    staged.unlink()
    messages = recover_store(project / "references.bib", cache)
    assert messages == [
        "rolled back the interrupted `refs import x.md` (a staged file was missing)"
    ]
    assert sorted(p.name for p in project.iterdir()) == ["references.bib"]
    assert files_of(project) == {"references.bib": OLD}
    assert steps(project / "references.bib", cache) == []


def test_a_step_being_prepared_when_killed_is_dropped(
    project: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Killed(BaseException):
        pass

    real_rename = Path.rename

    def die_on_record(self: Path, target: str | os.PathLike[str]) -> Path:
        if self.name.endswith(".partial"):
            raise Killed
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", die_on_record)
    with pytest.raises(Killed):
        write_two(project, cache)
    monkeypatch.undo()
    history = History.of(project / "references.bib", cache)
    assert list(history.leftovers())
    assert recover_store(project / "references.bib", cache) == []
    assert list(history.leftovers()) == []
    assert sorted(p.name for p in project.iterdir()) == ["references.bib"]


def test_an_interrupted_undo_is_finished_by_the_next_command(
    project: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_two(project, cache)

    class Killed(BaseException):
        pass

    def die(*_args: object) -> None:
        raise Killed

    monkeypatch.setattr(transaction_module, "_finish_undo", die)
    with pytest.raises(Killed):
        undo_latest(project / "references.bib", cache)
    monkeypatch.undo()
    assert recover_store(project / "references.bib", cache) == [
        "finished the interrupted undo of `refs import x.md`"
    ]
    assert files_of(project) == {"references.bib": OLD}
    assert steps(project / "references.bib", cache) == []


def test_a_write_that_fails_before_the_step_is_recorded_leaves_nothing(
    project: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_write: Callable[[Path, Path, bytes], Path] = write_staged
    written: list[Path] = []

    def disk_full(temp: Path, target: Path, data: bytes) -> Path:
        if written:
            raise OSError(28, "No space left on device")
        written.append(real_write(temp, target, data))
        return written[-1]

    monkeypatch.setattr(transaction_module, "write_staged", disk_full)
    with pytest.raises(OSError, match="No space left"):
        write_two(project, cache)
    assert written  # the first staged copy was written, and then removed
    assert sorted(p.name for p in project.iterdir()) == ["references.bib"]
    assert files_of(project) == {"references.bib": OLD}
    store = project / "references.bib"
    assert list(History.of(store, cache).leftovers()) == []
    assert steps(store, cache) == []


def test_a_file_in_a_folder_that_does_not_exist_is_refused_before_anything_is_written(
    project: Path, cache: Path
) -> None:
    store, catalog = project / "references.bib", project / "missing-folder" / "catalog.yaml"
    with (
        pytest.raises(LockUnavailable, match="missing-folder"),
        transaction(store, cache, "refs x", [catalog]) as txn,
    ):
        txn.write(store, b"new")
    assert sorted(p.name for p in project.iterdir()) == ["references.bib"]


def test_recovery_keeps_a_change_made_after_the_crash(
    project: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _crash_after_recording(project, cache, monkeypatch)
    (project / "catalog.yaml").write_bytes(b"written by hand after the crash\n")
    messages = recover_store(project / "references.bib", cache)
    assert len(messages) == 1
    assert messages[0].startswith("completed the interrupted `refs import x.md`; left ")
    assert files_of(project) == {
        "catalog.yaml": b"written by hand after the crash\n",
        "references.bib": OLD + b"@misc{b,}\n",
    }
    assert sorted(p.name for p in project.iterdir()) == ["catalog.yaml", "references.bib"]


def test_a_planted_symlink_at_a_staged_name_is_never_followed(
    project: Path, cache: Path, tmp_path: Path
) -> None:
    victim = tmp_path / "victim"
    victim.write_bytes(b"the user's own file\n")
    # the names a repository could guess: the fixed one of an earlier design, and any other
    for name in (".references.bib.refs-staged", ".catalog.yaml.refs-staged"):
        (project / name).symlink_to(victim)
    write_two(project, cache)
    assert victim.read_bytes() == b"the user's own file\n"
    assert not (project / "references.bib").is_symlink()
    assert files_of(project)["references.bib"] == OLD + b"@misc{b,}\n"


def test_a_staged_copy_is_always_a_new_file(tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_bytes(b"keep me")
    temp = staged_name(tmp_path / "references.bib")
    temp.symlink_to(victim)
    with pytest.raises(FileExistsError):
        write_staged(temp, tmp_path / "references.bib", b"evil")
    assert victim.read_bytes() == b"keep me"


def test_recovery_waits_for_the_lock_of_every_file_it_repairs(
    project: Path, cache: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _crash_after_recording(project, cache, monkeypatch)
    ready = tmp_path / "ready"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from pathlib import Path\n"
            "from refs.store import locked\n"
            "with locked([Path(sys.argv[1])], Path(sys.argv[2])):\n"
            "    Path(sys.argv[3]).touch()\n"
            "    time.sleep(2)\n",
            str(project / "catalog.yaml"),
            str(cache),
            str(ready),
        ]
    )
    try:
        deadline = time.monotonic() + 60
        while not ready.exists() and time.monotonic() < deadline:
            time.sleep(0.02)
        started = time.monotonic()
        assert recover_store(project / "references.bib", cache) == [
            "completed the interrupted `refs import x.md`"
        ]
        waited = time.monotonic() - started
    finally:
        holder.wait()
    assert waited > 1.0, "recovery wrote the catalog while another process held its lock"
    assert files_of(project)["catalog.yaml"] == b"items: []\n"

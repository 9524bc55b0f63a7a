"""Undo: every command that writes the store, the catalog or a README first keeps the files'
previous versions (the last `KEEP` steps, under the cache directory); `undo_latest` puts the
newest step back.

A step covers everything one command wrote (``refs dedupe --apply`` rewrites the store and the
catalog), so one ``refs undo`` restores them together.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import shutil
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from refs.errors import RefsError
from refs.store.files import atomic_write

#: How many steps are kept.
KEEP = 20


class NothingToUndo(RefsError):
    """There is no recorded step to undo."""


class ChangedSinceStep(RefsError):
    """A file changed after the step to undo wrote it; restoring would lose that change."""


@dataclass(frozen=True, slots=True)
class Version:
    """One file as it was before a step (``existed`` False: it did not exist) and its digest
    after the step, so that undo can tell whether someone changed it since."""

    path: str
    existed: bool
    after: str | None


@dataclass(frozen=True, slots=True)
class Step:
    """What one command changed: its name, when, and the previous version of each file."""

    id: str
    command: str
    time: float
    versions: tuple[Version, ...]


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None


def _history_dir(cache_dir: Path) -> Path:
    return cache_dir / "history"


def _step_dirs(cache_dir: Path) -> list[Path]:
    root = _history_dir(cache_dir)
    if not root.is_dir():
        return []
    return sorted((p for p in root.iterdir() if (p / "step.json").is_file()), key=lambda p: p.name)


def _read_step(directory: Path) -> Step:
    data = json.loads((directory / "step.json").read_text(encoding="utf-8"))
    versions = tuple(Version(v["path"], v["existed"], v["after"]) for v in data["versions"])
    return Step(directory.name, data["command"], data["time"], versions)


def steps(cache_dir: Path) -> list[Step]:
    """The recorded steps, oldest first."""
    return [_read_step(d) for d in _step_dirs(cache_dir)]


@contextlib.contextmanager
def recording(cache_dir: Path | None, command: str, paths: Sequence[Path]) -> Iterator[None]:
    """Keep the current version of ``paths`` while the block writes them; a block that changes
    none of them leaves no step. With no cache directory nothing is recorded.

    >>> with recording(cache, "refs dedupe --apply", [store, catalog]):  # doctest: +SKIP
    ...     write_both()
    """
    if cache_dir is None:
        yield
        return
    before = {path.resolve(): _digest(path) for path in paths}
    step_id = f"{time.time_ns():020d}"
    directory = _history_dir(cache_dir) / f".{step_id}.partial"
    directory.mkdir(parents=True, exist_ok=True)
    try:
        for number, path in enumerate(before):
            if before[path] is not None:
                shutil.copyfile(path, directory / f"{number}.prev")
        yield
    except BaseException:
        shutil.rmtree(directory, ignore_errors=True)
        raise
    after = {path: _digest(path) for path in before}
    if after == before:
        shutil.rmtree(directory, ignore_errors=True)
        return
    versions = [
        {"path": str(path), "existed": before[path] is not None, "after": after[path]}
        for path in before
    ]
    record = {"command": command, "time": time.time(), "versions": versions}
    (directory / "step.json").write_text(json.dumps(record, indent=1), encoding="utf-8")
    directory.rename(_history_dir(cache_dir) / step_id)
    for old in _step_dirs(cache_dir)[:-KEEP]:
        shutil.rmtree(old, ignore_errors=True)


def undo_latest(cache_dir: Path, *, force: bool = False) -> Step:
    """Restore the files of the newest step to what they were before it, and forget the step.

    Raises `NothingToUndo`, or `ChangedSinceStep` when a file was changed after the step wrote
    it (unless ``force``): undoing would silently throw that change away.
    """
    directories = _step_dirs(cache_dir)
    if not directories:
        msg = f"nothing to undo (no recorded step under {_history_dir(cache_dir)})"
        raise NothingToUndo(msg)
    directory = directories[-1]
    step = _read_step(directory)
    if not force:
        for version in step.versions:
            if _digest(Path(version.path)) != version.after:
                msg = (
                    f"{version.path} changed after `{step.command}` wrote it; "
                    "undo would lose that change (use --force to undo anyway)"
                )
                raise ChangedSinceStep(msg)
    for number, version in enumerate(step.versions):
        path = Path(version.path)
        if version.existed:
            atomic_write(path, (directory / f"{number}.prev").read_bytes())
        else:
            path.unlink(missing_ok=True)
    shutil.rmtree(directory)
    return step

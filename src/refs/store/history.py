"""Undo history, one per store: the previous versions of the files each command wrote.

A store's history lives under the cache directory, in a folder named after the store's real
path, so ``refs undo`` in one project never touches another's files::

    history/<store key>/
      store.txt                  the store's real path, for people
      <step id>/                 one command's step
        step.json                command, time, state, and per file: path, digests before/after
        0.prev.z, 1.prev.z …     the files as they were before (zlib), one per file that existed
        done                     present once every file of the step is in place
      .<step id>.partial/        a step being prepared (no file replaced yet)
      .<step id>.trash/          a step being deleted (undone or pruned)

A step's folder appears, by one rename, *before* the first file is replaced: a crash between
the two leaves a step without ``done``, which the next command of that store completes
(`refs.store.transactions.recover`). The newest `KEEP` steps are kept, and no more than
`MAX_BYTES` of previous versions per store.
"""

from __future__ import annotations

import json
import os
import shutil
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from refs.errors import RefsError
from refs.store.locks import path_key, real_path

#: How many steps are kept per store.
KEEP = 20
#: At most this many bytes of previous versions (compressed) are kept per store; the oldest
#: steps go first, the newest is always kept.
MAX_BYTES = 512 * 1024 * 1024

STEP_FILE = "step.json"
DONE_FILE = "done"
#: Present while `refs undo` puts a step's files back: a crash then is completed next time.
UNDOING_FILE = "undoing"
PARTIAL = ".partial"
TRASH = ".trash"


class NothingToUndo(RefsError):
    """There is no recorded step to undo."""


class ChangedSinceStep(RefsError):
    """A file changed after the step to undo wrote it; restoring would lose that change."""


class HistoryCorrupt(RefsError):
    """A step's record cannot be read (the cache was edited or damaged)."""


@dataclass(frozen=True, slots=True)
class Version:
    """One file of a step: its real path, its digest before the step (None: it did not exist)
    and after it, and the staged copy the step installs (a new, unguessable name)."""

    path: str
    before: str | None
    after: str | None
    staged: str | None = None

    @property
    def existed(self) -> bool:
        """True when the file existed before the step."""
        return self.before is not None


@dataclass(frozen=True, slots=True)
class Step:
    """What one command changed: its name, when, and each file's versions."""

    id: str
    command: str
    time: float
    versions: tuple[Version, ...]
    #: The folder holding the step.
    folder: Path

    def previous(self, number: int) -> bytes:
        """The bytes file ``number`` had before the step (it must have existed)."""
        try:
            return zlib.decompress((self.folder / f"{number}.prev.z").read_bytes())
        except (OSError, zlib.error) as error:
            msg = f"{self.folder}: the previous version of {self.versions[number].path} is lost"
            raise HistoryCorrupt(msg) from error

    @property
    def done(self) -> bool:
        """True when every file of the step is in place."""
        return (self.folder / DONE_FILE).exists()

    @property
    def undoing(self) -> bool:
        """True when an undo of this step was started and not finished."""
        return (self.folder / UNDOING_FILE).exists()


def history_root(cache_dir: Path) -> Path:
    """The folder holding every store's history."""
    return cache_dir / "history"


@dataclass(frozen=True, slots=True)
class History:
    """The undo history of one store."""

    folder: Path
    store: Path

    @classmethod
    def of(cls, store: Path, cache_dir: Path) -> History:
        """The history of the store at ``store`` (by its real path)."""
        return cls(history_root(cache_dir) / path_key(store), real_path(store))

    def ensure(self) -> None:
        """Create the folder (and the note naming the store) if needed."""
        self.folder.mkdir(parents=True, exist_ok=True)
        note = self.folder / "store.txt"
        if not note.exists():
            note.write_text(f"{self.store}\n", encoding="utf-8", errors="surrogateescape")

    def new_id(self) -> str:
        """An id that sorts after every step of this store (the store's lock is held)."""
        latest = max((s.id for s in self.steps(include_pending=True)), default="")
        candidate = f"{time.time_ns():020d}"
        if candidate <= latest:
            candidate = f"{int(latest) + 1:020d}"
        return candidate

    def partial_folder(self, step_id: str) -> Path:
        """Where a step is prepared before it is recorded."""
        return self.folder / f".{step_id}{PARTIAL}"

    def leftovers(self) -> Iterator[Path]:
        """Folders of steps that were being prepared or deleted when a command died."""
        if not self.folder.is_dir():
            return
        for child in sorted(self.folder.iterdir()):
            if (
                child.is_dir()
                and child.name.startswith(".")
                and child.name.endswith((PARTIAL, TRASH))
            ):
                yield child

    def steps(self, *, include_pending: bool = False) -> list[Step]:
        """The recorded steps, oldest first; with ``include_pending`` also those not yet done
        or being undone."""
        if not self.folder.is_dir():
            return []
        found = []
        for child in sorted(self.folder.iterdir()):
            if child.name.startswith(".") or not (child / STEP_FILE).is_file():
                continue
            step = read_step(child)
            if include_pending or (step.done and not step.undoing):
                found.append(step)
        return found

    def discard(self, folder: Path) -> None:
        """Delete a step's folder: renamed first, so a crash never leaves half a step."""
        if folder.name.endswith(TRASH):
            shutil.rmtree(folder, ignore_errors=True)
            return
        trash = folder.with_name(f".{folder.name.lstrip('.').removesuffix(PARTIAL)}{TRASH}")
        folder.replace(trash)
        shutil.rmtree(trash, ignore_errors=True)

    def prune(self) -> None:
        """Keep the newest `KEEP` done steps, within `MAX_BYTES`."""
        done = self.steps()
        kept_bytes = 0
        for number, step in enumerate(reversed(done)):
            size = sum(p.stat().st_size for p in step.folder.glob("*.prev.z"))
            kept_bytes += size
            if number >= KEEP or (number > 0 and kept_bytes > MAX_BYTES):
                self.discard(step.folder)


def read_step(folder: Path) -> Step:
    """The step recorded in ``folder``."""
    try:
        text = (folder / STEP_FILE).read_bytes().decode("utf-8", "surrogateescape")
        data: dict[str, Any] = json.loads(text)
        versions = tuple(
            Version(str(v["path"]), v["before"], v["after"], v.get("staged"))
            for v in data["versions"]
        )
        return Step(folder.name, str(data["command"]), float(data["time"]), versions, folder)
    except (OSError, ValueError, KeyError, TypeError) as error:
        msg = f"{folder / STEP_FILE}: not a readable undo step ({error})"
        raise HistoryCorrupt(msg) from None


def write_step_record(folder: Path, command: str, versions: list[Version]) -> None:
    """Write ``step.json`` into a step folder being prepared, flushed to disk."""
    record = {
        "command": command,
        "time": time.time(),
        "versions": [
            {"path": v.path, "before": v.before, "after": v.after, "staged": v.staged}
            for v in versions
        ],
    }
    data = json.dumps(record, indent=1, ensure_ascii=False).encode("utf-8", "surrogateescape")
    fd = os.open(folder / STEP_FILE, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def write_previous(folder: Path, number: int, data: bytes) -> None:
    """Keep file ``number``'s previous bytes in the step folder being prepared."""
    fd = os.open(folder / f"{number}.prev.z", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(zlib.compress(data, 1))
        handle.flush()
        os.fsync(handle.fileno())


def mark(folder: Path, name: str, names: list[str] | None = None) -> None:
    """Create the marker file ``name`` (``done``, ``undoing``) in a step folder; ``undoing``
    lists the staged copies the undo writes, so a crash leaves none behind for good."""
    data = "".join(f"{n}\n" for n in names or ()).encode("utf-8", "surrogateescape")
    fd = os.open(folder / name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def marked_names(folder: Path, name: str) -> list[str]:
    """The staged copies a marker lists (none when it is absent)."""
    try:
        text = (folder / name).read_bytes().decode("utf-8", "surrogateescape")
    except FileNotFoundError:
        return []
    return [line for line in text.splitlines() if line]

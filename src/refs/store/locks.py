"""Locks that serialise the writers of a file, and leave nothing behind in the user's folder.

On POSIX a writer locks the *folder* that holds the file (``flock`` on the folder itself, by
its real path): every refs process that writes ``references.bib``, ``catalog.yaml`` or a README
of that folder queues there, whatever its ``$XDG_CACHE_HOME`` or user, no lock file is created,
and the system drops the lock of a process that dies (``kill -9`` included). A lock on the file
itself would not do: an atomic write replaces the file, and the next writer would lock the old
one. Where there is no ``fcntl`` (Windows) filelock locks a file under the cache folder, named
after the file's real path.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

from refs.errors import RefsError
from refs.settings import default_cache_dir

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


class LockUnavailable(RefsError):
    """The folder to lock cannot be opened, or the lock folder cannot be created."""


def real_path(path: Path) -> Path:
    """The file ``path`` names, symlinks and ``..`` resolved: writes go to it, so a symlinked
    store keeps its link."""
    return Path(os.path.realpath(path))


def path_key(path: Path) -> str:
    """A short stable name for the file at ``path`` (its real path, hashed)."""
    name = str(real_path(path)).encode("utf-8", "surrogateescape")
    return hashlib.blake2b(name, digest_size=16).hexdigest()


class _FolderLocks:
    """The folder locks this process holds. ``flock`` belongs to an open file, so a second
    ``flock`` of the same folder by this process would wait for itself: the process keeps one
    descriptor per folder, counted, and its threads take turns on it."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._held: dict[Path, tuple[int, int, threading.RLock]] = {}

    def _turn(self, folder: Path) -> threading.RLock:
        with self._guard:
            entry = self._held.get(folder)
            if entry is not None:
                return entry[2]
            turn = threading.RLock()
            self._held[folder] = (-1, 0, turn)
            return turn

    @contextlib.contextmanager
    def hold(self, folder: Path) -> Iterator[None]:
        turn = self._turn(folder)
        with turn:
            fd, depth, _ = self._held[folder]
            if depth == 0:
                fd = self._acquire(folder)
            self._held[folder] = (fd, depth + 1, turn)
            try:
                yield
            finally:
                fd, depth, _ = self._held[folder]
                if depth == 1:
                    os.close(fd)  # closing the descriptor releases the flock
                    fd = -1
                self._held[folder] = (fd, depth - 1, turn)

    @staticmethod
    def _acquire(folder: Path) -> int:
        try:
            fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        except OSError as error:
            msg = f"cannot lock the folder {folder}: {error.strerror or error}"
            raise LockUnavailable(msg) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
        except BaseException:
            os.close(fd)
            raise
        return fd


_FOLDERS = _FolderLocks()


@contextlib.contextmanager
def locked(paths: Iterable[Path], cache_dir: Path | None = None) -> Iterator[None]:
    """Hold the locks of ``paths`` (blocking), taken in one global order so two commands that
    lock the same files never deadlock. Re-entrant within a process. ``cache_dir`` is where the
    locks live on a system without ``fcntl``.

    >>> with locked([Path("references.bib"), Path("catalog.yaml")]):  # doctest: +SKIP
    ...     write_both()
    """
    with contextlib.ExitStack() as stack:
        if fcntl is not None:
            for folder in sorted({real_path(path).parent for path in paths}):
                stack.enter_context(_FOLDERS.hold(folder))
        else:  # pragma: no cover - Windows
            stack.enter_context(_cache_locks(paths, cache_dir))
        yield


@contextlib.contextmanager
def _cache_locks(paths: Iterable[Path], cache_dir: Path | None) -> Iterator[None]:
    from filelock import FileLock  # noqa: PLC0415 - only where there is no fcntl

    root = (cache_dir if cache_dir is not None else default_cache_dir()) / "locks"
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        msg = f"cannot create the lock folder {root}: {error.strerror or error}"
        raise LockUnavailable(msg) from None
    with contextlib.ExitStack() as stack:
        for file in sorted({root / f"{path_key(path)}.lock" for path in paths}):
            stack.enter_context(FileLock(file, is_singleton=True))
        yield

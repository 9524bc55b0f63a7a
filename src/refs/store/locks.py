"""Locks that serialise writers of a file, kept under the cache directory, never beside it.

A lock is named after the real path of the file it guards (symlinks followed), so
``./references.bib`` and ``../proj/references.bib`` are one lock, and nothing is left in the
user's folder. The operating system drops a lock when its process dies (``kill -9`` included),
so a crashed command never leaves a stale lock behind. filelock does the locking on every
platform (``fcntl`` on POSIX, ``msvcrt`` on Windows).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from filelock import FileLock

from refs.errors import RefsError
from refs.settings import default_cache_dir


class LockUnavailable(RefsError):
    """The folder that holds the locks cannot be created or written."""


def real_path(path: Path) -> Path:
    """The file ``path`` names, symlinks and ``..`` resolved: writes go to it, so a symlinked
    store keeps its link."""
    return Path(os.path.realpath(path))


def path_key(path: Path) -> str:
    """A short stable name for the file at ``path`` (its real path, hashed)."""
    return hashlib.blake2b(
        str(real_path(path)).encode("utf-8", "surrogateescape"), digest_size=16
    ).hexdigest()


def _lock_file(cache_dir: Path, path: Path) -> Path:
    return cache_dir / "locks" / f"{path_key(path)}.lock"


@contextlib.contextmanager
def locked(paths: Iterable[Path], cache_dir: Path | None = None) -> Iterator[None]:
    """Hold the locks of ``paths`` (blocking), taken in one global order so two commands that
    lock the same files never deadlock. Re-entrant within a process.

    >>> with locked([Path("references.bib"), Path("catalog.yaml")]):  # doctest: +SKIP
    ...     write_both()
    """
    root = cache_dir if cache_dir is not None else default_cache_dir()
    files = sorted({_lock_file(root, path) for path in paths})
    try:
        (root / "locks").mkdir(parents=True, exist_ok=True)
    except OSError as error:
        msg = f"cannot create the lock folder {root / 'locks'}: {error.strerror or error}"
        raise LockUnavailable(msg) from None
    with contextlib.ExitStack() as stack:
        for file in files:
            stack.enter_context(FileLock(file, is_singleton=True))
        yield

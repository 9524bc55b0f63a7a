"""Safe file writes: atomic replacement, and the staged copies a transaction installs."""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from refs.project import open_regular

#: The suffix of a transaction's staged copy, beside the file it will replace.
STAGED_SUFFIX = ".refs-staged"


def digest_bytes(data: bytes) -> str:
    """The digest a transaction and undo compare files by."""
    return hashlib.sha256(data).hexdigest()


def read_or_none(path: Path) -> bytes | None:
    """The bytes of ``path``; None when there is no such file."""
    try:
        with open_regular(path) as handle:  # a FIFO or a device is refused, never waited on
            return handle.read()
    except FileNotFoundError:
        return None


def file_digest(path: Path) -> str | None:
    """The digest of ``path``'s bytes; None when there is no such file."""
    data = read_or_none(path)
    return None if data is None else digest_bytes(data)


def staged_name(target: Path) -> Path:
    """A new, unguessable name for a staged copy of ``target``, in its folder (so the rename
    is atomic): a repository cannot plant a symlink there in advance."""
    return target.with_name(f".{target.name}.{secrets.token_hex(8)}{STAGED_SUFFIX}")


def sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; elsewhere a rename is as durable as it gets)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _mode_for(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:
        return 0o644


#: A staged copy is always a new file: never one that exists, never through a symlink.
_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)


def write_staged(temp: Path, target: Path, data: bytes) -> Path:
    """Write ``data`` to the new file ``temp`` (a `staged_name` of ``target``), flushed to
    disk, with ``target``'s mode. Raises `FileExistsError` if ``temp`` exists already."""
    fd = os.open(temp, _NEW_FILE | getattr(os, "O_BINARY", 0), 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    temp.chmod(_mode_for(target))
    return temp


def install(temp: Path, target: Path) -> None:
    """Put the staged copy ``temp`` in place of ``target``, in one step."""
    temp.replace(target)


@contextlib.contextmanager
def atomic_output(path: Path) -> Iterator[IO[bytes]]:
    """A binary handle whose content replaces ``path`` in one step when the block ends cleanly.

    Readers see the old file or the new one, never half of it; on an error the old file stays.
    A path that exists but is no regular file (``/dev/stdout``, a pipe) is written in place; a
    symlink keeps its link (the file it points to is replaced).
    """
    path = Path(os.path.realpath(path))
    try:
        status = path.stat()
    except FileNotFoundError:
        mode = 0o644
    else:
        if not stat.S_ISREG(status.st_mode):
            with path.open("wb") as handle:
                yield handle
            return
        mode = status.st_mode & 0o7777
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        Path(tmp).chmod(mode)
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one step."""
    with atomic_output(path) as handle:
        handle.write(data)

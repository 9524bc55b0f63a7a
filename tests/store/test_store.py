"""The store: edits by key, minimal diffs, atomic and serialised writes, the warm index."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from refs.errors import StoreChanged, UnreadableInput
from refs.model import Entry, SourceLocation
from refs.store import edit_store, load_store, save_store
from refs.store.index import load_index

ORIGINAL = (
    b"% my library\n"
    b"@string{acl = {ACL}}\n\n"
    b"@article{bravo,  title={B},\tbooktitle = acl # { 2020}}\n\n"
    b"@misc{delta,\n  title = {D}\n}\n"
)


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    path = tmp_path / "references.bib"
    path.write_bytes(ORIGINAL)
    return path


def test_absent_store_is_empty(tmp_path: Path) -> None:
    store = load_store(tmp_path / "none.bib")
    assert store.entries() == []
    assert store.digest is None


def test_directory_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(UnreadableInput, match="is a directory"):
        load_store(tmp_path)


def test_new_entries_go_in_key_order_in_canonical_layout(store_path: Path) -> None:
    with edit_store(store_path) as store:
        store.put(Entry("charlie", "misc", {"title": "C"}))
        store.put(Entry("alpha", "misc", {"title": "A"}))
        store.put(Entry("echo", "misc", {"title": "E"}))
    text = store_path.read_bytes()
    assert text == (
        b"% my library\n"
        b"@string{acl = {ACL}}\n\n"
        b"@misc{alpha,\n  title = {A},\n}\n\n"
        b"@article{bravo,  title={B},\tbooktitle = acl # { 2020}}\n\n"
        b"@misc{charlie,\n  title = {C},\n}\n\n"
        b"@misc{delta,\n  title = {D}\n}\n\n"
        b"@misc{echo,\n  title = {E},\n}\n"
    )


def test_edited_entry_is_rewritten_in_place_and_nothing_else_moves(store_path: Path) -> None:
    with edit_store(store_path) as store:
        bravo = store.get("BRAVO")
        assert bravo is not None
        store.put(
            Entry(
                bravo.key,
                bravo.entry_type,
                {**bravo.fields, "year": "2020"},
                macros=bravo.macros,
                sources=(SourceLocation("r.md", 4, "2"),),
            )
        )
    assert store_path.read_bytes() == (
        b"% my library\n"
        b"@string{acl = {ACL}}\n\n"
        b"@article{bravo,\n  title = {B},\n  booktitle = acl # { 2020},\n  year = {2020},\n"
        b"  sources = {r.md:4#2},\n}\n\n"
        b"@misc{delta,\n  title = {D}\n}\n"
    )


def test_removed_entry_takes_its_blank_line_with_it(store_path: Path) -> None:
    with edit_store(store_path) as store:
        removed = store.remove("bravo")
    assert removed.key == "bravo"
    assert store_path.read_bytes() == (
        b"% my library\n@string{acl = {ACL}}\n\n@misc{delta,\n  title = {D}\n}\n"
    )


def test_keys_are_unique_case_insensitively(store_path: Path) -> None:
    store = load_store(store_path)
    store.put(Entry("Delta", "misc", {"title": "new"}))
    assert [e.key for e in store.entries()] == ["bravo", "Delta"]


def test_save_refuses_when_the_file_changed_underneath(store_path: Path) -> None:
    store = load_store(store_path)
    store.put(Entry("x", "misc"))
    store_path.write_bytes(ORIGINAL + b"\n% edited elsewhere\n")
    with pytest.raises(StoreChanged):
        save_store(store)
    assert store_path.read_bytes().endswith(b"% edited elsewhere\n")


def test_failed_write_leaves_the_old_file(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(_self: object) -> bytes:
        raise RuntimeError("disk full")

    store = load_store(store_path)
    store.put(Entry("x", "misc"))
    monkeypatch.setattr(type(store), "to_bytes", explode)
    with pytest.raises(RuntimeError):
        save_store(store)
    assert store_path.read_bytes() == ORIGINAL
    # no temporary file and no lock file is left beside the store
    assert sorted(p.name for p in store_path.parent.iterdir()) == ["references.bib"]


def _add_many(path: str, prefix: str) -> None:
    for i in range(15):
        with edit_store(Path(path)) as store:
            store.put(Entry(f"{prefix}{i:02d}", "misc", {"title": prefix}))


def test_concurrent_writers_lose_nothing(store_path: Path) -> None:
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_add_many, args=(str(store_path), p)) for p in "pq"]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    assert all(worker.exitcode == 0 for worker in workers)
    keys = {e.key for e in load_store(store_path).entries()}
    assert {f"{p}{i:02d}" for p in "pq" for i in range(15)} <= keys


def test_warm_load_equals_cold_load(store_path: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cold = load_store(store_path, cache)
    assert list((cache / "store-index").iterdir())
    warm = load_store(store_path, cache)
    assert warm.entries() == cold.entries()
    assert warm.blocks == cold.blocks
    assert warm.problems == cold.problems


def test_index_is_keyed_by_content(store_path: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load_store(store_path, cache)
    store_path.write_bytes(ORIGINAL.replace(b"{D}", b"{D2}"))
    assert load_store(store_path, cache).get("delta") == Entry("delta", "misc", {"title": "D2"})


def test_a_corrupt_index_is_ignored(store_path: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cold = load_store(store_path, cache)
    for index in (cache / "store-index").iterdir():
        index.write_bytes(b"garbage")
    assert load_index(cache, cold.digest or "", str(store_path)) is None
    assert load_store(store_path, cache).entries() == cold.entries()


def test_problems_name_the_path_given(tmp_path: Path) -> None:
    path = tmp_path / "x.bib"
    path.write_bytes(b"@misc{a,}\n@misc{A,}\n")
    cache = tmp_path / "cache"
    load_store(path, cache)
    copy = tmp_path / "copy.bib"
    copy.write_bytes(path.read_bytes())
    (problem,) = load_store(copy, cache).problems
    assert (problem.file, problem.line, problem.code) == (str(copy), 2, "repeated-key")

"""catalog.yaml: deterministic bytes, a lossless round trip, renames, readable errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from refs.catalog import (
    Catalog,
    dump_catalog,
    extract_items,
    load_catalog,
    parse_catalog,
    rename_keys,
    save_catalog,
    with_document,
)
from refs.errors import UnreadableInput
from tests.catalog.fixtures import DOC, ENTRIES, HTML_ROWSPAN


def _catalog() -> Catalog:
    return with_document(Catalog(), DOC, "abc", extract_items(DOC, HTML_ROWSPAN, ENTRIES))


def test_round_trip_is_lossless_and_bytes_are_stable() -> None:
    catalog = _catalog()
    data = dump_catalog(catalog)
    assert parse_catalog(data, "c.yaml") == catalog
    assert dump_catalog(parse_catalog(data, "c.yaml")) == data


def test_save_writes_only_on_change(tmp_path: Path) -> None:
    path = tmp_path / "catalog.yaml"
    assert save_catalog(path, _catalog())
    assert not save_catalog(path, _catalog())
    assert load_catalog(path) == _catalog()


def test_absent_catalog_is_empty(tmp_path: Path) -> None:
    assert load_catalog(tmp_path / "none.yaml") == Catalog()


def test_rename_keys_follows_the_map_in_rows_and_cells() -> None:
    renamed = rename_keys(_catalog(), {"alpha": "alpha2023", "other": "base"})
    alpha = next(i for i in renamed.items if i.name == "Alpha")
    assert alpha.cites == ("alpha2023",)
    assert [c.cites for c in alpha.related] == [("base",), ("base",)]


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"items: [\n", id="bad-yaml"),
        pytest.param(b"- a\n- b\n", id="not-a-mapping"),
        pytest.param(b"items:\n- source: {line: x}\n", id="bad-line"),
    ],
)
def test_unreadable_catalog_names_the_file(data: bytes) -> None:
    with pytest.raises(UnreadableInput, match=r"c\.yaml"):
        parse_catalog(data, "c.yaml")

"""catalog.yaml comes with the repository: an alias bomb, deep nesting, a huge file or a wrong
shape is one ``catalog.yaml:LINE: …`` error (exit 2), in milliseconds, never a traceback."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from refs.catalog import Catalog, CitedCell, Item, dump_catalog, load_catalog, parse_catalog, reader
from refs.errors import UnreadableInput
from tests.conftest import RunCli


def _bomb(levels: int = 9) -> bytes:
    """The billion laughs: each level an anchored list of nine aliases of the one before."""
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, levels)]
    lines += ["documents: {}", f"items: [{{name: x, labels: *a{levels - 1}, cites: *a8}}]"]
    return "\n".join(lines).encode() + b"\n"


def test_the_alias_bomb_is_refused_in_milliseconds() -> None:
    data = _bomb()
    assert len(data) < 600
    started = time.perf_counter()
    with pytest.raises(UnreadableInput, match=r"^catalog\.yaml:2: an alias \(\*a0\) is not"):
        parse_catalog(data, "catalog.yaml")
    assert time.perf_counter() - started < 0.5


def test_the_alias_bomb_is_exit_2_through_the_cli(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("REFS_CATALOG")
    (tmp_path / "references.bib").write_text("@misc{a, title={T}, author={Doe, J}, year={2020}}")
    (tmp_path / "catalog.yaml").write_bytes(_bomb())
    result = run_cli("check")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: catalog.yaml:2: an alias")


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"items: " + b"[" * 100_000 + b"]" * 100_000, id="flow-lists"),
        pytest.param(b"items: " + b"{a: " * 50_000 + b"1" + b"}" * 50_000, id="flow-mappings"),
        pytest.param(
            b"items:\n" + b"".join(b"  " * i + b"- \n" for i in range(200)), id="block-lists"
        ),
    ],
)
def test_deep_nesting_is_refused_without_recursion(data: bytes) -> None:
    started = time.perf_counter()
    with pytest.raises(UnreadableInput, match=r"^c\.yaml:\d+: nested more than \d+ levels"):
        parse_catalog(data, "c.yaml")
    assert time.perf_counter() - started < 2


@pytest.mark.parametrize(
    ("data", "line", "what"),
    [
        pytest.param(b"- a\n- b\n", 1, "not a refs catalog", id="a-list"),
        pytest.param(b"items: {a: 1}\n", 1, "items must be a list", id="items-a-mapping"),
        pytest.param(b"items:\n- just text\n", 2, "items[0] must be a mapping", id="item-text"),
        pytest.param(b"items:\n-\n  name: [a]\n", 3, "items[0].name must be text", id="name-list"),
        pytest.param(
            b"items:\n- source: {line: x}\n", 2, "source.line must be a whole number", id="line-x"
        ),
        pytest.param(
            b"items:\n- source: {line: [1]}\n", 2, "source.line must be a whole", id="line-list"
        ),
        pytest.param(
            b"items:\n- source: {line: -3}\n", 2, "source.line must be a whole", id="line-negative"
        ),
        pytest.param(b"items:\n- source: [a]\n", 2, "items[0].source must be a", id="source-list"),
        pytest.param(
            b"items:\n- labels: {a: 1}\n", 2, "items[0].labels must be a list", id="labels-map"
        ),
        pytest.param(b"items:\n- links: [a]\n", 2, "items[0].links must be a", id="links-list"),
        pytest.param(
            b"items:\n- attributes: {a: {b: c}}\n", 2, "attributes.a must be text", id="attr-map"
        ),
        pytest.param(b"items:\n- related: [x]\n", 2, "related[0] must be a", id="cell-text"),
        pytest.param(
            b"items:\n- related:\n  - line: y\n", 3, "related[0].line must be a", id="cell-line"
        ),
        pytest.param(b"documents: [a]\n", 1, "documents must be a mapping", id="documents-list"),
        pytest.param(
            b"documents:\n  a.md: text\n", 2, "documents['a.md'] must be a", id="document-text"
        ),
        pytest.param(
            b"documents:\n  a.md: {sha256: [1]}\n", 2, "sha256 must be text", id="digest-list"
        ),
        pytest.param(
            b"items:\n- name: !!python/object/apply:os.system [echo hi]\n",
            2,
            "must be text",
            id="python-tag",
        ),
        pytest.param(b"items: !!python/object/apply:os.system [x]\n", 1, "", id="python-tag-list"),
        pytest.param(b"items: [\n", 2, "not valid YAML", id="unclosed"),
        pytest.param(b"a: 1\n---\nb: 2\n", 2, "not valid YAML", id="two-documents"),
        pytest.param(b"a: \x07\n", 1, "not valid YAML", id="control-character"),
        pytest.param(
            b"documents: {}\nitems: []\nitems: []\n", 3, "'items' is given twice", id="dup-key"
        ),
        pytest.param(
            b"items:\n- name: a\n  name: b\n", 3, "'name' is given twice", id="dup-item-key"
        ),
    ],
)
def test_a_wrong_shape_names_the_file_and_line(data: bytes, line: int, what: str) -> None:
    with pytest.raises(UnreadableInput) as error:
        parse_catalog(data, "c.yaml")
    assert str(error.value).startswith(f"c.yaml:{line}: ")
    assert what in str(error.value)


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"\xff\xfei\x00t\x00", id="utf-16"),
        pytest.param("items: [{name: Köln}]".encode("latin-1"), id="latin-1"),
    ],
)
def test_text_that_is_not_utf8_is_refused(data: bytes) -> None:
    with pytest.raises(UnreadableInput, match=r"^c\.yaml: not a refs catalog: not UTF-8"):
        parse_catalog(data, "c.yaml")


def test_a_catalog_over_the_size_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader, "CATALOG_LIMIT", 100)
    with pytest.raises(UnreadableInput, match=r"^c\.yaml: larger than"):
        parse_catalog(b"items: []\n" + b"#" * 100, "c.yaml")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_named_catalog_is_refused_not_waited_on(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "catalog.yaml")
    with pytest.raises(UnreadableInput, match="not a regular file"):
        load_catalog(tmp_path / "catalog.yaml")


def test_refs_never_writes_an_anchor_even_for_shared_values() -> None:
    shared_section = ("Models", "Table")
    shared_links = {"paper": "https://arxiv.org/abs/2305.11206"}
    shared_cell = CitedCell("Base", "GPT-3", 4, ("1",), ("brown2020",))
    items = tuple(
        Item(f"Row{i}", shared_section, "a.md", i, ("1",), ("k",), shared_links, shared_links,
             (shared_cell, shared_cell), ("flag",))
        for i in range(3)
    )  # fmt: skip
    catalog = Catalog({"a.md": "abc", "b.md": "abc"}, items)
    data = dump_catalog(catalog)
    assert b"&id" not in data
    assert b"*id" not in data
    assert parse_catalog(data, "c.yaml") == catalog


def test_a_catalog_refs_wrote_reads_back_identically(tmp_path: Path) -> None:
    shipped = Path(__file__).resolve().parents[2] / "catalog.yaml"
    data = shipped.read_bytes()
    assert dump_catalog(parse_catalog(data, "catalog.yaml")) == data


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"", id="empty"),
        pytest.param(b"~\n", id="null"),
        pytest.param(b"documents:\nitems:\n", id="null-parts"),
        pytest.param(b"anchor: &a [x]\nitems: []\n", id="an-anchor-without-alias"),
    ],
)
def test_empty_catalogs_read_as_empty(data: bytes) -> None:
    assert parse_catalog(data, "c.yaml") == Catalog()

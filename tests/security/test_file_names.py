"""Any file name survives the store's ``sources`` and ``refs-flags`` fields: a ``;``, ``}``,
``#``, ``:``, ``@``, ``{``, ``%``, a newline or an undecodable byte in a document's name
neither corrupts the entry nor makes a re-import add a flag."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from bibtexparser.entrypoint import parse_string
from hypothesis import given
from hypothesis import strategies as st

from refs.bibtex.meta import format_sources, parse_sources
from refs.importing import FLAGS_FIELD
from refs.importing.meta import flag_file, flag_item, flag_items, parse_flag
from refs.model import SourceLocation, format_location, parse_location
from refs.store import load_store
from tests.cli.test_check import DOC
from tests.conftest import RunCli

NAMES = [
    pytest.param("we;ird}name#1.md", id="semicolon-brace-hash"),
    pytest.param("open{brace.md", id="open-brace"),
    pytest.param("x:12.md", id="colon-digits"),
    pytest.param("at@sign.md", id="at-sign"),
    pytest.param("new\nline.md", id="newline"),
    pytest.param("per%25cent.md", id="percent-escape-lookalike"),
    pytest.param(" blank at both ends.md ", id="blanks-at-the-ends"),
    pytest.param("back\\slash.md", id="backslash"),
    pytest.param("ünï cödé.md", id="unicode"),
    pytest.param(os.fsdecode(b"bad\xffbyte.md"), id="undecodable-byte"),
]

#: Text a file name or label may hold, surrogate escapes included (names that are not UTF-8).
_TEXT = st.text(st.characters(codec="utf-8") | st.sampled_from("%;#{}@:\\\n\udcff"))


@given(file=_TEXT, line=st.integers(0, 10**6), label=st.none() | _TEXT)
def test_a_location_round_trips(file: str, line: int, label: str | None) -> None:
    source = SourceLocation(file, line, label)
    text = format_location(source)
    assert parse_location(text) == source
    assert not set(text) & set(";{}\n")


@given(st.lists(st.tuples(_TEXT, st.integers(0, 10**6), st.none() | _TEXT), max_size=5))
def test_a_sources_field_round_trips(items: list[tuple[str, int, str | None]]) -> None:
    sources = tuple(SourceLocation(*item) for item in items)
    assert parse_sources(format_sources(sources)) == (sources, [])


@given(file=_TEXT, line=st.integers(0, 10**6))
def test_a_flag_names_its_occurrence_for_any_file(file: str, line: int) -> None:
    item = flag_item("label-reused", SourceLocation(file, line, "4"))
    assert parse_flag(item) == ("label-reused", SourceLocation(file, line))
    assert flag_items({FLAGS_FIELD: f"{item}; {item}"}) == [item, item]
    assert flag_file(item) == file


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "README.md:12#3; notes/a b.md:4",
            (SourceLocation("README.md", 12, "3"), SourceLocation("notes/a b.md", 4)),
            id="unquoted-sources",
        ),
        pytest.param(
            "sources/002-survey-catalog.md:1069#3",
            (SourceLocation("sources/002-survey-catalog.md", 1069, "3"),),
            id="shipped-form",
        ),
    ],
)
def test_a_store_written_before_quoting_reads_the_same(
    text: str, expected: tuple[SourceLocation, ...]
) -> None:
    assert parse_sources(text) == (expected, [])
    assert format_sources(expected) == text


def test_an_old_flag_is_still_attributed() -> None:
    assert parse_flag("no-year@README.md:12") == ("no-year", SourceLocation("README.md", 12))
    assert flag_file("no-year@notes/x:y.md:3") == "notes/x:y.md"
    assert parse_flag("needs-metadata") == ("needs-metadata", None)


@pytest.mark.skipif(sys.platform == "win32", reason="these names are not allowed on Windows")
@pytest.mark.parametrize("name", NAMES)
def test_importing_an_odd_name_twice_changes_nothing(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.chdir(tmp_path)
    try:
        Path(name).write_text(DOC)
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system does not take that name")
    assert run_cli("import", name).exit_code == 1  # its reused label is flagged
    store = tmp_path / "references.bib"
    first = store.read_bytes()
    assert run_cli("import", name).exit_code == 1
    assert store.read_bytes() == first

    entries = load_store(store).entries()
    assert entries
    for entry in entries:
        assert {source.file for source in entry.sources} == {name}
        flags = flag_items(entry.fields)
        assert len(flags) == len(set(flags)) == 1
        assert flag_file(flags[0]) == name
    # BibTeX tools read the store: every entry whole, no block left unparsed
    library = parse_string(first.decode("utf-8", "surrogateescape"))
    assert not library.failed_blocks
    assert len(library.entries) == len(entries)


def test_two_odd_names_keep_their_own_flags(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("a;b@c:d.md", "a"):
        Path(name).write_text(DOC)
    run_cli("import", "a;b@c:d.md", "a")
    first = (tmp_path / "references.bib").read_bytes()
    run_cli("import", "a")  # re-importing "a" must not touch the flags of "a;b@c:d.md"
    assert (tmp_path / "references.bib").read_bytes() == first
    entry = load_store(tmp_path / "references.bib").entries()[0]
    assert sorted(flag_file(item) for item in flag_items(entry.fields)) == ["a", "a;b@c:d.md"]

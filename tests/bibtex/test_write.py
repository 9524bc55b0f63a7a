"""The canonical layout, and what cannot be written."""

from __future__ import annotations

import pytest

from refs.bibtex import InvalidEntry, format_entry, read_bib
from refs.model import Entry, SourceLocation


def test_canonical_layout_orders_fields_and_puts_store_fields_last() -> None:
    entry = Entry(
        "zhou2023lima",
        "inproceedings",
        {"url": "https://x", "zzz": "z", "year": "2023", "title": "{LIMA}", "author": "Zhou, C."},
        (SourceLocation("a.md", 3, "12"),),
        ("old",),
    )
    assert format_entry(entry) == (
        "@inproceedings{zhou2023lima,\n"
        "  author = {Zhou, C.},\n"
        "  title = {{LIMA}},\n"
        "  year = {2023},\n"
        "  url = {https://x},\n"
        "  zzz = {z},\n"
        "  sources = {a.md:3#12},\n"
        "  ids = {old},\n"
        "}"
    )


def test_macros_are_written_bare() -> None:
    entry = Entry("k", "misc", {"month": "jan"}, macros=frozenset({"month"}))
    assert "  month = jan,\n" in format_entry(entry)


@pytest.mark.parametrize(
    "entry",
    [
        pytest.param(Entry("a b", "misc"), id="space-in-key"),
        pytest.param(Entry("", "misc"), id="empty-key"),
        pytest.param(Entry("k", "mi sc"), id="bad-type"),
        pytest.param(Entry("k", "misc", {"title": "a } b {"}), id="unbalanced-value"),
        pytest.param(Entry("k", "misc", {"bad name": "x"}), id="bad-field-name"),
        pytest.param(Entry("k", "misc", {"sources": "x"}), id="reserved-field-name"),
    ],
)
def test_invalid_entries_are_refused(entry: Entry) -> None:
    with pytest.raises(InvalidEntry):
        format_entry(entry)


def test_written_entry_reads_back_equal() -> None:
    entry = Entry("k", "article", {"title": 'A "quoted" {B} @ 100%', "note": "x\ny"})
    (back,) = read_bib(format_entry(entry).encode()).entries
    assert back == entry

"""Each check alone, on a small context: what it reports, where, how severely."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

import pytest

from refs.catalog import Catalog, CitedCell, Item
from refs.check import CHECKS, CheckContext, Finding, run_checks
from refs.check.catalog_checks import (
    ambiguous_citations,
    dangling_citations,
    link_mismatches,
    related_mismatches,
    uncited_entries,
    unknown_keys,
)
from refs.check.document_checks import (
    broken_anchors,
    missing_documents,
    refused_documents,
    stale_documents,
)
from refs.check.store_checks import (
    alias_collisions,
    duplicate_keys,
    missing_fields,
    text_link_mismatches,
)
from refs.model import Entry
from tests.catalog.fixtures import DOC, ENTRIES, entry


def _context(*items: Item, entries: tuple[Entry, ...] = ENTRIES, **more: object) -> CheckContext:
    lines = tuple(range(1, len(entries) + 1))
    context = CheckContext("references.bib", entries, lines, Catalog({DOC: "x"}, items))
    return replace(context, **more)  # type: ignore[arg-type]


def _row(
    name: str, line: int, labels: tuple[str, ...], cites: tuple[str, ...], **more: object
) -> Item:
    return Item(name, ("S",), DOC, line, labels, cites, **more)  # type: ignore[arg-type]


def _codes(found: Iterable[Finding]) -> list[tuple[int, str, str]]:
    return [(f.line, str(f.severity), f.code) for f in found]


def test_dangling_citation_is_an_error_where_there_is_a_reference_list() -> None:
    found = list(dangling_citations(_context(_row("X", 7, ("9",), ()))))
    assert _codes(found) == [(7, "error", "dangling-citation")]


def test_number_in_a_document_without_reference_list_is_a_warning() -> None:
    item = replace(_row("X", 7, ("9",), ()), file="other.md")
    assert _codes(dangling_citations(_context(item))) == [(7, "warning", "unresolved-citation")]


@pytest.mark.parametrize(
    "cites",
    [pytest.param(("gamma",), id="resolved-by-link"), pytest.param((), id="unresolved")],
)
def test_number_defined_twice_is_an_error_on_every_row(cites: tuple[str, ...]) -> None:
    found = list(ambiguous_citations(_context(_row("Gamma", 5, ("4",), cites))))
    assert _codes(found) == [(5, "error", "ambiguous-citation")]


def test_wrong_number_row_is_a_link_mismatch() -> None:
    links = {"paper": "https://arxiv.org/abs/2399.99999"}
    found = list(link_mismatches(_context(_row("Alpha", 3, ("1",), ("alpha",), links=links))))
    assert _codes(found) == [(3, "error", "link-mismatch")]


@pytest.mark.parametrize(
    "url",
    [
        pytest.param("https://arxiv.org/pdf/2301.00001v2.pdf", id="same-arxiv"),
        pytest.param("https://example.org/blog", id="plain-url-proves-nothing"),
    ],
)
def test_consistent_row_is_not_a_link_mismatch(url: str) -> None:
    row = _row("Alpha", 3, ("1",), ("alpha",), links={"paper": url})
    assert list(link_mismatches(_context(row))) == []


def test_cell_naming_another_row_with_another_entry_is_a_related_mismatch() -> None:
    cell = CitedCell("Base Model", "Alpha", 12, ("2",), ("base",))
    rows = (
        _row("Alpha", 3, ("1",), ("alpha",)),
        _row("Beta", 11, ("2",), ("base",), related=(cell,)),
    )
    assert _codes(related_mismatches(_context(*rows))) == [(12, "error", "related-mismatch")]


def test_cell_citing_what_the_row_cites_is_fine() -> None:
    cell = CitedCell("Base Model", "alpha", 12, ("1",), ("alpha",))
    rows = (
        _row("Alpha", 3, ("1",), ("alpha",)),
        _row("Beta", 11, ("2",), ("base",), related=(cell,)),
    )
    assert list(related_mismatches(_context(*rows))) == []


def test_unknown_key_in_the_catalog() -> None:
    assert _codes(unknown_keys(_context(_row("X", 2, (), ("gone",))))) == [
        (2, "error", "unknown-key")
    ]


def test_uncited_entries_of_a_catalog_document() -> None:
    found = list(uncited_entries(_context(_row("Alpha", 3, ("1",), ("alpha",)))))
    assert sorted(f.line for f in found) == [41, 42, 43, 44]
    assert {f.code for f in found} == {"uncited-entry"}


def test_id_mismatch_flag_is_reported_at_its_occurrence() -> None:
    bad = entry("bad", "5", 45, **{"refs-flags": f"id-mismatch@{DOC}:45"})
    found = list(text_link_mismatches(_context(entries=(bad,))))
    assert _codes(found) == [(45, "error", "id-mismatch")]
    assert found[0].file == DOC


def test_missing_fields_are_warnings_in_the_store() -> None:
    bare = Entry("bare", "misc", {"title": "T"})
    found = list(missing_fields(_context(entries=(bare,))))
    assert _codes(found) == [(1, "warning", "missing-field")]
    assert "author, year" in found[0].message


def test_duplicate_keys_case_insensitively() -> None:
    entries = (Entry("a", "misc", {}), Entry("A", "misc", {}))
    assert _codes(duplicate_keys(_context(entries=entries))) == [
        (1, "error", "duplicate-key"),
        (2, "error", "duplicate-key"),
    ]


def test_alias_colliding_with_a_live_key() -> None:
    entries = (Entry("a", "misc", {}, ids=("b",)), Entry("b", "misc", {}))
    assert _codes(alias_collisions(_context(entries=entries))) == [(1, "error", "alias-collision")]


def test_broken_anchor_and_github_heading_slugs() -> None:
    text = (
        "# A\n## Models\n## Models\n"
        '[x](#models-1) <a href="#ref1">1</a> <a href="#ref2">2</a>\n<a id="ref1">[1]</a>\n'
    )
    found = list(broken_anchors(_context(documents={DOC: text})))
    assert _codes(found) == [(4, "error", "broken-anchor")]
    assert "#ref2" in found[0].message


def test_missing_document_is_a_warning_not_a_crash() -> None:
    found = list(missing_documents(_context(documents={DOC: None})))
    assert _codes(found) == [(0, "warning", "missing-document")]
    assert list(broken_anchors(_context(documents={DOC: None}))) == []


def test_refused_document_is_a_warning_saying_why() -> None:
    context = _context(refused={"/etc/passwd": "outside the project folder /p"})
    found = list(refused_documents(context))
    assert _codes(found) == [(0, "warning", "refused-document")]
    assert "outside the project folder" in found[0].message
    assert "refs import" not in found[0].fix


def test_changed_document_is_stale() -> None:
    found = list(stale_documents(_context(digests={DOC: "y"})))
    assert _codes(found) == [(0, "warning", "stale-catalog")]


def test_registry_runs_every_check_and_sorts() -> None:
    assert len(CHECKS) == len(set(CHECKS)) == 15
    found = run_checks(_context(_row("X", 7, ("9",), ())))
    assert found == sorted(found, key=lambda f: (f.file, f.line, f.code, f.message))


def test_broken_anchors_read_the_document_model() -> None:
    text = (
        "Setext Heading 1\n================\n\n"
        "See [the first](#setext-heading-1) and [[2]](#ref2) and [[3]](#ref3).\n\n"
        '<a id="ref2"></a>[2] B. Lee. Dense models.\n\n'
        '````markdown\n<a id="ref3"></a>[3] an example\n[[9]](#ref9)\n````\n'
    )
    context = CheckContext("refs.bib", (), (), documents={"README.md": text})
    found = [(f.line, f.message.split(",")[0]) for f in broken_anchors(context)]
    assert found == [(4, "link to #ref3")]  # setext slug and #ref2 defined; the fence is code

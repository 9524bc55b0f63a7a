"""Catalog rows -> items: names, sections, spans, numbers resolved through the reference list."""

from __future__ import annotations

from pathlib import Path

import pytest

from refs.catalog import Item, extract_items
from refs.store import load_store
from tests.catalog.fixtures import DOC, ENTRIES, HTML_ROWSPAN, PIPE, entry

ROOT = Path(__file__).resolve().parents[2]
SEED = "sources/002-survey-catalog.md"


def _by_name(items: tuple[Item, ...]) -> dict[str, Item]:
    return {item.name: item for item in items}


def test_rowspan_row_continues_its_item() -> None:
    items = _by_name(extract_items(DOC, HTML_ROWSPAN, ENTRIES))
    alpha = items["Alpha"]
    assert alpha.section == ("Survey", "Models", "Type")
    assert alpha.cites == ("alpha",)
    assert alpha.attributes["Type"] == "Chat"
    assert alpha.attributes["Base Model / Size"] == "7B; 13B"
    assert [(c.name, c.cites) for c in alpha.related] == [
        ("Base", ("base",)),
        ("Other", ("other",)),
    ]
    assert alpha.links == {"paper": "https://arxiv.org/abs/2301.00001"}


def test_carried_cell_belongs_to_each_row_it_covers() -> None:
    items = _by_name(extract_items(DOC, HTML_ROWSPAN, ENTRIES))
    assert items["Beta"].attributes["Type"] == "Code"
    assert items["Beta"].related[0].cites == ("other",)


@pytest.mark.parametrize(
    ("name", "cites", "flags"),
    [
        pytest.param("Gamma", ("gamma",), ("ambiguous:4", "decided-by-link:4"), id="link-decides"),
        pytest.param("Delta", ("delta",), ("ambiguous:4", "decided-by-link:4"), id="other-link"),
        pytest.param("Epsilon", (), ("no-entry:9",), id="number-with-no-entry"),
        pytest.param("Zeta", (), ("no-citation",), id="row-citing-nothing"),
    ],
)
def test_pipe_rows_resolve_through_the_reference_list(
    name: str, cites: tuple[str, ...], flags: tuple[str, ...]
) -> None:
    item = _by_name(extract_items(DOC, PIPE, ENTRIES))[name]
    assert (item.cites, item.flags) == (cites, flags)
    assert item.line == PIPE.split("\n").index(next(x for x in PIPE.split("\n") if name in x)) + 1


def test_ambiguous_number_without_a_deciding_link_is_left_unresolved() -> None:
    doc = "| Name | Size |\n|---|---|\n| Gamma [4] | 5K |\n"
    (item,) = extract_items(DOC, doc, ENTRIES)
    assert item.cites == ()
    assert item.flags == ("ambiguous:4",)


def test_paper_table_rows_cite_the_entries_imported_from_their_line() -> None:
    doc = "| Title | Date |\n|---|---|\n| A Paper About Things | 2023 |\n| Not imported | 2022 |\n"
    entries = (entry("paper", None, 3),)
    items = extract_items(DOC, doc, entries)
    assert [(i.name, i.cites) for i in items] == [
        ("A Paper About Things", ("paper",)),
        ("Not imported", ()),
    ]


def test_table_citing_nothing_is_not_a_catalog() -> None:
    assert extract_items(DOC, "| a | b |\n|---|---|\n| x | y |\n", ENTRIES) == ()


def test_seed_002_rows() -> None:
    entries = load_store(ROOT / "references.bib").entries()
    text = (ROOT / SEED).read_text(encoding="utf-8")
    items = extract_items(SEED, text, entries)
    assert len(items) == 94
    rows = {item.line: item for item in items}
    assert rows[107].flags == ("ambiguous:3", "decided-by-link:3")
    assert rows[107].cites != rows[216].cites
    assert rows[686].attributes["# Tasks"] == "9; 3"  # LAMM spans two rows
    assert [c.line for c in rows[759].related] == [764, 770, 774]  # LLaVA's three base models
    assert rows[879].related[0].name == "FLAN-T5"


def test_rows_of_a_table_whose_spans_were_cut_are_kept_and_flagged() -> None:
    rows = "".join(f"<tr><td rowspan=999 colspan=999>M{n} [1]</td></tr>\n" for n in range(20))
    text = f"## Models\n\n<table>\n<tr><th>Name</th></tr>\n{rows}</table>\n"
    items = extract_items(DOC, text, ENTRIES)
    assert [item.name for item in items] == [f"M{n}" for n in range(20)]
    assert all("spans-clipped" in item.flags for item in items)
    assert all(item.cites == ("alpha",) for item in items)

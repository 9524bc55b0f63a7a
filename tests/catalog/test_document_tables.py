"""Catalog tables as the document model reads them: headings of any syntax, code that is not a
table, and rows that cite a paper by the identifier of their link."""

from __future__ import annotations

import pytest

from refs.catalog import extract_items
from refs.model import Entry, SourceLocation
from tests.catalog.fixtures import DOC, ENTRIES, entry

#: Entries read from a list further down the document (line 40 on), not from the table.
LISTED = (
    entry("sparse", None, 40, eprint="2401.01234"),
    entry("parsing", None, 41, doi="10.1145/3600006.3613165"),
    entry("tagger", None, 42, url="https://aclanthology.org/2023.acl-long.42/"),
    entry("agents", None, 43, url="https://openreview.net/forum?id=AbC123xyz"),
)


@pytest.mark.parametrize(
    ("link", "key"),
    [
        pytest.param("https://arxiv.org/abs/2401.01234", "sparse", id="arxiv"),
        pytest.param("https://arxiv.org/pdf/2401.01234v2.pdf", "sparse", id="arxiv-pdf-version"),
        pytest.param("https://doi.org/10.1145/3600006.3613165", "parsing", id="doi"),
        pytest.param("https://aclanthology.org/2023.acl-long.42.pdf", "tagger", id="acl-anthology"),
        pytest.param("https://openreview.net/pdf?id=AbC123xyz", "agents", id="openreview"),
    ],
)
def test_a_row_linking_a_paper_cites_the_entry_holding_its_identifier(link: str, key: str) -> None:
    text = f"## Models\n\n| Model | Paper |\n|---|---|\n| Sparse-7B | [Paper]({link}) |\n"
    (item,) = extract_items(DOC, text, LISTED)
    assert (item.name, item.cites, item.flags) == ("Sparse-7B", (key,), ())


def test_a_row_whose_link_no_entry_holds_cites_nothing() -> None:
    text = (
        "| Model | Paper |\n|---|---|\n| Sparse-7B | [Paper](https://arxiv.org/abs/2401.01234) |\n"
    )
    assert extract_items(DOC, text, ENTRIES) == ()  # nothing cited: layout, not a catalog


def test_of_two_entries_holding_the_identifier_the_one_from_this_document_is_cited() -> None:
    text = (
        "| Model | Paper |\n|---|---|\n| Sparse-7B | [arXiv](https://arxiv.org/abs/2401.01234) |\n"
    )
    elsewhere = entry("twin", None, 7, eprint="2401.01234")
    other_file = Entry("twin", "misc", elsewhere.fields, (SourceLocation("other.md", 7, None),))
    (item,) = extract_items(DOC, text, (*LISTED, other_file))
    assert item.cites == ("sparse",)  # the one read from this document
    both_here = (*LISTED, elsewhere)
    assert extract_items(DOC, text, both_here) == ()  # two here: no guess, no catalog


def test_a_table_inside_a_fence_is_code_not_a_catalog() -> None:
    text = "## Example\n\n````markdown\n| Name | Base |\n|---|---|\n| Alpha [1] | - |\n````\n"
    assert extract_items(DOC, text, ENTRIES) == ()


@pytest.mark.parametrize(
    ("heading", "path"),
    [
        pytest.param("## Chat Models\n", ("Chat Models",), id="atx"),
        pytest.param("Chat Models\n-----------\n", ("Chat Models",), id="setext"),
        pytest.param('<h2 align="center">Chat <em>Models</em></h2>\n', ("Chat Models",), id="h2"),
        pytest.param("## **Chat** Models 🤖 ##\n", ("Chat Models 🤖",), id="emphasis-and-closing"),
        pytest.param("```\n## Not A Heading\n```\n", (), id="fenced-is-code"),
    ],
)
def test_the_rows_section_is_the_heading_path_of_any_heading_syntax(
    heading: str, path: tuple[str, ...]
) -> None:
    text = f"{heading}\n| Name | Size |\n|---|---|\n| Alpha [1] | 7B |\n"
    (item,) = extract_items(DOC, text, ENTRIES)
    assert item.section == (*path, "Name")


def test_a_cell_of_block_html_is_read_whole() -> None:
    text = (
        "<table>\n<tr><th>Name</th><th>Links</th></tr>\n<tr>\n"
        '<td><p><b>Alpha</b> [<a href="#ref1">1</a>]</p></td>\n'
        '<td><ul><li><a href="https://github.com/x/alpha">code</a></li></ul></td>\n'
        "</tr>\n</table>\n"
    )
    (item,) = extract_items(DOC, text, ENTRIES)
    assert (item.name, item.labels, item.cites, item.line) == ("Alpha", ("1",), ("alpha",), 4)
    assert item.links == {"code": "https://github.com/x/alpha"}

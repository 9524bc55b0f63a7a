"""Shapes that only a real document model reads: entries over several paragraphs or blocks,
tables through their grid, and what a reference section holds that is read as none.

Every input is written for these tests in the style of survey READMEs.
"""

from __future__ import annotations

import pytest

from refs.errors import Severity
from refs.parsing import ParseResult, Record, Shape, parse_document


def _parse(text: str) -> ParseResult:
    return parse_document(text, "README.md")


def _only(text: str) -> Record:
    result = _parse(text)
    assert len(result.records) == 1, [(r.source.line, r.raw) for r in result.records]
    return result.records[0]


def test_a_list_item_keeps_its_continuation_paragraph_after_a_blank_line() -> None:
    record = _only(
        "## Papers\n\n"
        "1. **Folded Experts for Cheap Inference.** TMLR 2023.\n"
        "\n"
        "    *Mara Quill, Tobias Fenwick.* [[pdf](https://arxiv.org/abs/2305.01234)]\n"
    )
    assert record.source.line == 3
    assert record.fields["title"] == "Folded Experts for Cheap Inference"
    assert record.fields["author"] == "Quill, Mara and Fenwick, Tobias"
    assert record.fields["eprint"] == "2305.01234"


def test_a_description_bullet_under_an_entry_is_part_of_it_not_a_reference() -> None:
    record = _only(
        "- [Quiet Tokens: Pruning Heads](https://arxiv.org/abs/2304.01234) - ICML 2023\n"
        "  - This work prunes attention heads without any retraining.\n"
    )
    assert record.source.line == 1
    assert record.fields["title"] == "Quiet Tokens: Pruning Heads"


def test_a_nested_citation_of_the_same_paper_supplements_its_parent() -> None:
    record = _only(
        "- [Quiet Tokens](https://arxiv.org/abs/2304.01234)\n"
        "  - Lena Brandt, Oskar Veil. Quiet Tokens. arXiv:2304.01234, 2023.\n"
    )
    assert record.source.line == 1
    assert record.fields["eprint"] == "2304.01234"


def test_bullets_nested_under_a_category_bullet_are_each_a_reference() -> None:
    result = _parse(
        "- **Pruning**\n"
        "  - [Quiet Tokens: Pruning Heads](https://arxiv.org/abs/2304.01234)\n"
        "  - [Sparse Routers for Reasoning](https://arxiv.org/abs/2210.04411)\n"
    )
    assert [r.source.line for r in result.records] == [2, 3]


def test_a_bold_label_opens_a_plain_text_citation_paragraph() -> None:
    record = _only(
        "## References\n\n"
        "**[12]** Lena Brandt and Oskar Veil. 2021. Quiet tokens in long documents. In\n"
        "Proceedings of ACL, pages 10\u201320.\n"
    )
    assert (record.source.line, record.source.label) == (3, "12")
    assert record.fields["author"] == "Brandt, Lena and Veil, Oskar"
    assert record.fields["year"] == "2021"


def test_lines_ended_by_hard_breaks_are_one_entry() -> None:
    record = _only(
        "### Pruning\n\n"
        "**Heron: Labels Optional for Tuning** \\\n"
        "*Wei Ouyang, Lena Brandt* \\\n"
        "arXiv 2023. [[Paper](https://arxiv.org/abs/2306.07777)]\n"
    )
    assert record.source.line == 3
    assert record.fields["title"] == "Heron: Labels Optional for Tuning"
    assert record.fields["author"] == "Ouyang, Wei and Brandt, Lena"
    assert record.fields["eprint"] == "2306.07777"


def test_a_heading_that_names_a_paper_is_one_entry_with_the_blocks_under_it() -> None:
    result = _parse(
        "## Avatars\n"
        "### 1. [ICLR '23] Folded Experts for Cheap Inference\n"
        "**Authors**: Mara Quill, Tobias Fenwick, Ines Achterberg\n"
        "<details span>\n<summary><b>Abstract</b></summary>\n"
        "We fold experts so that inference costs less.\n</details>\n\n"
        "  [📄 Paper](https://arxiv.org/pdf/2305.01234.pdf) | [💻 Code](https://github.com/x/y)\n\n"
        "### 2. Sparse Routers for Modular Reasoning\n"
        "**Authors**: Lena Brandt\n\n"
        "[📄 Paper](https://arxiv.org/abs/2210.04411)\n"
    )
    assert [r.source.line for r in result.records] == [2, 11]
    first = result.records[0]
    assert first.fields["title"] == "Folded Experts for Cheap Inference"
    assert first.fields["author"] == "Quill, Mara and Fenwick, Tobias and Achterberg, Ines"
    assert first.fields["eprint"] == "2305.01234"
    assert "github.com/x/y" in first.fields["refs-links"]


def test_a_section_heading_followed_by_entries_names_no_paper() -> None:
    result = _parse(
        "## Efficient Inference Methods\n\n"
        "- [Quiet Tokens: Pruning Heads](https://arxiv.org/abs/2304.01234)\n"
        "- [Sparse Routers for Reasoning](https://arxiv.org/abs/2210.04411)\n"
    )
    assert [r.source.line for r in result.records] == [3, 4]


def test_a_bold_title_followed_by_link_bullets_is_one_entry() -> None:
    result = _parse(
        "# Pruning\n\n"
        "**Quiet Tokens: Pruning Attention Heads Without Retraining**\n\n"
        "- Homepage: https://quiet-tokens.example.io/\n"
        "\n"
        "- Paper: https://arxiv.org/abs/2304.01234\n"
        "- Code: https://github.com/x/quiet-tokens\n\n"
        " **Sparse Routers for Modular Reasoning**\n\n"
        "- Paper  https://arxiv.org/abs/2210.04411\n"
    )
    assert [r.source.line for r in result.records] == [3, 10]
    first = result.records[0]
    assert first.fields["title"] == "Quiet Tokens: Pruning Attention Heads Without Retraining"
    assert first.fields["eprint"] == "2304.01234"
    assert result.records[1].fields["eprint"] == "2210.04411"


def test_html_table_rows_of_model_names_are_papers_by_their_link() -> None:
    result = _parse(
        "<table>\n"
        "  <tr>\n"
        "    <td rowspan='2'>Model</td>\n"
        "    <td colspan='2'>Memory</td>\n"
        "    <td rowspan='2'>Paper</td>\n"
        "  </tr>\n"
        "  <tr>\n    <td>Read</td>\n    <td>Write</td>\n  </tr>\n"
        "  <tr>\n"
        "    <td>Heron</td>\n    <td>-</td>\n    <td>w/ cache</td>\n"
        '    <td><a href="https://arxiv.org/abs/2306.07777">Paper</a></td>\n'
        "  </tr>\n"
        "</table>\n"
    )
    record = result.records[0]
    assert len(result.records) == 1
    assert record.shape is Shape.TABLE_ROW
    assert record.source.line == 11  # the row's <tr>
    assert record.fields["shorttitle"] == "Heron"
    assert record.fields["eprint"] == "2306.07777"
    assert "title" not in record.fields


def test_a_title_cell_opening_with_a_badge_and_a_break_keeps_its_title() -> None:
    record = _only(
        "| Title | Venue |\n| --- | --- |\n"
        "| ![Star](https://img.shields.io/github/stars/x/y)<br>"
        "[Folded Experts for Cheap Inference](https://arxiv.org/abs/2305.01234) | ICML 2023 |\n"
    )
    assert record.source.line == 3
    assert record.fields["title"] == "Folded Experts for Cheap Inference"


def test_links_in_an_html_block_after_a_logo_belong_to_the_entry_above() -> None:
    record = _only(
        "## Tools\n\n"
        "- [Heron: Labels Optional for Tuning](https://arxiv.org/abs/2306.07777)\n\n"
        '<p><img src="logo.png" width="40"> <a href="https://github.com/x/heron">Code</a>'
        ' | <a href="https://heron.example.io">Demo</a></p>\n'
    )
    assert record.source.line == 3
    assert "https://github.com/x/heron" in record.fields["refs-links"]


def test_fenced_bibtex_stays_embedded_bibtex() -> None:
    result = _parse("## Cite\n\n```bibtex\n@misc{quill2023,\n  title={Folded},\n}\n```\n")
    assert [b.line for b in result.bibtex] == [4]
    assert result.records == ()


def test_an_unread_item_of_a_reference_section_is_a_finding_with_its_text() -> None:
    result = _parse(
        "## Papers\n\n"
        "- [Quiet Tokens: Pruning Heads](https://arxiv.org/abs/2304.01234)\n"
        "- [Sparse Routers for Reasoning](https://arxiv.org/abs/2210.04411)\n"
        "- [Folded Experts for Cheap Inference](https://arxiv.org/abs/2305.01234)\n"
        "- see also the talk by the authors at the workshop\n"
    )
    assert [r.source.line for r in result.records] == [3, 4, 5]
    unread = [p for p in result.problems if p.code == "unread-reference"]
    assert [(p.line, p.severity) for p in unread] == [(6, Severity.WARNING)]
    assert "see also the talk by the authors" in unread[0].message
    assert str(unread[0]).startswith("README.md:6: warning unread-reference")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "## Setup\n\n- install the package\n- run the tests\n- read the docs\n", id="tasks"
        ),
        pytest.param(
            "## Papers\n\n- [Quiet Tokens: Pruning Heads](https://arxiv.org/abs/2304.01234)\n\n"
            "More papers are added every week, send a pull request.\n",
            id="one-reference-and-prose",
        ),
    ],
)
def test_a_section_that_is_not_mostly_references_reports_nothing_unread(text: str) -> None:
    assert not [p for p in _parse(text).problems if p.code == "unread-reference"]

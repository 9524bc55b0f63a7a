"""Properties of every parse: blocks point at their own lines and never overlap, any text
parses, and size or nesting costs neither recursion nor quadratic work."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from refs.document import Block, Document, ListItem, Paragraph, inner_blocks, parse

#: Words without Markdown syntax or line separators other than ``\n``.
_words = st.text(st.sampled_from("abcxyz ABC.,:;'0123456789"), min_size=1, max_size=20).map(
    lambda s: s.strip() or "w"
)


@st.composite
def _item(draw: st.DrawFn) -> str:
    marker = draw(st.sampled_from(["-", "*", "+", "1.", "2)", "10."]))
    indent = " " * (len(marker) + 1)
    lines = [f"{marker} {draw(_words)}"]
    for _ in range(draw(st.integers(0, 2))):
        if draw(st.booleans()):
            lines.append("")  # a continuation paragraph after a blank line
        lines.append(indent + draw(_words))
    if draw(st.booleans()):
        lines.append(indent + "- " + draw(_words))  # a nested item
    return "\n".join(lines)


_heading = st.one_of(
    st.builds(lambda n, w: "#" * n + " " + w, st.integers(1, 6), _words),
    st.builds(lambda w, u: f"{w}\n{u * 3}", _words, st.sampled_from("=-")),
)
_fence = st.builds(
    lambda info, body: f"```{info}\n{body}\n```", st.sampled_from(["", "bibtex"]), _words
)
_paragraph = st.lists(_words, min_size=1, max_size=3).map("\n".join)
_documents = st.lists(
    st.one_of(_item(), _heading, _fence, _paragraph), min_size=1, max_size=12
).flatmap(
    lambda parts: st.lists(
        st.sampled_from(["\n\n", "\n\n\n"]), min_size=len(parts), max_size=len(parts)
    ).map(lambda gaps: "".join(p + g for p, g in zip(parts, gaps, strict=True)))
)


def _siblings(document: Document) -> Iterator[tuple[Block | None, tuple[Block, ...]]]:
    """(parent, its blocks) for the document (parent None) and every block with blocks."""
    yield None, document.blocks
    for block in document.iter_blocks():
        inner = inner_blocks(block)
        if inner:
            yield block, inner


@settings(max_examples=200, deadline=None)
@given(_documents)
def test_every_block_holds_its_own_lines_and_none_overlap(text: str) -> None:
    document = parse(text)
    lines = text.splitlines()
    assert document.lines == tuple(lines)
    for block in document.iter_blocks():
        assert 1 <= block.line <= block.end_line <= len(lines)
        assert block.lines == tuple(lines[block.line - 1 : block.end_line])
        assert document.section_of(block.line) is document.sections[block.section]
    for parent, blocks in _siblings(document):
        for before, after in pairwise(blocks):
            assert before.end_line < after.line
        if parent is not None:
            assert all(parent.line <= b.line and b.end_line <= parent.end_line for b in blocks)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_parses(text: str) -> None:
    document = parse(text)
    assert document.text == text
    assert all(block.line >= 1 for block in document.iter_blocks())


_HTML_PIECES = st.sampled_from(
    [
        "<table>",
        "</table>",
        "<tr>",
        "<td rowspan=3>",
        "<td colspan=2>",
        "<th>",
        "</td>",
        "<ul>",
        "<li>",
        "</ul>",
        "<details>",
        "<summary>",
        "</details>",
        "<br>",
        "<b>",
        "</b>",
        "<h2>",
        "\n",
        "\n\n",
        "- item\n",
        "x",
        "<pre>",
        "<!--",
        "-->",
        "<ol start=x>",
        "&amp;",
        "<a href=u>",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_HTML_PIECES, max_size=40).map("".join))
def test_any_mix_of_html_and_markdown_parses(text: str) -> None:
    document = parse(text)
    for block in document.iter_blocks():
        assert 1 <= block.line <= block.end_line


def test_twenty_thousand_items_are_twenty_thousand_items() -> None:
    text = "".join(
        f"{n}. **Title {n}.** Venue 2020. [paper](https://x.org/{n})\n\n"
        f"{' ' * (len(str(n)) + 2)}*A. Author.*\n\n"
        for n in range(1, 20_001)
    )
    document = parse(text)
    items = [b for b in document.blocks if isinstance(b, ListItem)]
    assert [item.number for item in items] == list(range(1, 20_001))
    assert all(len(item.blocks) == 2 for item in items)
    assert items[-1].end_line == len(document.lines) - 1


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("> " * 5_000 + "x\n", id="quotes"),
        pytest.param("- " * 5_000 + "x\n", id="bullets"),
        pytest.param("".join(">" * n + " x\n" for n in range(1, 5_001)), id="deepening-quotes"),
        pytest.param("<div>" * 5_000 + "x" + "</div>" * 5_000 + "\n", id="divs"),
        pytest.param("<b>" * 5_000 + "x\n", id="inline-tags"),
        pytest.param("*" * 5_000 + "x" + "*" * 5_000 + "\n", id="emphasis"),
        pytest.param("[" * 5_000 + "x" + "](u)" * 5_000 + "\n", id="links"),
        pytest.param("<ul><li>" * 5_000 + "x\n", id="html-lists"),
    ],
)
def test_nesting_five_thousand_deep_raises_nothing(text: str) -> None:
    document = parse(text)
    assert sum(1 for _ in document.iter_blocks()) >= 1


def test_deep_html_text_is_kept_to_the_html_parsers_depth() -> None:
    # libxml2 keeps 255 levels (deeper content is dropped, never a crash): 200 are kept whole
    document = parse("<div>" * 200 + "deep" + "</div>" * 200 + "\n")
    paragraphs = [b for b in document.iter_blocks() if isinstance(b, Paragraph)]
    assert [p.text for p in paragraphs] == ["deep"]

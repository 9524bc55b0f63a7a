"""The Markdown block structure of real READMEs, read once: list items keep all their
paragraphs, hard breaks stay in one paragraph, headings of every syntax open sections, code
opens none. Every case says exactly which lines each block covers."""

from __future__ import annotations

import textwrap

import pytest

from refs.document import (
    Block,
    Fence,
    Heading,
    ListItem,
    Paragraph,
    SpanKind,
    parse,
    plain_text,
)


def _doc(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def _items(text: str) -> list[ListItem]:
    return [b for b in parse(text).iter_blocks() if isinstance(b, ListItem)]


def _shape(block: Block) -> tuple[str, int, int]:
    return type(block).__name__, block.line, block.end_line


@pytest.mark.parametrize(
    ("text", "paragraphs", "lines"),
    [
        pytest.param(
            _doc("""
                1. **Graph Neural Networks.** AI Open 2020. [paper](https://x.org/1)

                    *Jie Zhou, Ganqu Cui.*
                2. **Next.** 2021.
            """),
            ["Graph Neural Networks. AI Open 2020. paper", "Jie Zhou, Ganqu Cui."],
            (1, 3),
            id="ordered-four-space-continuation",
        ),
        pytest.param(
            _doc("""
                1. **Title.** Venue.

                   *Authors.* [[pdf](https://x.org/a.pdf)]
            """),
            ["Title. Venue.", "Authors. [pdf]"],
            (1, 3),
            id="ordered-three-space-continuation",
        ),
        pytest.param(
            _doc("""
                - **Title.** Venue.

                  *Authors.*

                - next
            """),
            ["Title. Venue.", "Authors."],
            (1, 3),
            id="bullet-two-space-continuation",
        ),
        pytest.param(
            _doc("""
                * Title, 2020.

                    A. Author, B. Author.
            """),
            ["Title, 2020.", "A. Author, B. Author."],
            (1, 3),
            id="bullet-four-space-continuation",
        ),
        pytest.param(
            _doc("""
                10) Title.

                    Authors.
            """),
            ["Title.", "Authors."],
            (1, 3),
            id="paren-marker-four-space-continuation",
        ),
    ],
)
def test_a_continuation_paragraph_after_a_blank_line_stays_in_its_item(
    text: str, paragraphs: list[str], lines: tuple[int, int]
) -> None:
    item = _items(text)[0]
    assert [b.text for b in item.blocks if isinstance(b, Paragraph)] == paragraphs
    assert (item.line, item.end_line) == lines
    assert item.lines == tuple(text.splitlines()[lines[0] - 1 : lines[1]])


@pytest.mark.parametrize(
    ("text", "marker", "number"),
    [
        pytest.param("- a\n", "-", None, id="dash"),
        pytest.param("* a\n", "*", None, id="star"),
        pytest.param("+ a\n", "+", None, id="plus"),
        pytest.param("3. a\n", "3.", 3, id="number-dot"),
        pytest.param("12) a\n", "12)", 12, id="number-paren"),
    ],
)
def test_an_item_keeps_the_marker_it_was_written_with(
    text: str, marker: str, number: int | None
) -> None:
    (item,) = _items(text)
    assert (item.marker, item.number, item.depth) == (marker, number, 0)


def test_a_nested_bullet_is_a_child_item_one_level_deeper() -> None:
    text = _doc("""
        - [2023/10] **Agent Survey.** *Wang et al.* [[paper](https://arxiv.org/abs/1)]
          - This work reviews agents.
            - A third level.
        - Second.
    """)
    top = parse(text).blocks
    assert [_shape(b) for b in top] == [("ListItem", 1, 3), ("ListItem", 4, 4)]
    first = top[0]
    assert isinstance(first, ListItem)
    child = first.blocks[1]
    assert isinstance(child, ListItem)
    assert (child.depth, child.line, child.end_line, child.text) == (
        1,
        2,
        3,
        "This work reviews agents.",
    )
    grandchild = child.blocks[1]
    assert isinstance(grandchild, ListItem)
    assert (grandchild.depth, grandchild.line) == (2, 3)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "1. **Title. [A. Author (2001)](https://x.org).**\\\n    <sub>Topic</sub>\n",
            id="backslash",
        ),
        pytest.param(
            "1. **Title. [A. Author (2001)](https://x.org).**  \n    <sub>Topic</sub>\n",
            id="two-spaces",
        ),
    ],
)
def test_a_hard_break_is_a_break_span_inside_one_paragraph(text: str) -> None:
    (item,) = _items(text)
    (paragraph,) = item.blocks
    assert isinstance(paragraph, Paragraph)
    assert (paragraph.line, paragraph.end_line) == (1, 2)
    kinds = [span.kind for span in paragraph.spans]
    assert kinds == [SpanKind.STRONG, SpanKind.BREAK, SpanKind.HTML]
    assert paragraph.spans[2].tag == "sub"
    assert paragraph.text == "Title. A. Author (2001).\nTopic"
    link = paragraph.spans[0].children[1]
    assert (link.kind, link.href, link.text) == (SpanKind.LINK, "https://x.org", "A. Author (2001)")


def test_a_soft_break_is_no_break_span() -> None:
    (paragraph,) = parse("A. Author,\nB. Author.\n").blocks
    assert isinstance(paragraph, Paragraph)
    assert [s.kind for s in paragraph.spans] == [SpanKind.TEXT]
    assert paragraph.text == "A. Author,\nB. Author."


@pytest.mark.parametrize(
    ("text", "sections"),
    [
        pytest.param(
            "Knowledge Distillation\n======================\n\nintro\n\nPapers\n------\n\n- x\n",
            [
                (0, "", (), 1, 0),
                (1, "Knowledge Distillation", ("Knowledge Distillation",), 1, 5),
                (2, "Papers", ("Knowledge Distillation", "Papers"), 6, 9),
            ],
            id="setext",
        ),
        pytest.param(
            '<h1 align="center">Awesome</h1>\n\ntext\n\n## Models ##\n\n### Small\n\n# Other\n',
            [
                (0, "", (), 1, 0),
                (1, "Awesome", ("Awesome",), 1, 4),
                (2, "Models", ("Awesome", "Models"), 5, 6),
                (3, "Small", ("Awesome", "Models", "Small"), 7, 8),
                (1, "Other", ("Other",), 9, 9),
            ],
            id="html-h1-then-atx",
        ),
        pytest.param(
            '<p align="center">\n  <h2>Survey of <b>Agents</b></h2>\n</p>\n\n### Papers\n',
            [
                (0, "", (), 1, 1),
                (2, "Survey of Agents", ("Survey of Agents",), 2, 4),
                (3, "Papers", ("Survey of Agents", "Papers"), 5, 5),
            ],
            id="h2-inside-p-align-center",
        ),
        pytest.param(
            "preamble\n\n# 📚 References\n",
            [(0, "", (), 1, 2), (1, "📚 References", ("📚 References",), 3, 3)],
            id="text-before-the-first-heading-is-section-0",
        ),
    ],
)
def test_every_heading_syntax_opens_a_section_with_its_path(
    text: str, sections: list[tuple[int, str, tuple[str, ...], int, int]]
) -> None:
    document = parse(text)
    assert [(s.level, s.title, s.path, s.line, s.end_line) for s in document.sections] == sections


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "# Intro\n\n````markdown\n```\n## References\n```\n````\n", id="four-backtick"
        ),
        pytest.param("# Intro\n\n~~~\n## References\n~~~\n", id="tilde-fence"),
        pytest.param("# Intro\n\n    ## References\n    [1] not an entry\n", id="indented-code"),
    ],
)
def test_a_heading_inside_code_is_no_heading(text: str) -> None:
    document = parse(text)
    assert [h.title for h in document.headings()] == ["Intro"]
    code = [b for b in document.blocks if isinstance(b, Fence)]
    assert len(code) == 1
    assert "## References" in code[0].content
    assert code[0].section == 1


def test_a_fence_keeps_its_language_and_content_with_exact_lines() -> None:
    text = "## Citation\n\n```bibtex\n@article{a,\n  title={T}\n}\n```\n"
    fence = parse(text).blocks[1]
    assert isinstance(fence, Fence)
    assert (fence.info, fence.fenced, fence.line, fence.end_line) == ("bibtex", True, 3, 7)
    assert fence.content == "@article{a,\n  title={T}\n}\n"


@pytest.mark.parametrize(
    ("text", "plain", "first"),
    [
        pytest.param(
            "**[12]** A. Author, B. Author. Title. In *ACL*, 2020.\n",
            "[12] A. Author, B. Author. Title. In ACL, 2020.",
            SpanKind.STRONG,
            id="bold-label",
        ),
        pytest.param(
            "[12] A. Author, B. Author. Title. 2020.\n",
            "[12] A. Author, B. Author. Title. 2020.",
            SpanKind.TEXT,
            id="bare-label",
        ),
        pytest.param(
            '<a id="ref12">[12]</a> A. Author. Title.\n',
            "[12] A. Author. Title.",
            SpanKind.HTML,
            id="anchored-label",
        ),
    ],
)
def test_a_numbered_reference_paragraph_keeps_its_text(
    text: str, plain: str, first: SpanKind
) -> None:
    (paragraph,) = parse(text).blocks
    assert isinstance(paragraph, Paragraph)
    assert paragraph.text == plain
    assert paragraph.spans[0].kind is first
    assert (paragraph.line, paragraph.end_line) == (1, 1)


def test_an_anchor_span_keeps_its_id() -> None:
    (paragraph,) = parse('<a id="ref12">[12]</a> A.\n').blocks
    assert isinstance(paragraph, Paragraph)
    assert paragraph.spans[0].attribute("id") == "ref12"


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        pytest.param("<u>LIMA</u>: Less Is More", [SpanKind.U, SpanKind.TEXT], id="u"),
        pytest.param("<b>T</b> <i>A</i>", [SpanKind.STRONG, SpanKind.TEXT, SpanKind.EM], id="b-i"),
        pytest.param("~~old~~ `code`", [SpanKind.STRIKE, SpanKind.TEXT, SpanKind.CODE], id="md"),
        pytest.param('<a href="https://x.org">T</a>', [SpanKind.LINK], id="html-link"),
        pytest.param("a<br/>b", [SpanKind.TEXT, SpanKind.BREAK, SpanKind.TEXT], id="br"),
        pytest.param("<b>unclosed *em*", [SpanKind.STRONG], id="unclosed-html-closed-at-end"),
        pytest.param("x</b> y", [SpanKind.TEXT], id="stray-closing-tag-ignored"),
    ],
)
def test_inline_html_reads_as_the_same_spans_as_markdown(text: str, kinds: list[SpanKind]) -> None:
    (paragraph,) = parse(text + "\n").blocks
    assert isinstance(paragraph, Paragraph)
    assert [span.kind for span in paragraph.spans] == kinds


def test_a_link_span_holds_its_target_and_an_image_its_source() -> None:
    text = "[![Star](https://img.shields.io/github/stars/a/b)](https://github.com/a/b) [**T**](u)\n"
    (paragraph,) = parse(text).blocks
    assert isinstance(paragraph, Paragraph)
    badge, _, title = paragraph.spans
    assert (badge.kind, badge.href) == (SpanKind.LINK, "https://github.com/a/b")
    assert badge.children[0].kind is SpanKind.IMAGE
    assert badge.children[0].src == "https://img.shields.io/github/stars/a/b"
    assert (title.href, title.text, title.children[0].kind) == ("u", "T", SpanKind.STRONG)
    assert plain_text(paragraph.spans) == "Star T"


def test_a_heading_is_a_block_that_opens_its_own_section() -> None:
    document = parse("# A\n\n## B\n\ntext\n")
    heading, sub, paragraph = document.blocks
    assert isinstance(heading, Heading)
    assert isinstance(sub, Heading)
    assert (heading.section, sub.section, paragraph.section) == (1, 2, 2)
    assert document.section_of(5).path == ("A", "B")
    assert document.extent(1) == (1, 5)

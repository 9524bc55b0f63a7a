"""In-page anchors: GitHub's heading slugs, ``id``/``name`` targets, and links to fragments,
none of them inside code."""

from __future__ import annotations

import pytest

from refs.document import parse
from refs.document.anchors import PageLink, anchors, heading_anchors, heading_slug, page_links


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        pytest.param("Instruction Tuning", "instruction-tuning", id="words"),
        pytest.param("Models & Data (2023)", "models--data-2023", id="punctuation-dropped"),
        pytest.param("🤖 Agents", "-agents", id="emoji-dropped-space-kept"),
        pytest.param("Vision-Language_Models", "vision-language_models", id="hyphen-underscore"),
        pytest.param("Modèles Ouverts", "modèles-ouverts", id="letters-of-any-script"),
    ],
)
def test_heading_slug_follows_githubs_rule(title: str, slug: str) -> None:
    assert heading_slug(title) == slug


def test_repeated_headings_of_any_syntax_are_numbered_and_fenced_ones_do_not_count() -> None:
    text = (
        "# Papers\n\nPapers\n------\n\n<h2>Papers</h2>\n\n"
        "```markdown\n## Papers\n```\n\n## **Papers**\n"
    )
    assert heading_anchors(parse(text)) == ("papers", "papers-1", "papers-2", "papers-3")


def test_ids_and_names_define_anchors_outside_code_only() -> None:
    text = (
        '<a id="ref1"></a>[1] A. Kim. Sparse models. 2020.\n\n'
        '<p name="ref2">[2] B. Lee. Dense models.</p>\n\n'
        '```html\n<a id="ref3"></a>\n```\n'
    )
    found = anchors(parse(text))
    assert {"ref1", "ref2"} <= found
    assert "ref3" not in found


def test_page_links_name_the_line_that_prints_them() -> None:
    text = (
        "| Model | Paper |\n|---|---|\n| Alpha [[1]](#ref1) | x |\n\n"
        'Beta cites <a href="#ref2">[2]</a>\nand then\n[Gamma](#ref3) too.\n\n'
        "`[not a link](#ref4)`\n\n```\n[Delta](#ref5)\n```\n"
    )
    assert page_links(parse(text)) == [
        PageLink(3, "ref1"),
        PageLink(5, "ref2"),
        PageLink(7, "ref3"),
    ]

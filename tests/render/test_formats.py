"""Text, Markdown and HTML output of the same entries."""

from __future__ import annotations

import pytest

from refs.render import RenderedEntry
from refs.render.formats import formatted, to_markdown, to_text

ENTRY = RenderedEntry("a", "C. Zhou, “<i>LIMA</i>” &amp; <b>more</b>. https://x.org/a_b.", "[1]")


def test_text_is_one_line_per_entry_and_nothing_else() -> None:
    assert formatted([ENTRY, ENTRY], "text") == (
        "[1] C. Zhou, “LIMA” & more. https://x.org/a_b.\n" * 2
    )


def test_markdown_keeps_italics_bold_and_links() -> None:
    assert formatted([ENTRY], "markdown") == (
        "[1] C. Zhou, “*LIMA*” & **more**. <https://x.org/a_b>.\n"
    )


def test_html_is_citeproc_js_markup() -> None:
    assert formatted([ENTRY], "html") == (
        '<div class="csl-bib-body">\n'
        '  <div class="csl-entry">\n    <div class="csl-left-margin">[1]</div>'
        '<div class="csl-right-inline">C. Zhou, “<i>LIMA</i>” &amp; <b>more</b>. '
        "https://x.org/a_b.</div>\n  </div>\n"
        "</div>\n"
    )


@pytest.mark.parametrize(
    ("fragment", "text", "markdown"),
    [
        pytest.param("a\n  b", "a b", "a b", id="whitespace"),
        pytest.param("2*3", "2*3", "2\\*3", id="markdown-escapes-emphasis"),
        pytest.param("<span style='x'>s</span>", "s", "s", id="unknown-tags-dropped"),
    ],
)
def test_conversions(fragment: str, text: str, markdown: str) -> None:
    assert to_text(fragment) == text
    assert to_markdown(fragment) == markdown

"""What a catalog cell names and cites."""

from __future__ import annotations

import pytest

from refs.catalog.cells import read_cell


@pytest.mark.parametrize(
    ("markup", "name", "labels"),
    [
        pytest.param('UnifiedQA [<a href="#ref1">1</a>]', "UnifiedQA", ("1",), id="html-anchor"),
        pytest.param(
            'OpenAssistant [<a href="#ref13">13</a></a>]',
            "OpenAssistant",
            ("13",),
            id="stray-closing-tag",
        ),
        pytest.param("GLM[41]", "GLM", ("41",), id="no-space"),
        pytest.param("Model [3, 5-7]", "Model", ("3", "5", "6", "7"), id="list-and-range"),
        pytest.param("[[4]](#ref4) X", "X", ("4",), id="markdown-anchor-link"),
        pytest.param("Span [1-50]", "Span", ("1", "50"), id="wide-range-not-expanded"),
        pytest.param("FLAN-T5\\tnotex{id:2}", "FLAN-T5", (), id="latex-note-is-not-a-number"),
        pytest.param("[3](https://x.org/3)", "3", (), id="link-is-not-a-citation"),
    ],
)
def test_cell_name_and_labels(markup: str, name: str, labels: tuple[str, ...]) -> None:
    said = read_cell(markup)
    assert (said.name, said.labels) == (name, labels)


def test_links_are_kept_and_generic_text_dropped() -> None:
    said = read_cell('<a href="https://arxiv.org/abs/2305.11206 | -" target="_blank">paper</a>')
    assert said.plain == ""
    assert [link.text for link in said.links] == ["paper"]

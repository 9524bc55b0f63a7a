"""What a catalog cell names and cites."""

from __future__ import annotations

import pytest

from refs.catalog.cells import CellText, read_cell
from refs.document import Table, parse


def _read(markup: str, html: bool = False) -> CellText:
    """``markup`` as the one body cell of a pipe table (of an HTML table when ``html``)."""
    text = (
        f"<table>\n<tr><th>Name</th></tr>\n<tr><td>{markup}</td></tr>\n</table>\n"
        if html
        else f"| Name |\n|---|\n| {markup} |\n"
    )
    table = next(b for b in parse(text).iter_blocks() if isinstance(b, Table))
    return read_cell(table.rows[1][0])


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
    for html in (False, True):
        said = _read(markup, html)
        assert (said.name, said.labels) == (name, labels)


def test_links_are_kept_and_generic_text_dropped() -> None:
    said = _read('<a href="https://arxiv.org/abs/2305.11206 | -" target="_blank">paper</a>', True)
    assert said.plain == ""
    assert [link.text for link in said.links] == ["paper"]

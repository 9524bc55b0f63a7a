"""Text case on terms and labels as citeproc-js applies it (`refs.render.engine.cases`).

citeproc-js title-cases a term (a label, ``<text term=…>``) whatever the item's language: it
leaves title case out only on the variables of a non-English item.
"""

from __future__ import annotations

from typing import Any

import pytest

from refs.render.engine import process

_STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>t</title><id>t</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout>{layout}</layout></bibliography>
</style>"""

_EDITED: dict[str, Any] = {
    "id": "handbook",
    "type": "book",
    "title": "Handbook",
    "editor": [{"family": "Doe", "given": "J."}, {"family": "Roe", "given": "K."}],
}


def _render(layout: str, item: dict[str, Any] = _EDITED) -> str:
    style = _STYLE.replace("{layout}", layout).encode()
    return process([item], style, None).entries[0].html


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        pytest.param("title", "J. Doe, K. Roe (Eds.)", id="title-apa"),
        pytest.param("capitalize-first", "J. Doe, K. Roe (Eds.)", id="capitalize-first"),
        pytest.param("uppercase", "J. Doe, K. Roe (EDS.)", id="uppercase"),
        pytest.param("lowercase", "J. Doe, K. Roe (eds.)", id="lowercase"),
    ],
)
def test_a_label_after_an_opening_parenthesis_takes_its_text_case(case: str, expected: str) -> None:
    layout = (
        '<names variable="editor"><name/>'
        f'<label form="short" prefix=" (" suffix=")" text-case="{case}"/></names>'
    )
    assert _render(layout) == expected


def test_a_label_is_title_cased_in_an_item_of_another_language() -> None:
    layout = '<names variable="editor"><name/><label prefix=", " text-case="title"/></names>'
    item = {**_EDITED, "language": "de"}
    assert _render(layout, item) == "J. Doe, K. Roe, Editors"


def test_a_variable_of_an_item_of_another_language_keeps_its_case() -> None:
    item = {**_EDITED, "title": "über die welt", "language": "de"}
    assert _render('<text variable="title" text-case="title"/>', item) == "über die welt"


_FIRST_TERM = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="{class}" version="1.0">
  <info><title>t</title><id>t</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation>
    <layout><group delimiter=" "><text term="in"/><text variable="title"/></group></layout>
  </citation>
  <bibliography>
    <layout>
      <group delimiter=" "><text variable="URL"/><text term="in"/></group>
      <group delimiter=" "><text term="in"/><text variable="title"/><text term="in"/></group>
    </layout>
  </bibliography>
</style>"""


def _first_term(style_class: str) -> tuple[str, str]:
    style = _FIRST_TERM.replace("{class}", style_class).encode()
    processed = process([_EDITED], style, None, citations=True)
    return processed.citations[0], processed.entries[0].html


def test_a_term_that_comes_first_in_an_entry_is_capitalised() -> None:
    # the group before it printed nothing (no URL), so "in" still comes first
    assert _first_term("in-text")[1] == "In Handbook in"


def test_a_term_that_comes_first_in_a_note_citation_is_capitalised() -> None:
    assert _first_term("note")[0] == "In Handbook"


def test_an_in_text_citation_keeps_its_first_term_as_it_is() -> None:
    assert _first_term("in-text")[0] == "in Handbook"

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

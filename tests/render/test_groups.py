"""``cs:group`` suppressed by what its children printed, as citeproc-js decides it
(`refs.render.engine.groups`); a ``<text macro=…>`` is a group of its own."""

from __future__ import annotations

from typing import Any

import pytest

from refs.render.engine import process

_STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>t</title><id>t</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  <macro name="number">
    <group delimiter=" "><label variable="number" form="short"/><text variable="number"/></group>
  </macro>
  <macro name="no-date">
    <choose>
      <if variable="issued"><date variable="issued"><date-part name="year"/></date></if>
      <else><text term="no date" form="short"/></else>
    </choose>
  </macro>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout><text variable="title"/>{layout}</layout></bibliography>
</style>"""

#: APA's thesis description: "Publication" only beside a number.
_APA_THESIS = """
  <group prefix=" (" suffix=")" delimiter=" ">
    <choose>
      <if type="thesis" variable="genre">
        <text value="Publication" text-case="capitalize-first"/>
      </if>
      <else-if variable="number"><text variable="genre"/></else-if>
    </choose>
    <text macro="number"/>
  </group>"""

THESIS: dict[str, Any] = {"id": "t", "type": "thesis", "title": "Thesis", "genre": "PhD"}


def _entry(layout: str, item: dict[str, Any] = THESIS) -> str:
    style = _STYLE.replace("{layout}", layout).encode()
    return process([item], style, None).entries[0].html


def test_a_group_whose_variables_are_all_empty_vanishes_beside_a_value() -> None:
    assert _entry(_APA_THESIS) == "Thesis"


def test_the_same_group_is_printed_when_its_variable_is_there() -> None:
    assert _entry(_APA_THESIS, {**THESIS, "number": "12"}) == "Thesis (Publication no. 12)"


@pytest.mark.parametrize(
    ("layout", "expected"),
    [
        pytest.param(
            '<group prefix=" [" suffix="]"><text value="x"/></group>', "Thesis [x]", id="value-only"
        ),
        pytest.param(
            '<group prefix=" ["><text term="in"/><text variable="URL"/></group>',
            "Thesis",
            id="term-and-empty-variable",
        ),
        pytest.param(
            '<group prefix=", "><text macro="no-date"/><text variable="volume"/></group>',
            "Thesis, n.d.",
            id="macro-printing-a-term-counts-as-printed",
        ),
    ],
)
def test_group_suppression(layout: str, expected: str) -> None:
    assert _entry(layout) == expected


def test_a_macro_of_a_term_and_an_empty_variable_prints_nothing() -> None:
    assert _entry('<text prefix=" " macro="number"/>') == "Thesis"

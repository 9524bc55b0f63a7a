"""Editor-only entries (proceedings, edited books): the editors take the author's place once,
in the author's name form (`refs.render.engine.substitute`), as citeproc-js prints them."""

from __future__ import annotations

from typing import Any

from refs.render.engine import process

_STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>t</title><id>t</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  <macro name="author">
    <names variable="author">
      <name name-as-sort-order="first" and="text" delimiter=", "/>
      <label form="short" prefix=", "/>
      <substitute>{substitute}</substitute>
    </names>
  </macro>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography>
    <layout suffix=".">
      <group delimiter=". ">
        <text macro="author"/>
        <text variable="title"/>
        <names variable="editor translator" delimiter="; ">
          <label form="verb" suffix=" "/>
          <name and="text"/>
        </names>
      </group>
    </layout>
  </bibliography>
</style>"""

EDITED: dict[str, Any] = {
    "id": "handbook",
    "type": "book",
    "title": "Handbook of Propaganda",
    "editor": [{"family": "Baines", "given": "Paul"}, {"family": "Snow", "given": "Nancy"}],
}


def _entry(substitute: str, item: dict[str, Any] = EDITED) -> str:
    style = _STYLE.replace("{substitute}", substitute).encode()
    return process([item], style, None).entries[0].html


def test_substituted_editors_are_not_printed_again_by_a_names_of_several_variables() -> None:
    assert _entry('<names variable="editor"/>') == (
        "Baines, Paul and Nancy Snow, eds. Handbook of Propaganda."
    )


def test_names_in_a_choose_of_the_substitute_take_the_substitute_names_form() -> None:
    substitute = '<choose><if type="book"><names variable="editor"/></if></choose>'
    assert _entry(substitute) == "Baines, Paul and Nancy Snow, eds. Handbook of Propaganda."


def test_the_variables_not_substituted_are_still_printed() -> None:
    item = {**EDITED, "translator": [{"family": "Roe", "given": "Kim"}]}
    assert _entry('<names variable="editor"/>', item) == (
        "Baines, Paul and Nancy Snow, eds. Handbook of Propaganda. translated by Kim Roe."
    )


def test_an_entry_with_an_author_prints_its_editors_after_the_title() -> None:
    item = {**EDITED, "author": [{"family": "Doe", "given": "Jane"}]}
    assert _entry('<names variable="editor"/>', item) == (
        "Doe, Jane. Handbook of Propaganda. edited by Paul Baines and Nancy Snow."
    )

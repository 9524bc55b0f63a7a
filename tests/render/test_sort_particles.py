"""Names with particles in sort keys, as citeproc-js sorts them (`refs.render.engine.names`).

citeproc-js demotes a non-dropping particle in every sort key ("Bosch, Jan van den") unless
the style's ``demote-non-dropping-particle`` is "never"; how the name is displayed does not
change that.
"""

from __future__ import annotations

from typing import Any

import pytest

from refs.render.engine import process

_STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"{demote}>
  <info><title>t</title><id>t</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  <macro name="author">
    <names variable="author"><name delimiter=", "/></names>
  </macro>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography>
    <sort><key {key}/></sort>
    <layout><text macro="author"/></layout>
  </bibliography>
</style>"""


def _style(demote: str | None, key: str = 'macro="author"') -> bytes:
    attribute = "" if demote is None else f' demote-non-dropping-particle="{demote}"'
    return _STYLE.replace("{demote}", attribute).replace("{key}", key).encode()


def _item(key: str, family: str, given: str, particle: str = "") -> dict[str, Any]:
    name = {"family": family, "given": given}
    if particle:
        name["non-dropping-particle"] = particle
    return {"id": key, "type": "book", "title": key, "author": [name]}


ITEMS = [
    _item("zed", "Zed", "Ann"),
    _item("bosch", "Bosch", "Jan", "van den"),
    _item("cole", "Cole", "Ben"),
    _item("wu", "Wu", "Vi"),
]


def _order(style: bytes) -> list[str]:
    return [entry.id for entry in process(ITEMS, style, None).entries]


@pytest.mark.parametrize(
    "demote",
    [
        pytest.param("sort-only", id="sort-only-acm"),
        pytest.param("display-and-sort", id="display-and-sort"),
        pytest.param(None, id="default"),
    ],
)
def test_a_demoted_particle_sorts_under_the_family_name(demote: str | None) -> None:
    assert _order(_style(demote)) == ["bosch", "cole", "wu", "zed"]


def test_never_demoted_particle_sorts_under_the_particle() -> None:
    assert _order(_style("never")) == ["cole", "bosch", "wu", "zed"]


def test_sort_only_still_displays_the_particle_first() -> None:
    entries = process(ITEMS, _style("sort-only"), None).entries
    assert entries[0].html == "Jan van den Bosch"


def test_a_name_variable_key_demotes_as_a_macro_key_does() -> None:
    assert _order(_style("sort-only", 'variable="author"')) == ["bosch", "cole", "wu", "zed"]

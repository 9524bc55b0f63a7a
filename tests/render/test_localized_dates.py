"""Dates as citeproc-js prints them (`refs.render.engine.dates`)."""

from __future__ import annotations

from refs.render.engine import process

_STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>t</title><id>t</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  <locale xml:lang="en">
    <date delimiter=" " form="text">
      <date-part name="year"/>
      <date-part form="short" name="month" strip-periods="true"/>
      <date-part name="day"/>
    </date>
  </locale>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout><date form="text" variable="issued"{parts}/></layout></bibliography>
</style>"""


def _date(parts: list[int], attributes: str = "") -> str:
    item = {"id": "a", "type": "article", "title": "A", "issued": {"date-parts": [parts]}}
    style = _STYLE.replace("{parts}", attributes).encode()
    return process([item], style, None).entries[0].html


def test_a_localized_date_of_the_style_is_joined_by_its_own_delimiter() -> None:
    assert _date([2017, 11]) == "2017 Nov"  # Vancouver styles; citeproc-py: "2017Nov"


def test_every_part_is_joined_by_it() -> None:
    assert _date([2017, 11, 3]) == "2017 Nov 3"


def test_date_parts_of_the_calling_date_still_choose_the_parts() -> None:
    assert _date([2017, 11, 3], ' date-parts="year-month"') == "2017 Nov"

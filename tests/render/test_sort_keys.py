"""Sort keys rendered and compared as citeproc-js does (`refs.render.engine.names`,
`refs.render.collation`)."""

from __future__ import annotations

from typing import Any

from refs.render.engine import process

_STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>t</title><id>t</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  <macro name="author">
    <choose>
      <if type="webpage"><text variable="title"/></if>
      <else>
        <names variable="author">
          <name and="text" et-al-min="3" et-al-use-first="1" name-as-sort-order="all"/>
        </names>
      </else>
    </choose>
  </macro>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography>
    <sort><key macro="author"/></sort>
    <layout><text variable="title"/></layout>
  </bibliography>
</style>"""


def _item(key: str, *families: str, kind: str = "book") -> dict[str, Any]:
    authors = [{"family": family, "given": "M."} for family in families]
    return {"id": key, "type": kind, "title": key, "author": authors}


def _order(*items: dict[str, Any]) -> list[str]:
    return [entry.id for entry in process(list(items), _STYLE.encode(), None).entries]


def test_names_sort_without_the_and_term_nor_et_al() -> None:
    # "Derezinski, M." (et al.) is a shorter key than "Derezinski, M., Warmuth, M."
    pair = _item("with-warmuth", "Derezinski", "Warmuth")
    many = _item("et-al", "Derezinski", "Mutny", "Krause")
    assert _order(pair, many) == ["et-al", "with-warmuth"]


def test_a_leading_article_counts() -> None:
    webpage = _item("An Introduction To Mocking", kind="webpage")
    assert _order(_item("araujo", "Araujo"), webpage) == ["An Introduction To Mocking", "araujo"]


def test_a_slashed_o_sorts_as_o() -> None:
    danish = _item("danish", "Nørregaard")
    assert _order(_item("norvig", "Norvig"), _item("north", "North"), danish) == [
        "danish",
        "north",
        "norvig",
    ]


_VARIABLE_KEY = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>t</title><id>t</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation et-al-min="3" et-al-use-first="1" disambiguate-add-year-suffix="true"
            disambiguate-add-names="true" disambiguate-add-givenname="true"
            givenname-disambiguation-rule="primary-name">
    <layout>
      <group delimiter=" ">
        <names variable="author"><name form="short"/></names>
        <date variable="issued"><date-part name="year"/></date>
      </group>
    </layout>
  </citation>
  <bibliography et-al-min="5" et-al-use-first="3">
    <sort><key variable="author"/></sort>
    <layout>
      <group delimiter=" ">
        <text variable="title"/>
        <date variable="issued"><date-part name="year"/></date>
      </group>
    </layout>
  </bibliography>
</style>"""


def _report(key: str, fifth: str) -> dict[str, Any]:
    families = ["Bradford", "Brown", "Grills", "Holder", "Jones", "Lewis"]
    authors = [{"family": family, "given": "A."} for family in families]
    authors[4]["given"] = fifth
    return {
        "id": key,
        "type": "report",
        "title": key,
        "author": authors,
        "issued": {"date-parts": [[2023]]},
    }


REPORTS = [_report("first", "Reginald Byron"), _report("second", "Reginald B.")]


def test_a_name_variable_key_keeps_the_names_the_et_al_options_show() -> None:
    # the key holds three names: the two reports tie, and keep their order
    entries = process(REPORTS, _VARIABLE_KEY.encode(), None).entries
    assert [entry.id for entry in entries] == ["first", "second"]


def test_given_names_past_the_first_cannot_tell_apart_by_a_primary_name_rule() -> None:
    entries = process(REPORTS, _VARIABLE_KEY.encode(), None).entries
    assert [entry.html for entry in entries] == ["first 2023a", "second 2023b"]


def test_markup_written_in_the_data_does_not_count() -> None:
    style = _STYLE.replace('<key macro="author"/>', '<key variable="title"/><key macro="author"/>')
    marked = {**_item("roe", "Roe"), "title": "A Full <i>Anonymous</i> Life"}
    plain = {**_item("doe", "Doe"), "title": "A Full Anonymous Life"}
    entries = process([marked, plain], style.encode(), None).entries
    assert [entry.id for entry in entries] == ["doe", "roe"]

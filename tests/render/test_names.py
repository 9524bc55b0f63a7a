"""Names at the given-name level citation disambiguation gives them, and names written as
citeproc-js writes them (`refs.render.engine.names`, `.namereg`, `.initials`)."""

from __future__ import annotations

from typing import Any

from refs.render.engine import process
from refs.render.engine.initials import initialize

_STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>t</title><id>t</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation et-al-min="2" et-al-use-first="1" disambiguate-add-givenname="true"{rule}>
    <layout delimiter="; " prefix="(" suffix=")">
      <group delimiter=", ">
        <names variable="author"><name form="short"/></names>
        <date variable="issued"><date-part name="year"/></date>
      </group>
    </layout>
  </citation>
  <bibliography>
    <layout>
      <group delimiter=". ">
        <names variable="author">
          <name name-as-sort-order="all" initialize-with=". " delimiter=", "{bib}/>
        </names>
        <text variable="title"/>
      </group>
    </layout>
  </bibliography>
</style>"""


def _style(rule: str = "", bib: str = "") -> bytes:
    return _STYLE.replace("{rule}", rule).replace("{bib}", bib).encode()


def _item(key: str, *authors: tuple[str, str], year: int = 2022) -> dict[str, Any]:
    return {
        "id": key,
        "type": "book",
        "title": key.title(),
        "author": [{"family": family, "given": given} for family, given in authors],
        "issued": {"date-parts": [[year]]},
    }


SUSAN = ("Zhang", "Susan")
SHENGYU = ("Zhang", "Shengyu")
ITEMS = [_item("opt", SUSAN, ("Roller", "Stephen")), _item("survey", SHENGYU, ("Dong", "Li"))]


def test_citation_shows_the_given_name_disambiguation_added() -> None:
    processed = process(
        ITEMS, _style(), None, [[{"id": "opt"}], [{"id": "survey"}]], citations=True
    )
    assert processed.citations == ("(Susan Zhang et al., 2022)", "(Shengyu Zhang et al., 2022)")


def test_bibliography_uses_the_full_given_name_over_initials() -> None:
    entries = process(ITEMS, _style(), None).entries
    assert [e.html for e in entries] == [
        "Zhang, Susan, Roller, S. Opt",
        "Zhang, Shengyu, Dong, L. Survey",
    ]


def test_names_that_need_no_disambiguation_keep_their_form() -> None:
    items = [_item("a", ("Zhang", "Susan")), _item("b", ("Wu", "Bo"))]
    processed = process(items, _style(), None, [[{"id": "a"}, {"id": "b"}]], citations=True)
    assert processed.citations == ("(Zhang, 2022; Wu, 2022)",)
    assert [e.html for e in processed.entries] == ["Zhang, S. A", "Wu, B. B"]


def test_primary_name_rule_uses_the_register_of_first_names() -> None:
    style = _style(' givenname-disambiguation-rule="primary-name"')
    items = [_item("opt", SUSAN, year=2021), _item("survey", ("Li", "Xian"), SHENGYU)]
    processed = process(items, style, None, [[{"id": "opt"}, {"id": "survey"}]], citations=True)
    # Zhang Shengyu is not a first name: the register never sees it, so Susan stays "Zhang"
    assert processed.citations == ("(Zhang, 2021; Li et al., 2022)",)


def test_by_cite_register_tells_apart_two_names_in_one_author_list() -> None:
    item = _item("one", SHENGYU, ("Dong", "Li"), ("Zhang", "Sen"))
    entries = process([item], _style(), None).entries
    assert entries[0].html == "Zhang, S., Dong, L., Zhang, Sen. One"


def test_after_inverted_name_delimiter() -> None:
    bib = ' and="text" delimiter-precedes-last="after-inverted-name"'
    entries = process([_item("x", ("Doe", "John"), ("Roe", "Jane"))], _style(bib=bib), None)
    assert entries.entries[0].html == "Doe, J., and Roe, J. X"


def test_a_name_with_only_a_given_name_is_not_initialized() -> None:
    item = {"id": "b", "type": "book", "title": "T", "author": [{"given": "Banksy"}]}
    assert process([item], _style(), None).entries[0].html == "Banksy. T"


def test_initials_keep_abbreviations_and_split_run_together_initials() -> None:
    assert initialize("Ph. M.E.", ". ") == "Ph. M. E."
    assert initialize("John M.E.", " ") == "J M E"
    assert initialize("John M.E.", ". ", normalize=True) == "John M. E."
    assert initialize("ME", "") == "M"


def test_primary_name_rule_gives_full_names_to_first_names_that_share_initials() -> None:
    style = _style(' givenname-disambiguation-rule="primary-name"')
    items = [_item("opt", SUSAN, year=2021), _item("survey", SHENGYU)]
    processed = process(items, style, None, [[{"id": "opt"}, {"id": "survey"}]], citations=True)
    # all-document rule: the years differ, the names still share "Zhang S."
    assert processed.citations == ("(Susan Zhang, 2021; Shengyu Zhang, 2022)",)


_NAMES_STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>t</title><id>t</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout>{layout}</layout></bibliography>
</style>"""


def _bibliography(layout: str, item: dict[str, Any]) -> str:
    style = _NAMES_STYLE.replace("{layout}", layout).encode()
    return process([{"id": "x", "type": "book", "title": "T", **item}], style, None).entries[0].html


def test_the_counts_of_several_name_variables_add_up() -> None:
    people = [{"family": f, "given": "A."} for f in ("Doe", "Roe", "Brown", "Smith")]
    layout = (
        '<names variable="author editor">'
        '<name form="count" et-al-min="4" et-al-use-first="3"/></names>'
    )
    assert _bibliography(layout, {"author": people, "editor": people[:2]}) == "5"


def test_a_name_part_ending_in_a_no_break_space_takes_no_other_space() -> None:
    layout = (
        '<names variable="author"><name>'
        '<name-part name="given" suffix="&#160;"/><name-part name="family"/>'
        "</name></names>"
    )
    author = [{"family": "Doe", "given": "John"}]
    assert _bibliography(layout, {"author": author}) == "John\u00a0Doe"


def test_after_inverted_name_puts_no_delimiter_after_an_institution() -> None:
    layout = (
        '<names variable="author"><name name-as-sort-order="all" and="symbol" '
        'delimiter=", " delimiter-precedes-last="after-inverted-name"/></names>'
    )
    author = [{"literal": "Productivity Commission"}, {"literal": "Treasury"}]
    assert _bibliography(layout, {"author": author}) == "Productivity Commission &amp; Treasury"


def test_et_al_use_first_zero_prints_no_names_at_all() -> None:
    people = [{"family": "Doe", "given": "John"}, {"family": "Roe", "given": "Jane"}]
    layout = (
        '<group delimiter=" // ">'
        '<names variable="author"><name et-al-min="2" et-al-use-first="0"/></names>'
        '<names variable="author"><name et-al-min="2" et-al-use-first="1"/></names>'
        "</group>"
    )
    assert _bibliography(layout, {"author": people}) == "John Doe et al."

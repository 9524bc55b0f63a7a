"""Citation collapsing as citeproc-js does it (citeproc-py 0.11.1 has none), each case on the
smallest input: `refs.render.engine.collapse` and `refs.render.engine.citation`."""

from __future__ import annotations

from typing import Any

from refs.render.engine import process
from refs.render.engine.collapse import Options, Piece, fragments, grouped_order


def book(key: str, family: str | None, year: int | None = 2000) -> dict[str, Any]:
    item: dict[str, Any] = {"id": key, "type": "book", "title": f"Title {key}"}
    if family is not None:
        item["author"] = [{"family": family, "given": "Ann"}]
    if year is not None:
        item["issued"] = {"date-parts": [[year]]}
    return item


def style(citation: str, layout: str, cls: str = "note") -> bytes:
    return f"""<style xmlns="http://purl.org/net/xbiblio/csl" class="{cls}" version="1.0">
  <info><id/><title/><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation {citation}>{layout}</citation>
</style>""".encode()


AUTHOR_YEAR = """<layout prefix="(" suffix=")" delimiter="; ">
  <group delimiter=" ">
    <names variable="author"><name form="short"/></names>
    <date variable="issued"><date-part name="year"/></date>
  </group>
</layout>"""

NUMBERS = """<sort><key variable="citation-number"/></sort>
<layout prefix="(" suffix=")" delimiter=", ">
  <text variable="citation-number" prefix="[" suffix="]"/>
</layout>"""


def cite(
    items: list[dict[str, Any]], citation: str, layout: str, cls: str = "note", *keys: str
) -> str:
    clusters = [[{"id": key} for key in (keys or [str(item["id"]) for item in items])]]
    return process(
        items, style(citation, layout, cls), None, clusters, bibliography=False
    ).citations[0]


def test_citation_numbers_in_a_row_make_a_range() -> None:
    items = [book(str(n), "Li") for n in range(1, 6)]
    clusters = [[{"id": str(n)}] for n in range(1, 6)] + [[{"id": k} for k in "1235"]]
    xml = style('collapse="citation-number"', NUMBERS)
    citations = process(items, xml, None, clusters, bibliography=False).citations
    assert citations[-1] == "([1]–[3], [5])"


def test_two_citation_numbers_in_a_row_stay_apart() -> None:
    items = [book(str(n), "Li") for n in range(1, 3)]
    assert cite(items, 'collapse="citation-number"', NUMBERS) == "([1], [2])"


def test_without_collapse_numbers_are_listed() -> None:
    items = [book(str(n), "Li") for n in range(1, 4)]
    assert cite(items, "", NUMBERS) == "([1], [2], [3])"


def test_collapse_by_year_leaves_repeated_names_out() -> None:
    items = [book("a", "Smith", 2000), book("b", "Smith", 2001), book("c", "Jones", 1999)]
    assert cite(items, 'collapse="year"', AUTHOR_YEAR) == "(Smith 2000; 2001; Jones 1999)"


def test_in_text_collapse_joins_a_group_with_a_comma() -> None:
    items = [book("a", "Smith", 2000), book("b", "Smith", 2001), book("c", "Jones", 1999)]
    text = cite(items, 'collapse="year"', AUTHOR_YEAR, "in-text")
    assert text == "(Smith 2000, 2001; Jones 1999)"


def test_after_collapse_delimiter_follows_a_collapsed_group() -> None:
    items = [book("a", "Smith", 2000), book("b", "Smith", 2001), book("c", "Jones", 1999)]
    layout = AUTHOR_YEAR.replace('delimiter="; "', 'delimiter=", "', 1)
    options = 'collapse="year" after-collapse-delimiter="; "'
    assert cite(items, options, layout) == "(Smith 2000, 2001; Jones 1999)"


def test_cite_group_delimiter_joins_cites_of_the_same_names() -> None:
    items = [book("a", "Smith", 2000), book("b", "Smith", 2001)]
    options = 'collapse="year" cite-group-delimiter=" "'
    assert cite(items, options, AUTHOR_YEAR, "in-text") == "(Smith 2000 2001)"


def test_year_suffixes_collapse_after_the_first() -> None:
    items = [book("a", "Smith"), book("b", "Smith")]
    options = 'collapse="year-suffix" disambiguate-add-year-suffix="true" year-suffix-delimiter=","'
    assert cite(items, options, AUTHOR_YEAR) == "(Smith 2000a,b)"


def test_three_year_suffixes_make_a_range() -> None:
    items = [book("a", "Smith"), book("b", "Smith"), book("c", "Smith"), book("d", "Smith", 2001)]
    options = 'collapse="year-suffix-ranged" disambiguate-add-year-suffix="true"'
    assert cite(items, options, AUTHOR_YEAR) == "(Smith 2000a–c; 2001)"


def test_a_cite_of_nothing_but_repeated_names_is_left_out() -> None:
    items = [book("a", "Smith", 2000), book("b", "Smith", None)]
    assert cite(items, 'collapse="year"', AUTHOR_YEAR) == "(Smith 2000)"


def test_a_sorted_cluster_groups_cites_by_names() -> None:
    items = [book("a", "Smith", 2000), book("b", "Jones", 2001), book("c", "Smith", 2002)]
    sort = '<sort><key variable="issued"/></sort>'
    text = cite(items, 'collapse="year"', sort + AUTHOR_YEAR, "in-text")
    assert text == "(Smith 2000, 2002; Jones 2001)"


def test_fragments_range_skips_the_numbers_inside() -> None:
    options = Options(collapse="citation-number", delimiter=",")
    pieces = [Piece(str(n), number=n) for n in (1, 2, 2, 3, 4)]
    assert "".join(fragments(pieces, options)) == "1,2,2–4"


def test_grouped_order_keeps_first_occurrence() -> None:
    assert grouped_order(["Wu", "Li", "Wu"]) == [0, 2, 1]

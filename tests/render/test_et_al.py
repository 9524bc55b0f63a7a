"""A name list stored ``… and others`` prints the style's et-al term, as BibTeX + natbib print
"et al." for it (`refs.render.engine.truncation`, `refs.render.engine.names`)."""

from __future__ import annotations

from typing import Any

import pytest

from refs.csl_json import entry_to_csl
from refs.model import Entry
from refs.render import render_bibliography, resolve_style
from refs.render.cite import cite_cluster
from refs.render.engine import process


def _item(key: str, author: str, **fields: str) -> dict[str, Any]:
    """A CSL-JSON item as `refs export` writes it, from BibTeX fields."""
    base = {"title": "Language Models are Few-Shot Learners", "year": "2020", "author": author}
    return entry_to_csl(Entry(key, "book", {**base, **fields}))


BROWN = _item("brown2020language", "Brown, Tom B. and others")
OUYANG = _item("ouyang2022training", "Ouyang, Long and Wu, Jeffrey and others")
WEI = _item("wei2022chain", "Wei, Jason and others", title="Chain of Thought", year="2022")


def _bibliography(style: str, *items: dict[str, Any]) -> list[str]:
    return render_bibliography(list(items), resolve_style(style)).text.splitlines()


def test_acl_bibliography_prints_et_al_after_the_one_known_author() -> None:
    assert _bibliography("acl", BROWN) == [
        "Tom B. Brown et al. 2020. Language Models are Few-Shot Learners."
    ]


def test_acl_puts_the_delimiter_before_et_al_after_two_names() -> None:
    # delimiter-precedes-et-al "contextual": a comma once two or more names are shown
    [entry] = _bibliography("acl", OUYANG)
    assert entry.startswith("Long Ouyang, Jeffrey Wu, et al. 2020.")


def test_apa_citation_is_first_author_et_al() -> None:
    assert cite_cluster([WEI], ["wei2022chain"], resolve_style("apa")).text == "(Wei et al., 2022)"


def test_acl_citation_is_first_author_et_al() -> None:
    assert cite_cluster([WEI], ["wei2022chain"], resolve_style("acl")).text == "(Wei et al., 2022)"


def test_apa_bibliography_prints_et_al() -> None:
    [entry] = _bibliography("apa", WEI)
    assert entry.startswith("Wei, J. et al. (2022).")


def test_ieee_bibliography_prints_et_al() -> None:
    [entry] = _bibliography("ieee", WEI)
    assert entry.startswith("[1] J. Wei et al., Chain of Thought. 2022.")


def test_mla_always_puts_the_delimiter_before_et_al() -> None:
    [entry] = _bibliography("modern-language-association", WEI)
    assert entry.startswith("Wei, Jason, et al.")


def test_a_truncated_list_never_uses_et_al_use_last() -> None:
    # APA's bibliography shows 19 names, an ellipsis and the last author of a list of 21 or
    # more; the last name of a truncated list is not the last author, so it ends in et al.
    authors = " and ".join(f"Author{n}, A." for n in range(25))
    [entry] = _bibliography("apa", _item("long", f"{authors} and others"))
    assert "Author18, A., et al. (2020)" in entry
    assert "Author24" not in entry
    assert "\u2026" not in entry


def test_the_style_cut_of_a_truncated_list_prints_et_al_once() -> None:
    authors = " and ".join(f"Author{n}, A." for n in range(25))
    [entry] = _bibliography("acl", _item("long", f"{authors} and others"))
    assert entry.count("et al.") == 1
    assert "A. Author18, et al. 2020." in entry


def test_a_complete_list_is_not_truncated() -> None:
    assert _bibliography("acl", _item("brown", "Brown, Tom B.")) == [
        "Tom B. Brown. 2020. Language Models are Few-Shot Learners."
    ]


@pytest.mark.parametrize(
    "item",
    [
        pytest.param({"custom": {"and-others": "author"}}, id="not-a-list"),
        pytest.param({"custom": {"and-others": [1, None]}}, id="not-role-names"),
        pytest.param({"custom": ["and-others"]}, id="custom-not-an-object"),
        pytest.param({"custom": {"and-others": ["editor"]}}, id="role-without-names"),
    ],
)
def test_a_malformed_mark_is_no_mark(item: dict[str, Any]) -> None:
    plain = {"id": "a", "type": "book", "title": "T", "author": [{"family": "Doe"}]}
    assert process([{**plain, **item}], resolve_style("acl").path, None).entries[0].html == (
        "Doe. <i>T</i>."
    )


def test_the_style_et_al_element_is_used() -> None:
    style = b"""<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>t</title><id>t</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation><layout><names variable="author"><name/></names></layout></citation>
  <bibliography><layout>
    <names variable="author"><name/><et-al term="and others" font-style="italic"/></names>
  </layout></bibliography>
</style>"""
    assert process([BROWN], style, None).entries[0].html == "Tom B. Brown <i>and others</i>"


def test_the_label_of_a_truncated_editor_list_is_plural() -> None:
    # BibTeX counts "Doe, Jane and others" as two names: "editors"
    fields = {"editor": "Doe, Jane and others", "title": "Handbook", "year": "2020"}
    item = entry_to_csl(Entry("doe", "book", fields))
    assert _bibliography("acl", item) == ["Jane Doe et al., editors. 2020. Handbook."]

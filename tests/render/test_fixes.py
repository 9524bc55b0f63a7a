"""Each gap closed between citeproc-py and citeproc-js, shown on the smallest input."""

from __future__ import annotations

from typing import Any

import pytest

from refs.render import render_bibliography, resolve_style
from refs.render.citeproc import MixedString, String
from refs.render.disambiguation import suffix_letters, year_suffixes
from refs.render.engine import RenderedEntry, process
from refs.render.engine.cases import as_string
from refs.render.engine.display import migrate_punctuation
from refs.render.engine.names import initials
from refs.render.engine.style import Registry
from refs.render.formats import text_entry, to_html_entry
from refs.render.punctuation import QUOTE_END, finish
from refs.render.textcase import title_case

ZHOU = {"family": "Zhou", "given": "Chunting"}


def item(
    key: str, title: str, year: int = 2023, extra: dict[str, Any] | None = None, **fields: Any
) -> dict[str, Any]:
    return {
        "id": key,
        "type": "article-journal",
        "title": title,
        "author": [ZHOU],
        "issued": {"date-parts": [[year]]},
        **fields,
        **(extra or {}),
    }


def lines(style: str, items: list[dict[str, Any]]) -> list[str]:
    return render_bibliography(items, resolve_style(style)).text.splitlines()


def test_year_suffixes_tell_same_author_same_year_apart() -> None:
    rendered = lines("acl", [item("b", "Beta"), item("a", "Alpha"), item("c", "Gamma", 2022)])
    assert rendered == [
        "Chunting Zhou. 2022. Gamma.",
        "Chunting Zhou. 2023a. Alpha.",
        "Chunting Zhou. 2023b. Beta.",
    ]


def test_year_suffixes_only_where_the_style_asks() -> None:
    rendered = lines("ieee", [item("b", "Beta"), item("a", "Alpha")])
    assert all("2023a" not in line for line in rendered)


def test_add_names_disambiguates_before_a_year_suffix() -> None:
    other = {"family": "Wu", "given": "Bo"}
    items = [
        item("a", "Alpha", author=[ZHOU, other, {"family": "Li", "given": "A"}]),
        item("b", "Beta", author=[ZHOU, {"family": "Ma", "given": "B"}, other]),
    ]
    assert not any("2023a" in line for line in lines("apa", items))


@pytest.mark.parametrize(
    ("numbers", "letters"),
    [((1, 2, 26), "a b z"), ((27, 28, 52, 53), "aa ab az ba")],
)
def test_suffix_letters(numbers: tuple[int, ...], letters: str) -> None:
    assert [suffix_letters(n) for n in numbers] == letters.split()


def test_year_suffixes_group_by_rendered_citation() -> None:
    assert year_suffixes([("a", "(Li, 2023)", ()), ("b", "(Li,  2023)", ())]) == {
        "a": "a",
        "b": "b",
    }
    assert year_suffixes([("a", "(Li, 2023)", ("Li", "A")), ("b", "(Li, 2023)", ("Li", "B"))]) == {}


def test_punctuation_moves_inside_quotes_in_american_english() -> None:
    entry = lines("ieee", [item("a", "Falcon-40B", extra={"container-title": "Nature"})])[0]
    assert "“Falcon-40B,” <i>" not in entry
    assert "“Falcon-40B,” Nature" in entry


@pytest.mark.parametrize(
    ("text", "piq", "expected"),
    [
        pytest.param(f"“Title”{QUOTE_END}, 2023", True, "“Title,” 2023", id="comma-moves"),
        pytest.param(f"“Title”{QUOTE_END}.", True, "“Title.”", id="period-moves"),
        pytest.param(f"“Why?”{QUOTE_END}.", True, "“Why?”", id="question-keeps-its-own"),
        pytest.param(f"“Title”{QUOTE_END}, 2023", False, "“Title”, 2023", id="british-stays"),
        pytest.param("Free you!.", False, "Free you!", id="no-period-after-exclamation"),
        pytest.param("“A” is fine.", True, "“A” is fine.", id="data-quotes-untouched"),
        pytest.param("E. <i>et al.</i>. Title", False, "E. <i>et al.</i> Title", id="et-al-period"),
    ],
)
def test_finish(text: str, piq: bool, expected: str) -> None:
    assert finish(text, punctuation_in_quote=piq) == expected


@pytest.mark.parametrize("style", ["ieee", "nature", "nlm-citation-sequence"])
def test_second_field_align_sets_the_number_apart(style: str) -> None:
    entry = lines(style, [item("a", "Alpha")])[0]
    assert entry.split(" ", 1)[0] in {"[1]", "1.", "1"}
    assert "]C." not in entry
    assert not entry.startswith("1Zhou")


def test_a_substituted_title_is_printed_once() -> None:
    anonymous = {
        "id": "x",
        "type": "report",
        "title": "Deepmind Gopher",
        "issued": {"date-parts": [[2021]]},
    }
    entry = lines("apa", [anonymous])[0]
    assert entry.count("Deepmind Gopher") == 1


def test_capitalize_first_leaves_a_mixed_case_word() -> None:
    preprint = item("a", "Alpha", type="article", number="arXiv:2306.01116", publisher="arXiv")
    preprint.pop("issued")
    assert "(arXiv:2306.01116)" in lines("apa", [preprint])[0]


TITLE_CASE = b"""<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>t</title><id>t</id><updated>2020-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title" text-case="title"/></layout></citation>
</style>"""


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        pytest.param("state-of-the-art models", "State-of-the-Art Models", id="hyphenated"),
        pytest.param("a survey of the field", "A Survey of the Field", id="stop-words"),
        pytest.param("lima: less is more", "Lima: Less Is More", id="after-colon"),
        pytest.param("the iPhone and GPT-4", "The iPhone and GPT-4", id="mixed-case-kept"),
        pytest.param(
            '<span class="nocase">word2vec</span> explained',
            "word2vec Explained",
            id="nocase-kept",
        ),
    ],
)
def test_title_case(title: str, expected: str) -> None:
    processed = process(
        [{"id": "a", "title": title, "type": "book"}], TITLE_CASE, "en-US", bibliography=False
    )
    assert processed.citations == (expected,)


def test_a_style_without_bibliography_is_refused() -> None:
    from refs.render import NoBibliography  # noqa: PLC0415 - the name under test

    with pytest.raises(NoBibliography, match="no bibliography"):
        render_bibliography([item("a", "Alpha")], resolve_style("chicago-notes"))


def test_citeproc_warnings_are_collected_not_raised() -> None:
    # The test run turns warnings into errors: rendering must not leak any.
    odd = item("a", "Alpha", extra={"custom": {"x": 1}, "unknown-variable": "y"})
    assert lines("apa", [odd])


def test_initialize_false_keeps_given_names() -> None:
    people = [{"family": "Efros", "given": "Alexei A"}, {"family": "Mann", "given": "Benjamin"}]
    entry = lines("chicago", [item("a", "Alpha", author=people)])[0]
    assert entry.startswith("Efros, Alexei A., and Benjamin Mann. 2023.")


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        pytest.param("dialogue through tuning", "Dialogue through Tuning", id="js-stop-words"),
        pytest.param("tuning with (almost) no labor", "Tuning with (Almost) No Labor", id="paren"),
        pytest.param("conversations–democratizing", "Conversations–Democratizing", id="en-dash"),
        pytest.param("what it is built on", "What It Is Built On", id="last-stop-word"),
    ],
)
def test_title_case_as_citeproc_js(title: str, expected: str) -> None:
    assert title_case(title) == expected


def test_title_case_in_a_style_capitalises_a_word_in_the_data_parentheses() -> None:
    # the engine holds the data's "(" and ")" as private-use characters (richtext)
    entry = lines("chicago", [item("a", "tuning with (almost) no labor")])[0]
    assert "Tuning with (Almost) No Labor" in entry


@pytest.mark.parametrize(
    ("given", "expected"),
    [("Qi jie", "Q. jie"), ("yue", " yue"), ("Jean-Paul", "J.-P."), ("Ada", "A.")],
)
def test_initials_keep_lowercase_parts_without_stray_marks(given: str, expected: str) -> None:
    assert initials(given, ". ", hyphen=True).rstrip() == expected.rstrip()


def test_lowercase_given_name_in_a_style() -> None:
    entry = lines("nature", [item("a", "Alpha", author=[{"family": "Zhang", "given": "yue"}])])
    assert entry[0].startswith("1. Zhang, yue")


def test_exclamation_keeps_a_following_comma_inside_the_quote() -> None:
    assert finish(f"“Free you!”{QUOTE_END}, 2023", punctuation_in_quote=True) == (
        "“Free you!,” 2023"
    )


def test_sorting_ignores_accents_and_puts_empty_keys_last() -> None:
    people = [("kung", "Kung"), ("kopf", "Köpf")]
    items = [item(key, key, author=[{"family": family, "given": "A"}]) for key, family in people]
    items.append({"id": "anon", "type": "article-journal", "title": "Zeta"})
    rendered = lines("acl", items)
    assert [line.split(".")[0] for line in rendered[:2]] == ["A Köpf", "A Kung"]


def test_sort_key_names_are_inverted_as_citeproc_js_does() -> None:
    first = {"family": "Hendrycks", "given": "Dan"}
    items = [
        item("b", "Beta", 2021, author=[first, {"family": "Kadavath", "given": "Saurav"}]),
        item("a", "Alpha", 2020, author=[first, {"family": "Basart", "given": "Steven"}]),
    ]
    rendered = lines("chicago-author-date", items)
    assert "Basart" in rendered[0]


def test_year_suffix_for_titles_that_differ_only_in_decoration() -> None:
    alike = {"issued": {"date-parts": [[2022]]}}
    items = [
        {"id": "a", "type": "paper-conference", "title": "Same", "container-title": "ACL", **alike},
        {"id": "b", "type": "document", "title": "Same", **alike},
    ]
    rendered = lines("apa", items)
    assert ["(2022a)" in rendered[0], "(2022b)" in rendered[1]] == [True, True]


def test_subsequent_author_substitute() -> None:
    rendered = lines("mla", [item("a", "Alpha"), item("b", "Beta")])
    assert rendered[1].startswith("———.")


def test_subsequent_author_substitute_leaves_a_title_in_the_authors_place() -> None:
    anonymous = [
        {"id": key, "type": "paper-conference", "title": "Same Title", "issued": year}
        for key, year in (("a", {"date-parts": [[2022]]}), ("b", {"date-parts": [[2023]]}))
    ]
    rendered = lines("mla", anonymous)
    assert [entry.startswith("\u201cSame Title") for entry in rendered] == [True, True]


def test_dates_in_sort_macros_sort_by_their_sort_form() -> None:
    rendered = lines("acl", [item("b", "Beta", 2023), item("c", "Gamma", 2022)])
    assert rendered[0].endswith("Gamma.")


def test_cached_lookups_stay_with_their_style() -> None:
    """Macros, terms and layouts are looked up once per style (`engine.cached`): two styles
    with macros of the same name, rendered in turn, each keep their own."""
    items = [item("a", "Alpha"), item("b", "Beta", 2021)]
    first = lines("apa", items)
    assert lines("chicago-author-date", items) != first
    assert lines("apa", items) == first


def test_citations_of_one_cite_are_not_sorted_and_keys_are_found_by_dict() -> None:
    """Speed: a one-cite citation skips the sort; registered keys are a dict lookup."""
    registry = Registry(source={})
    registry.set_order([type("C", (), {"key": k})() for k in ("a", "b")])
    assert "b" in registry.keys and "c" not in registry.keys
    assert registry.keys.index("b") == 1
    done = process([item("a", "Alpha")], resolve_style("apa").path, "en-US", citations=True)
    assert done.citations == ("(Zhou, 2023)",)


@pytest.mark.parametrize(
    "style",
    [
        "french4",  # capitalize-first of an empty given name
        "bakhtiniana-journal-of-discourse-studies",  # a plain str in a MixedString
        "kritische-ausgabe",  # capitalize-first of a MixedString of plain str
        "universidade-estadual-paulista-faculdade-de-engenharia-de-guaratingueta-abnt",  # None
    ],
)
def test_text_case_takes_any_string(style: str) -> None:
    """citeproc-py's text-case raised on empty, None and plain str values (36 styles)."""
    anonymous = {
        "id": "x",
        "type": "paper-conference",
        "title": "training language models",
        "container-title": "ACL",
        "issued": {"date-parts": [[2022]]},
    }
    named = item("y", "Alpha", extra={"author": [{"family": "JosephusCheung"}]})
    paper = item(
        "z",
        "Training language models",
        extra={
            "type": "paper-conference",
            "container-title": "NeurIPS",
            "volume": "35",
            "page": "27730–27744",
            "DOI": "10.48550/arXiv.2203.02155",
        },
    )
    assert len(lines(style, [anonymous, named, paper])) == 3


def test_as_string_drops_empty_pieces() -> None:
    assert as_string("") is None
    assert as_string(MixedString(["", String("a")])) == MixedString([String("a")])


def _person(given: str, family: str) -> dict[str, str]:
    return {"given": given, "family": family}


def test_add_names_count_carries_into_the_bibliography() -> None:
    """MLA: two cites that read "(Xu et al.)" get names until they differ (citeproc-js's
    add-names disambiguation), and the bibliography shows that many names."""
    shared = [_person("Can", "Xu"), _person("Qingfeng", "Sun")]
    items = [
        item("a", "Alpha", author=[*shared, _person("Kai", "Zheng"), _person("A", "Li")]),
        item("b", "Beta", author=[*shared, _person("Jiazhan", "Feng"), _person("B", "Ma")]),
        item("c", "Gamma", author=[_person("Ge", "Zhang"), _person("Y", "Shi"), ZHOU]),
    ]
    style = resolve_style("modern-language-association").path
    cited = process(items, style, None, citations=True)  # as citeproc-js renders them
    assert cited.citations == (
        "(Xu, Sun, Zheng, et al.)",
        "(Xu, Sun, Feng, et al.)",
        "(Zhang et al.)",
    )
    assert [entry.html for entry in cited.entries] == [
        "Xu, Can, Qingfeng Sun, Kai Zheng, et al. <i>Alpha</i>. 2023.",
        "Xu, Can, Qingfeng Sun, Jiazhan Feng, et al. <i>Beta</i>. 2023.",
        "Zhang, Ge, et al. <i>Gamma</i>. 2023.",
    ]


def test_given_names_disambiguate_before_more_names() -> None:
    """By-cite given names come before added names: "S. Zhang" twice, then "Susan Zhang" and
    "Shengyu Zhang" tell the cites apart, so the bibliography keeps one name (citeproc-js)."""
    items = [
        item("a", "Alpha", author=[_person("Susan", "Zhang"), _person("A", "Li"), ZHOU]),
        item("b", "Beta", author=[_person("Shengyu", "Zhang"), _person("B", "Ma"), ZHOU]),
    ]
    assert lines("modern-language-association", items) == [
        "Zhang, Shengyu, et al. Beta. 2023.",
        "Zhang, Susan, et al. Alpha. 2023.",
    ]


def test_disambiguate_condition_holds_only_for_ambiguous_cites() -> None:
    """``<if disambiguate="true">`` passed for every cite in citeproc-py (a test it did not
    know); MLA adds the short title only where names cannot tell cites apart."""
    style = resolve_style("modern-language-association").path
    same = [item("a", "Alpha"), item("b", "Beta")]
    assert process(same, style, None, citations=True).citations == (
        "(Zhou, <i>Alpha</i>)",
        "(Zhou, <i>Beta</i>)",
    )
    alone = [item("a", "Alpha"), item("c", "Gamma", author=[_person("Bo", "Wu")])]
    assert process(alone, style, None, citations=True).citations == ("(Zhou)", "(Wu)")


def test_text_case_on_a_macro_call_is_ignored() -> None:
    """citeproc-js cases what terminal elements print, not a macro's output: the bibtex
    style's ``<text macro="author-short" text-case="lowercase"/>`` keeps "Zhou"."""
    rendered = lines("bibtex", [item("a", "Alpha")])
    assert rendered[0].startswith("@article{Zhou_2023,")


def test_a_label_is_printed_only_when_its_variable_has_a_value() -> None:
    style = resolve_style("american-chemical-society")
    without = item("a", "Alpha", extra={"type": "paper-conference", "container-title": "ACL"})
    with_pages = {**without, "id": "b", "title": "Beta", "page": "5-9"}
    assert render_bibliography([without, with_pages], style).text.splitlines() == [
        "(1) Zhou, C. Alpha. In ACL; 2023.",
        "(2) Zhou, C. Beta. In ACL; 2023; pp 5–9.",
    ]


DISPLAYED = b"""<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="in-text">
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout suffix=".">
    <group display="block"><names variable="author"/></group>
    <date display="left-margin" variable="issued" prefix=" "><date-part name="year"/></date>
    <group display="right-inline"><text variable="title"/>
      <text variable="publisher" prefix=". "/></group>
  </layout></bibliography>
</style>"""


def test_display_blocks_are_divs_with_the_suffix_inside_the_last() -> None:
    entry = process([item("a", "Alpha", publisher="arXiv")], DISPLAYED, None).entries[0]
    assert entry.html == (
        '<div class="csl-block">Chunting Zhou</div><div class="csl-left-margin"> 2023</div>'
        '<div class="csl-right-inline">Alpha. arXiv.</div>'
    )


def test_display_punctuation_moves_to_the_block_before() -> None:
    assert (
        migrate_punctuation(
            '<div class="csl-left-margin">2023</div><div class="csl-right-inline">. arXiv</div>'
        )
        == '<div class="csl-left-margin">2023.</div><div class="csl-right-inline"> arXiv</div>'
    )


def test_display_blocks_read_as_citeproc_js_text_and_html() -> None:
    entry = RenderedEntry("a", '<div class="csl-block">Zhou</div><div class="csl-indent">A</div>')
    assert text_entry(entry) == "Zhou A"
    assert to_html_entry(entry) == (
        '  <div class="csl-entry">\n\n    <div class="csl-block">Zhou</div>\n'
        '<div class="csl-indent">A</div>\n  </div>'
    )


def test_a_global_given_name_rule_alone_renders() -> None:
    # swedish-legal: add-givenname with a global rule and no other method raised IndexError
    assert len(lines("swedish-legal", [item("a", "Alpha"), item("b", "Beta")])) == 2

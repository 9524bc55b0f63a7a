"""Straight quotes and apostrophes print as citeproc-js prints them (its flip-flopper)."""

from __future__ import annotations

from typing import Any

import pytest

from refs.render import render_bibliography, resolve_style
from refs.render.quotes import ENGLISH, QUOTE_END, Quotes, mark_quotes, resolve_quotes


def article(title: str, **fields: Any) -> dict[str, Any]:
    return {
        "id": "k",
        "type": "article-journal",
        "title": title,
        "author": [{"family": "Doe", "given": "Ann"}],
        "container-title": "J",
        "issued": {"date-parts": [[2020]]},
        **fields,
    }


def line(style: str, title: str, **fields: Any) -> str:
    return render_bibliography([article(title, **fields)], resolve_style(style)).text.strip()


def printed(text: str, quotes: Quotes = ENGLISH) -> str:
    return resolve_quotes(mark_quotes(text), quotes).replace(QUOTE_END, "")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param('A "quoted" study', "A “quoted” study", id="double-pair"),
        pytest.param("A 'single' study", "A “single” study", id="single-pair-is-outer-first"),
        pytest.param("Alzheimer's disease", "Alzheimer’s disease", id="apostrophe"),
        pytest.param("It's '90s music", "It’s ’90s music", id="unpaired-opening-is-apostrophe"),
        pytest.param("The students' work", "The students’ work", id="trailing-apostrophe"),
        pytest.param('Size 5" screens', 'Size 5" screens', id="unpaired-double-stays"),
        pytest.param('Nested "a "b" c"', "Nested “a ‘b’ c”", id="nested-flips"),
        pytest.param("A \"x\" and 'y' z", "A “x” and ‘y’ z", id="other-form-prints-inner"),
        pytest.param("A ‘curly’ one", "A ‘curly’ one", id="curly-single-stays"),
        pytest.param('My "<i>Title</i>" here', "My “<i>Title</i>” here", id="across-tags"),
        pytest.param("a ('paren') b", "a ('paren’) b", id="single-after-bracket"),
        pytest.param("On “x' ” y", "On “x’ ” y", id="curly-closing-after-a-space"),
        pytest.param("'Uber With Guns’ App", "'Uber With Guns’ App", id="straight-closed-by-curly"),
    ],
)
def test_quotations_and_apostrophes_in_data(data: str, expected: str) -> None:
    assert printed(data) == expected


def test_quotes_print_in_the_locale_terms() -> None:
    german = Quotes("„", "“", "‚", "‘")
    assert printed('Ein "Zitat"', german) == "Ein „Zitat“"


@pytest.mark.parametrize(
    ("style", "title", "expected"),
    [
        pytest.param("ieee", 'A "quoted" study', "“A ‘quoted’ study,”", id="inside-style-quotes"),
        pytest.param("ieee", '"Whole title"', "“‘Whole title,’”", id="punctuation-into-both"),
        pytest.param("apa", 'Say "hello"', "Say “hello.”", id="punctuation-into-data-quote"),
        pytest.param(
            "chicago-author-date", "a 'two words' here", "“A ‘two Words’ Here.”", id="title-case"
        ),
        pytest.param(
            "chicago-author-date", 'A "quoted" study', "“A ‘Quoted’ Study.”", id="title-case-double"
        ),
    ],
)
def test_quotes_in_styles_as_citeproc_js(style: str, title: str, expected: str) -> None:
    assert expected in line(style, title)


def test_punctuation_inside_a_string_stays_where_it_is() -> None:
    assert printed("meaning 'God willing'. Another") == "meaning “God willing”. Another"
    assert "“God willing”. Another." in line("apa", "meaning 'God willing'. Another")


def test_names_and_other_fields_get_apostrophes() -> None:
    text = line("apa", "T", author=[{"family": "O'Brien", "given": "Pat"}], publisher="Wiley's")
    assert text.startswith("O’Brien, P.")


def test_identifiers_keep_their_quotes() -> None:
    text = line("apa", "T", URL="https://example.org/it's")
    assert "https://example.org/it's" in text


def test_a_particle_ending_in_an_apostrophe_takes_no_space() -> None:
    author = [{"family": "Alché-Buc", "given": "Florence", "non-dropping-particle": "d'"}]
    assert line("ieee", "T", author=author).startswith("[1] F. d’Alché-Buc,")
    assert line("apa", "T", author=author).startswith("d’Alché-Buc, F.")

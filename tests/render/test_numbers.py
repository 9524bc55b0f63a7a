"""Numbers as citeproc-js prints them: page ranges, plurals of labels, ordinals."""

from __future__ import annotations

from typing import Any

import pytest

from refs.render.engine import process
from refs.render.engine.pages import page_range


def style(layout: str, options: str = "", locale: str = "") -> bytes:
    return (
        '<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0" '
        f'default-locale="en-US" {options}><info><id/><title/><updated>2024-01-01T00:00:00Z'
        f"</updated></info>{locale}<citation><layout>{layout}</layout></citation></style>"
    ).encode()


def cite(
    layout: str, fields: dict[str, Any], options: str = "", locale: str = "", **cite: Any
) -> str:
    item = {"id": "a", "type": "book", "title": "T", **fields}
    processed = process(
        [item], style(layout, options, locale), None, [[{"id": "a", **cite}]], bibliography=False
    )
    return processed.citations[0]


@pytest.mark.parametrize(
    ("pages", "range_format", "expected"),
    [
        ("1536-538", "minimal", "1536–8"),
        ("1536-538", "chicago", "1536–38"),
        ("100-4", "chicago", "100–104"),
        ("1496-1500", "chicago-16", "1496–500"),
        ("321-325", "minimal-two", "321–25"),
        ("110-5", "expanded", "110–115"),
        ("n11564-1568", "minimal", "n11564-1568"),
    ],
)
def test_page_range_format(pages: str, range_format: str, expected: str) -> None:
    options = f'page-range-format="{range_format}"'
    assert cite('<text variable="page"/>', {"page": pages}, options) == expected


def test_page_range_delimiter_term() -> None:
    locale = '<locale><terms><term name="page-range-delimiter">-</term></terms></locale>'
    assert cite('<text variable="page"/>', {"page": "10-12"}, "", locale) == "10-12"
    assert page_range("10-12", None, "/") == "10/12"


def test_prefixes_that_differ_keep_the_hyphen() -> None:
    assert cite('<text variable="page"/>', {"page": "N110 - P5"}) == "N110-P5"


def test_a_volume_range_gets_the_en_dash() -> None:
    assert cite('<text variable="volume"/>', {"volume": "3-4"}) == "3–4"


def test_words_joined_by_a_hyphen_are_no_range() -> None:
    layout = '<group delimiter=" "><label variable="page"/><text variable="page"/></group>'
    assert cite(layout, {"page": "Michaelson-Morely"}) == "page Michaelson-Morely"


@pytest.mark.parametrize(
    ("pages", "expected"),
    [("i-ix", "pages i–ix"), ("3\\-B", "page 3-B"), ("213 & 235", "pages 213 &amp; 235")],
)
def test_label_plural_counts_numbers(pages: str, expected: str) -> None:
    layout = '<group delimiter=" "><label variable="page"/><text variable="page"/></group>'
    assert cite(layout, {"page": pages}) == expected


def test_locator_range_and_its_label() -> None:
    layout = '<group delimiter=" "><label variable="locator"/><text variable="locator"/></group>'
    assert cite(layout, {}, 'page-range-format="expanded"', locator="427-30") == "pages 427–430"
    assert cite(layout, {}, locator="327\\-30", label="page") == "page 327-30"


def test_number_of_volumes_plural() -> None:
    layout = '<group delimiter=" "><label variable="number-of-volumes"/>'
    layout += '<text variable="number-of-volumes"/></group>'
    assert cite(layout, {"number-of-volumes": 1}) == "volume 1"
    assert cite(layout, {"number-of-volumes": 2}) == "volumes 2"


def test_ordinal_follows_the_gender_of_the_term() -> None:
    locale = (
        "<locale><terms>"
        '<term name="ordinal">.ª</term>'
        '<term name="ordinal-01" gender-form="masculine">.º</term>'
        '<term name="ordinal-01" gender-form="feminine">.ª</term>'
        '<term name="issue" gender="masculine">issue</term>'
        '<term name="edition" gender="feminine">edition</term>'
        "</terms></locale>"
    )
    layout = '<group delimiter=" "><number variable="edition" form="ordinal"/>'
    layout += '<number variable="issue" form="ordinal"/></group>'
    assert cite(layout, {"edition": "1", "issue": "1"}, "", locale) == "1.ª 1.º"
    # A style locale with an "ordinal" term replaces the locale file's ordinals.
    assert cite(layout, {"edition": "3", "issue": "3"}, "", locale) == "3.ª 3.ª"


def test_ordinal_and_roman_forms() -> None:
    assert cite('<number variable="edition" form="ordinal"/>', {"edition": "22"}) == "22nd"
    assert cite('<number variable="edition" form="long-ordinal"/>', {"edition": "2"}) == "second"
    assert cite('<number variable="volume" form="roman"/>', {"volume": "14"}) == "xiv"
    assert cite('<number variable="edition" form="ordinal"/>', {"edition": "2nd"}) == "2nd"

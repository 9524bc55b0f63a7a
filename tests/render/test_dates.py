"""Date ranges (``[[2019,10],[2019,11]]``) print as citeproc-js prints them."""

from __future__ import annotations

from typing import Any

import pytest

from refs.render import render_bibliography, resolve_style


def conference(key: str, *dates: list[int]) -> dict[str, Any]:
    return {
        "id": key,
        "type": "paper-conference",
        "title": "A study",
        "author": [{"family": "Smith", "given": "John"}],
        "container-title": "Proc",
        "issued": {"date-parts": [*dates]},
    }


def line(style: str, *dates: list[int]) -> str:
    return render_bibliography([conference("k", *dates)], resolve_style(style)).text


@pytest.mark.parametrize(
    ("style", "dates", "expected"),
    [
        pytest.param("ieee", ([2019, 10], [2019, 11]), "Oct.–Nov. 2019", id="month-range-no-form"),
        pytest.param(
            "apa", ([2019, 10], [2019, 11]), "(2019, October–November)", id="apa-year-kept"
        ),
        pytest.param(
            "apa", ([2019, 10, 28], [2019, 11, 1]), "(2019, October 28–November 1)", id="apa-days"
        ),
        pytest.param(
            "apa", ([2019, 10, 28], [2019, 10, 30]), "(2019, October 28–30)", id="day-range"
        ),
        pytest.param(
            "apa",
            ([2018, 12, 30], [2019, 1, 2]),
            "(2018–2019, December 30–January 2)",
            id="year-range-with-hidden-year",
        ),
        pytest.param(
            "chicago-author-date",
            ([2019, 10, 28], [2019, 11, 1]),
            "Proc, October 28–November 1.",
            id="localized-text-form",
        ),
        pytest.param(
            "iso690-author-date-en",
            ([2019, 10, 28], [2019, 11, 1]),
            "28 October–1 November 2019",
            id="day-month-year-order",
        ),
        pytest.param("chicago-author-date", ([1987], [0]), "1987–.", id="open-range"),
        pytest.param(
            "chicago-notes-bibliography",
            ([2015, 5], [2015, 6]),
            "May–June 2015",
            id="month-range-in-a-text-date-without-days",
        ),
    ],
)
def test_date_ranges_as_citeproc_js(
    style: str, dates: tuple[list[int], ...], expected: str
) -> None:
    assert expected in line(style, *dates)


def test_a_range_in_parts_the_style_hides_prints_the_begin() -> None:
    assert "(2019)" in line("nature", [2019, 10], [2019, 11])


def test_a_same_author_year_range_takes_the_year_suffix_on_its_shared_year() -> None:
    items = [
        conference("a", [2019, 10], [2019, 11]),
        conference("b", [2019, 10, 28], [2019, 10, 30]),
    ]
    text = render_bibliography(items, resolve_style("apa")).text
    assert "(2019a, October–November)" in text
    assert "(2019b, October 28–30)" in text


def test_a_year_range_takes_the_suffix_on_its_end_year() -> None:
    items = [conference("a", [2018, 12, 30], [2019, 1, 2]), conference("b", [2018, 12], [2019, 1])]
    text = render_bibliography(items, resolve_style("apa")).text
    assert "(2018–2019a, December–January)" in text
    assert "(2018–2019b, December 30–January 2)" in text

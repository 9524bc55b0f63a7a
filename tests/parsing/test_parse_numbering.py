"""When the number of an ``N.`` list item is a label: named cases on README-style lines."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from refs.parsing import parse_document
from refs.parsing.numbering import (
    Numbered,
    cites_numbers,
    is_reference_heading,
    number_labels,
    numbering_runs,
    reused_labels,
)


def _item(n: int, title: str) -> str:
    return f"{n}. **{title}.** ICML 2021. [paper](https://arxiv.org/abs/2101.{n:05d})\n"


def _labels(text: str) -> list[str | None]:
    return [r.source.label for r in parse_document(text, "README.md").records]


def _flagged(text: str) -> list[bool]:
    return ["label-reused" in r.flags for r in parse_document(text, "README.md").records]


PER_HEADING = (
    "# Awesome Graph Learning\n\n## Surveys\n\n"
    + _item(1, "Graph Lanterns: A Survey")
    + _item(2, "Message Passing in Forty Pages")
    + "\n## Models\n\n"
    + _item(1, "Spectral Kettles")
    + _item(2, "Pooling by Candlelight")
)


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        pytest.param(PER_HEADING, [None] * 4, id="list-per-heading-has-no-labels"),
        pytest.param(
            "## References\n\n" + _item(1, "Spectral Kettles") + _item(2, "Pooling by Candlelight"),
            ["1", "2"],
            id="under-a-references-heading",
        ),
        pytest.param(
            "## 📚 Bibliography (2021)\n\n### Models\n\n" + _item(1, "Spectral Kettles"),
            ["1"],
            id="under-a-subheading-of-bibliography",
        ),
        pytest.param(
            "# 参考文献\n\n" + _item(7, "Spectral Kettles"), ["7"], id="chinese-references-heading"
        ),
        pytest.param(
            "Spectral Kettles [2] beat Graph Lanterns [1].\n\n## Papers\n\n"
            + _item(1, "Graph Lanterns")
            + _item(2, "Spectral Kettles"),
            ["1", "2"],
            id="the-text-cites-numbers",
        ),
        pytest.param(
            "See [[2]](#ref2).\n\n## Papers\n\n" + _item(1, "Graph Lanterns") + _item(2, "Kettles"),
            ["1", "2"],
            id="the-text-links-to-ref-anchors",
        ),
        pytest.param(
            "```python\nx = batch[0]\n```\n\nUse `a[1]`.\n\n## Papers\n\n" + _item(1, "Kettles"),
            [None],
            id="indexing-in-code-is-no-citation",
        ),
        pytest.param(
            "## Papers\n\n- [2023/06] **Spectral Kettles.** *Ada Okafor et al.* arXiv 2023. "
            "[[paper](https://arxiv.org/abs/2306.00001)]\n\n" + _item(1, "Graph Lanterns"),
            [None, None],
            id="date-tags-are-no-citations",
        ),
        pytest.param(
            "## References\n\n"
            + _item(1, "Graph Lanterns")
            + _item(1, "Spectral Kettles")
            + _item(1, "Pooling by Candlelight"),
            ["1", "2", "3"],
            id="a-list-numbered-1-throughout-is-shown-1-2-3",
        ),
        pytest.param(
            "[3] Ada Okafor. **Counting with Mirrors**. NeurIPS, 2021.\n\n"
            "## Notes\n\n" + _item(1, "Graph Lanterns"),
            ["3", None],
            id="bracket-labels-always-count-and-are-no-citation",
        ),
    ],
)
def test_list_number_is_a_label_only_when_the_document_uses_it(
    text: str, labels: list[str | None]
) -> None:
    assert _labels(text) == labels


def test_numbering_that_restarts_per_heading_is_never_reuse() -> None:
    text = "Cited as [1] and [2].\n\n" + PER_HEADING
    assert _labels(text) == ["1", "2", "1", "2"]
    assert _flagged(text) == [False] * 4


def test_a_number_repeated_in_a_list_is_shown_as_the_next_one() -> None:
    """Markdown shows a list's items counting up from the first number, whatever is printed."""
    text = (
        "## References\n\n"
        + _item(1, "Graph Lanterns")
        + _item(2, "Spectral Kettles")
        + _item(2, "Pooling by Candlelight")
    )
    assert _labels(text) == ["1", "2", "3"]
    assert _flagged(text) == [False, False, False]


def test_bracket_label_printed_twice_is_still_reuse() -> None:
    text = "[3] A. Bee. **One Lantern**. 2020.\n\n[3] C. Dee. **Two Lanterns**. 2021.\n"
    assert _flagged(text) == [True, True]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        pytest.param("References", True, id="references"),
        pytest.param("[Publications](#publications)", True, id="linked-publications"),
        pytest.param("V. REFERENCES", True, id="roman-section-number"),
        pytest.param("Papers Cited", True, id="papers-cited"),
        pytest.param("Citations: 2024", True, id="qualified-after-colon"),
        pytest.param("Papers", False, id="papers-is-a-list-not-a-reference-list"),
        pytest.param("Preference Optimisation", False, id="a-word-containing-reference"),
        pytest.param("Reference Implementations", False, id="reference-as-an-adjective"),
    ],
)
def test_reference_headings(title: str, expected: bool) -> None:
    assert is_reference_heading(title) is expected


def test_cites_numbers_ignores_link_definitions_and_years() -> None:
    assert not cites_numbers(["[1]: https://example.org/one", "Released [2023]."])
    assert cites_numbers(["as shown in [3, 7] and [9-11]"])


_LABEL = st.one_of(st.none(), st.integers(1, 40).map(str))


@given(st.lists(_LABEL, max_size=30))
def test_runs_only_grow_and_one_numbering_never_drops(labels: list[str | None]) -> None:
    runs = numbering_runs(labels)
    assert runs == sorted(runs)
    numbers = [(run, int(label)) for run, label in zip(runs, labels, strict=True) if label]
    for (run_a, a), (run_b, b) in itertools.pairwise(numbers):
        if run_a == run_b:
            assert a <= b and b != 1


@given(st.lists(st.tuples(_LABEL, st.booleans(), st.sampled_from(["Papers", "Blogs"]))))
def test_without_citations_or_a_references_heading_no_list_number_is_a_label(
    items: list[tuple[str | None, bool, str]],
) -> None:
    facts = [Numbered(label, from_list, (heading,)) for label, from_list, heading in items]
    labels = number_labels(facts, cites_numbers=False)
    assert all(
        label is None if fact.from_list else label == fact.label
        for fact, label in zip(facts, labels, strict=True)
    )
    marks = [label for fact, label in zip(facts, labels, strict=True) if not fact.from_list]
    assert sum(reused_labels(labels)) == sum(reused_labels(marks))

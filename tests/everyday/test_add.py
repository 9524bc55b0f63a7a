"""`refs.library.add`: what an addition reads as, and what the store already has."""

from __future__ import annotations

import pytest

from refs.errors import UnreadableInput
from refs.library import Candidate, parse_addition, plan_addition
from refs.library.add import NEEDS_METADATA, identifier_entry
from refs.model import Entry


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        pytest.param("2305.11206v2", "eprint", "2305.11206", id="bare-arxiv"),
        pytest.param("https://arxiv.org/pdf/2305.11206", "eprint", "2305.11206", id="arxiv-url"),
        pytest.param("doi:10.1145/3442188.3445922", "doi", "10.1145/3442188.3445922", id="doi"),
        pytest.param(
            "2022.emnlp-main.340", "url", "https://aclanthology.org/2022.emnlp-main.340", id="acl"
        ),
        pytest.param(
            "https://openreview.net/forum?id=gEZrGCozdqR",
            "url",
            "https://openreview.net/forum?id=gEZrGCozdqR",
            id="openreview",
        ),
    ],
)
def test_an_identifier_becomes_a_minimal_flagged_entry(text: str, field: str, value: str) -> None:
    entry = identifier_entry(text)
    assert entry is not None
    assert entry.fields[field] == value
    assert NEEDS_METADATA in entry.fields["refs-flags"]


def test_a_reference_string_is_read_by_the_import_parser() -> None:
    [candidate] = parse_addition(
        "Ashish Vaswani, Noam Shazeer. Attention is all you need. NeurIPS 2017."
    )
    assert candidate.entry.fields["title"] == "Attention is all you need"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("@article{x, title={Unclosed}", id="malformed-bibtex"),
        pytest.param("notanidentifier", id="unknown-word"),
        pytest.param("   ", id="empty"),
    ],
)
def test_input_that_reads_as_nothing_is_unreadable(text: str) -> None:
    with pytest.raises(UnreadableInput):
        parse_addition(text)


def test_a_snippet_keeps_its_key_unless_taken() -> None:
    store = [Entry("taken", "misc", {"title": "Old", "year": "2020"}, ids=("retired",))]
    snippets = [
        Candidate(Entry("free", "misc", {"title": "A", "year": "2021"}), keep_key=True),
        Candidate(Entry("retired", "misc", {"title": "Bee", "year": "2021"}), keep_key=True),
    ]
    result = plan_addition(store, snippets)
    assert [e.key for e in result.added] == ["free", "anon2021bee"]


def test_the_same_identifier_is_reported_not_added() -> None:
    store = [Entry("zhou2023lima", "misc", {"title": "LIMA", "eprint": "2305.11206"})]
    result = plan_addition(store, parse_addition("https://arxiv.org/abs/2305.11206"))
    assert result.added == ()
    assert result.existing[0][1] == "zhou2023lima"

"""`refs.library.search`: the FTS5 index, accent- and case-insensitive, ranked, cached."""

from __future__ import annotations

from pathlib import Path

from refs.library import has_index, search_index
from refs.library.search import match_expression
from refs.model import Entry

ENTRIES = [
    Entry(
        "kopf2023open",
        "misc",
        {"author": 'K{\\"o}pf, Andreas', "title": "OpenAssistant", "year": "2023"},
    ),
    Entry(
        "zhou2023lima",
        "inproceedings",
        {
            "author": "Zhou, Chunting",
            "year": "2023",
            "title": "{LIMA}: Less Is More for Alignment",
            "booktitle": "NeurIPS",
            "eprint": "2305.11206",
            "archiveprefix": "arXiv",
        },
        ids=("zhou2023less",),
    ),
    Entry("lima2020", "misc", {"author": "Lima, Ana", "title": "Peru", "year": "2020"}),
]


def test_accents_and_case_do_not_matter(tmp_path: Path) -> None:
    with search_index(ENTRIES, "d1", tmp_path) as searcher:
        assert [h.record.key for h in searcher.search("KOPF")] == ["kopf2023open"]
        assert [h.record.key for h in searcher.search("köpf open")] == ["kopf2023open"]


def test_an_exact_key_ranks_first_and_fields_restrict(tmp_path: Path) -> None:
    with search_index(ENTRIES, "d1", tmp_path) as searcher:
        assert searcher.search("lima2020")[0].record.key == "lima2020"
        assert [h.record.key for h in searcher.search("author:lima")] == ["lima2020"]
        assert [h.record.key for h in searcher.search("zhou2023less")] == ["zhou2023lima"]
        assert [h.record.key for h in searcher.search("2305.11206")] == ["zhou2023lima"]
        assert searcher.search('"') == []


def test_the_index_is_cached_by_digest(tmp_path: Path) -> None:
    assert not has_index(tmp_path, "d1")
    with search_index(ENTRIES, "d1", tmp_path):
        pass
    assert has_index(tmp_path, "d1")
    with search_index(None, "d1", tmp_path) as searcher:  # no entries needed: reused
        assert len(searcher.all()) == 3


def test_match_expression_quotes_terms() -> None:
    assert match_expression('title:"x" y') == 'title : """x"""* "y"*'

"""A veto splits a cluster, it does not cancel it (issue 16): the pairs that agree merge, the
vetoed member stays out, and the refused join is reported with the veto that refused it."""

from __future__ import annotations

from refs.dedupe import find_duplicates
from refs.dedupe.report import DedupeReport
from refs.model import Entry

FACTORED = "Factored Translation Models"
LIMA = "LIMA: Less Is More for Alignment"


def paper(key: str, **fields: str) -> Entry:
    return Entry(key, "inproceedings", fields)


def clusters(report: DedupeReport) -> list[list[str]]:
    return sorted(sorted(e.key for e in c.members) for c in report.clusters)


def test_factored_translation_models_two_identical_merge_beside_a_same_title_other_work() -> None:
    koehn = {"title": FACTORED, "author": "Koehn, Philipp and Hoang, Hieu", "year": "2007"}
    report = find_duplicates(
        [
            paper("koehn2007factored", **koehn, booktitle="EMNLP-CoNLL"),
            paper("koehn2007factoredb", **koehn),
            paper("smith2007factored", title=FACTORED, author="Smith, John", year="2007"),
        ]
    )
    assert clusters(report) == [["koehn2007factored", "koehn2007factoredb"]]
    assert report.conflicts == ()  # other authors: another work, nothing for a person


def test_factored_translation_models_merge_in_either_order() -> None:
    koehn = {"title": FACTORED, "author": "Koehn, Philipp and Hoang, Hieu", "year": "2007"}
    other = paper("smith2007factored", title=FACTORED, author="Smith, John", year="2007")
    report = find_duplicates([other, paper("b", **koehn), paper("a", **koehn)])
    assert clusters(report) == [["a", "b"]]


def test_a_vetoed_member_is_left_out_and_the_refusal_keeps_its_reason() -> None:
    same = {"title": LIMA, "author": "Zhou, Chunting and Liu, Pengfei", "year": "2023"}
    report = find_duplicates(
        [
            paper("zhou2023lima", **same, doi="10.1234/lima"),
            paper("zhou2023limab", **same),
            paper("zhou2023limac", **same, doi="10.1234/other"),
        ]
    )
    assert len(report.clusters) == 1
    merged = {e.key for e in report.clusters[0].members}
    assert len(merged) == 2
    (conflict,) = report.conflicts
    assert conflict.reasons == ("blocked-merge",)
    assert {e.key for e in conflict.members} == {"zhou2023lima", "zhou2023limab", "zhou2023limac"}
    vetoes = {v for link in conflict.links for v in link.match.vetoes}
    assert vetoes == {"different-doi"}

"""The traps of the seed READMEs, on the store `refs import` of sources/ makes (before the
merge that makes the shipped references.bib)."""

from __future__ import annotations

from pathlib import Path

import pytest

from refs import workflows
from refs.dedupe import DedupeReport, Distinct, find_duplicates, merge_cluster
from refs.model import Entry
from refs.store import load_store

ROOT = Path(__file__).resolve().parents[2]
SEED = "sources/002-survey-catalog.md"


@pytest.fixture(scope="module")
def entries(tmp_path_factory: pytest.TempPathFactory) -> list[Entry]:
    store = tmp_path_factory.mktemp("seeds") / "references.bib"
    seeds = sorted((ROOT / "sources").glob("[0-9]*.md"))
    workflows.import_documents(store, [(f"sources/{p.name}", p.read_bytes()) for p in seeds])
    return load_store(store).entries()


@pytest.fixture(scope="module")
def report(entries: list[Entry]) -> DedupeReport:
    return find_duplicates(entries)


def by_label(entries: list[Entry], label: str, file: str = SEED) -> list[Entry]:
    return [e for e in entries if any(s.file == file and s.label == label for s in e.sources)]


def at(entries: list[Entry], file: str, line: int) -> Entry:
    return next(e for e in entries if any(s.file == file and s.line == line for s in e.sources))


def cluster_of(report: DedupeReport, key: str) -> set[str]:
    for cluster in report.clusters:
        keys = {e.key for e in cluster.members}
        if key in keys:
            return keys
    return {key}


@pytest.mark.parametrize(
    ("first", "second"),
    [
        pytest.param("6", "34", id="002-6-and-34"),
        pytest.param("10", "44", id="002-10-and-44"),
        pytest.param("11", "96", id="002-11-and-96"),
    ],
)
def test_one_work_under_two_numbers_is_one_cluster(
    entries: list[Entry], report: DedupeReport, first: str, second: str
) -> None:
    (a,), (b,) = by_label(entries, first), by_label(entries, second)
    assert b.key in cluster_of(report, a.key)


def test_the_two_3s_share_a_title_but_are_not_merged(
    entries: list[Entry], report: DedupeReport
) -> None:
    threes = by_label(entries, "3")
    assert len(threes) == 2
    keys = {e.key for e in threes}
    assert not any(keys <= {e.key for e in c.members} for c in report.clusters)
    (conflict,) = [c for c in report.conflicts if {e.key for e in c.members} == keys]
    assert "label-reused" in conflict.reasons
    assert "id-mismatch" in conflict.reasons


def test_a_decision_settles_the_two_3s(entries: list[Entry]) -> None:
    a, b = by_label(entries, "3")
    report = find_duplicates(entries, distinct=Distinct.of([(a.key, b.key)]))
    assert not report.conflicts


def test_arxiv_in_one_readme_and_acl_anthology_in_another(
    entries: list[Entry], report: DedupeReport
) -> None:
    title = "Cross-Task Generalization via Natural Language Crowdsourcing Instructions"
    same = [e for e in entries if e.get("title") == title]
    assert {e.identifiers.arxiv for e in same} - {None}
    assert {e.identifiers.acl for e in same} - {None}
    assert {e.key for e in same} == cluster_of(report, same[0].key)
    merged = merge_cluster(
        next(c for c in report.clusters if c.survivor.key in {e.key for e in same}).members
    )
    assert merged.identifiers.arxiv == "2104.08773"
    assert merged.identifiers.acl == "2022.acl-long.244"


def test_every_seed_cluster_is_a_labelled_duplicate(report: DedupeReport) -> None:
    """No false merge on the seeds: each cluster's members share a normalised title."""
    from refs.dedupe.fingerprint import normalise_title  # noqa: PLC0415

    for cluster in report.clusters:
        assert len({normalise_title(e.get("title")) for e in cluster.members}) == 1

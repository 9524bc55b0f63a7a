"""The dry run's text (issue 16): a summary, short clusters and conflicts, paging by code."""

from __future__ import annotations

from refs.dedupe import describe, find_duplicates, summary
from refs.model import Entry

LIMA = "LIMA: Less Is More for Alignment"


def lima(key: str, **fields: str) -> Entry:
    return Entry(key, "misc", {"title": LIMA, "year": "2023", **fields})


def labelled_conflicts(count: int) -> list[Entry]:
    """``count`` pairs of works that share an arXiv id under disjoint authors."""
    entries = []
    for n in range(count):
        arxiv = f"2305.{11200 + n}"
        title = f"Work number {n} of a long list of works"
        entries.append(
            Entry(f"a{n}", "misc", {"title": title, "author": "Ann Smith", "eprint": arxiv})
        )
        entries.append(
            Entry(f"b{n}", "misc", {"title": title, "author": "Bob Jones", "eprint": arxiv})
        )
    return entries


def test_the_summary_counts_conflicts_by_finding_code() -> None:
    report = find_duplicates(labelled_conflicts(3))
    assert summary(report, applied=False) == (
        "6 entries: 0 clusters (would merge 0 entries into 0), 3 conflicts need a person "
        "(vetoed-identifier 3)"
    )


def test_a_cluster_is_a_few_lines_and_a_long_member_list_is_cut_with_a_count() -> None:
    same = {"author": "Zhou, Chunting and Liu, Pengfei", "eprint": "2305.11206"}
    report = find_duplicates([lima(f"zhou2023lima{n}", **same) for n in range(8)])
    lines = describe(report, applied=False)
    assert lines[0].startswith("cluster 1: keep ")
    assert lines[1:6] == [line for line in lines[1:6] if line.startswith("  - ")]
    assert lines[6] == "  ... and 3 more entries"
    assert lines[7].startswith("  by ") and len(lines) == 8


def test_limit_pages_conflicts_and_says_how_many_are_left() -> None:
    report = find_duplicates(labelled_conflicts(4))
    lines = describe(report, applied=False, limit=1)
    assert sum(line.startswith("conflict ") for line in lines) == 1
    assert lines[-1].startswith("... 3 more conflicts")
    everything = describe(report, applied=False, limit=0)
    assert sum(line.startswith("conflict ") for line in everything) == 4


def test_kind_picks_the_conflicts_with_one_finding_code_and_no_clusters() -> None:
    same = {"author": "Zhou, Chunting and Liu, Pengfei"}
    entries = [lima("x", **same), lima("y", **same), *labelled_conflicts(2)]
    report = find_duplicates(entries)
    assert len(report.clusters) == 1
    picked = describe(report, applied=False, kind="vetoed-identifier")
    assert not any(line.startswith("cluster") for line in picked)
    assert sum(line.startswith("conflict ") for line in picked) == 2
    assert describe(report, applied=False, kind="weak-link") == []


def test_a_shared_identifier_vetoed_only_by_authors_that_are_not_names_says_so() -> None:
    title = "Code Llama: Open Foundation Models for Code"
    entries = [
        Entry(
            "roziere2023code",
            "misc",
            {
                "title": title,
                "author": "Rozière, Baptiste and Gehring, Jonas",
                "eprint": "2308.12950",
            },
        ),
        Entry(
            "anon2023code", "misc", {"title": title, "author": "Code Llama", "eprint": "2308.12950"}
        ),
    ]
    (conflict,) = find_duplicates(entries).conflicts
    assert conflict.reasons == ("vetoed-identifier",)
    lines = describe(find_duplicates(entries), applied=False)
    assert lines[-1] == (
        "  note: the only evidence against the shared identifier is authors that do not look "
        "like person names (Code Llama); likely misread on import"
    )


def test_real_people_on_both_sides_get_no_note() -> None:
    lines = describe(find_duplicates(labelled_conflicts(1)), applied=False)
    assert not any("note:" in line for line in lines)

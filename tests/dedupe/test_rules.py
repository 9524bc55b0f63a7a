"""Each rule and each veto of the pairwise matcher, as a named case."""

from __future__ import annotations

import pytest

from refs.dedupe import DEFAULT_THRESHOLD, compare_entries, find_duplicates
from refs.model import Entry

LIMA = "{LIMA}: Less Is More for Alignment"
AUTHORS = "Zhou, Chunting and Liu, Pengfei and Xu, Puxin"


def entry(key: str, entry_type: str = "misc", **fields: str) -> Entry:
    return Entry(key, entry_type, fields)


SAME_WORK = [
    pytest.param(
        entry("a", eprint="2305.11206v1", title="LIMA"),
        entry("b", eprint="2305.11206v3", title="LIMA"),
        "identifier",
        id="arxiv-id-without-version",
    ),
    pytest.param(
        entry("a", doi="10.48550/arXiv.2305.11206", title=LIMA),
        entry("b", "inproceedings", eprint="2305.11206", doi="10.5555/neurips.1", title=LIMA),
        "identifier",
        id="arxiv-doi-equals-arxiv-id-and-stands-beside-a-publisher-doi",
    ),
    pytest.param(
        entry("a", doi="10.18653/V1/2022.ACL-LONG.244", title="Cross-Task"),
        entry("b", url="https://doi.org/10.18653/v1/2022.acl-long.244", title="Cross-Task"),
        "identifier",
        id="doi-case-insensitive",
    ),
    pytest.param(
        entry("a", url="https://aclanthology.org/2022.acl-long.244/", title="X Y"),
        entry("b", url="https://aclanthology.org/2022.acl-long.244.pdf", title="X Y"),
        "identifier",
        id="acl-anthology-id",
    ),
    pytest.param(
        entry("a", url="https://openreview.net/forum?id=gEZrGCozdqR", title="FLAN"),
        entry("b", url="https://openreview.net/pdf?id=gEZrGCozdqR", title="FLAN"),
        "identifier",
        id="openreview-id",
    ),
    pytest.param(
        entry("a", title=LIMA, author=AUTHORS, year="2023"),
        entry(
            "b",
            "inproceedings",
            title="LIMA: less is more for alignment.",
            author="C. Zhou and P. Liu and P. Xu",
            year="2023",
            booktitle="NeurIPS",
        ),
        "title-authors-year",
        id="case-punctuation-braces-and-initials",
    ),
    pytest.param(
        entry("a", title=LIMA, author=AUTHORS, year="2022"),
        entry("b", title=LIMA, author="Liu, Pengfei and Zhou, Chunting and others", year="2023"),
        "title-authors-year",
        id="order-tolerant-others-tolerant-year-apart-by-one",
    ),
    pytest.param(
        entry(
            "a",
            title=r"K{\"o}pf's Caf\'e \& Cr\`eme Instructions for Everyone",
            year="2023",
            author=r"K{\"o}pf, Andreas",
        ),
        entry(
            "b",
            title="Köpf’s Café and Crème Instructions for Everyone",
            year="2023",
            author="Andreas Köpf",
        ),
        "title-authors-year",
        id="latex-and-unicode-fold-alike",
    ),
    pytest.param(
        entry("a", title=LIMA, author="Zhou Chunting", year="2023"),
        entry("b", title=LIMA, author="Chunting Zhou", year="2023"),
        "title-authors-year",
        id="family-and-given-name-swapped",
    ),
    pytest.param(
        entry(
            "a",
            "inproceedings",
            title="Cross-Task Generalization via Natural Language Crowdsourcing Instructions",
            year="2022",
            eprint="2104.08773",
        ),
        entry(
            "b",
            title="Cross-Task Generalization via Natural Language Crowdsourcing Instructions",
            year="2022",
            url="https://aclanthology.org/2022.acl-long.244/",
        ),
        "title-year",
        id="arxiv-in-one-acl-anthology-in-another-without-authors",
    ),
]


@pytest.mark.parametrize(("x", "y", "rule"), SAME_WORK)
def test_same_work(x: Entry, y: Entry, rule: str) -> None:
    match = compare_entries(x, y)
    assert match.rule == rule
    assert match.is_confident(DEFAULT_THRESHOLD), match


DIFFERENT_WORKS = [
    pytest.param(
        entry("a", eprint="2305.11206", title=LIMA, doi="10.1000/a"),
        entry("b", eprint="2305.11206", title=LIMA, doi="10.1000/b"),
        "different-doi",
        id="two-dois",
    ),
    pytest.param(
        entry("a", title=LIMA, url="https://openreview.net/forum?id=aaa", doi="10.1000/x"),
        entry("b", title=LIMA, url="https://openreview.net/forum?id=bbb", doi="10.1000/x"),
        "different-openreview",
        id="two-openreview-ids-despite-a-shared-doi",
    ),
    pytest.param(
        entry("a", "book", title="Robust Statistics", author="Huber, Peter", edition="1"),
        entry("b", "book", title="Robust Statistics", author="Huber, Peter", edition="2"),
        "different-edition",
        id="editions",
    ),
    pytest.param(
        entry(
            "a",
            "article",
            title="Notes on Graphs",
            author="Erdos, Paul",
            journal="J",
            volume="3",
            year="1960",
        ),
        entry(
            "b",
            "article",
            title="Notes on Graphs",
            author="Erdos, Paul",
            journal="J",
            volume="4",
            year="1960",
        ),
        "different-volume",
        id="volumes",
    ),
    pytest.param(
        entry(
            "a",
            "incollection",
            title="Introduction",
            author="Doe, Jane",
            pages="1--10",
            booktitle="Handbook",
            year="2001",
        ),
        entry(
            "b",
            "incollection",
            title="Introduction",
            author="Doe, Jane",
            pages="201--210",
            booktitle="Handbook",
            year="2001",
        ),
        "different-pages",
        id="page-ranges",
    ),
    pytest.param(
        entry("a", title="Robust statistics", author="Huber, Peter", year="1981"),
        entry("b", title="Robust statistics", author="Huber, Peter", year="2009"),
        "year-gap",
        id="year-gap-over-one",
    ),
    pytest.param(
        entry(
            "a",
            title="Unnatural Instructions",
            author="Honovich, Or and Levy, Omer",
            eprint="2212.09689",
        ),
        entry(
            "b",
            title="Unnatural Instructions",
            author="Mishra, Swaroop and Baral, Chitta",
            eprint="2212.09689",
        ),
        "disjoint-authors",
        id="same-title-and-id-but-disjoint-authors",
    ),
    pytest.param(
        entry(
            "a",
            title="Findings of the 2019 Conference on Machine Translation",
            author="Barrault, Loic",
            year="2019",
        ),
        entry(
            "b",
            title="Findings of the 2020 Conference on Machine Translation",
            author="Barrault, Loic",
            year="2020",
        ),
        "different-title-numbers",
        id="papers-of-one-series",
    ),
    pytest.param(
        entry(
            "a",
            "online",
            title="Narrative Structures, part one",
            author="Kennedy, Alexis",
            year="2010",
        ),
        entry(
            "b",
            "online",
            title="Narrative Structures, part two",
            author="Kennedy, Alexis",
            year="2010",
        ),
        "different-title-numbers",
        id="parts-spelled-out",
    ),
    pytest.param(
        entry(
            "a",
            "online",
            title="A Compleat History of the Magic",
            author="Dias, Bruno",
            url="https://example.org/blog/magic-1",
        ),
        entry(
            "b",
            "online",
            title="A Compleat History of the Magic",
            author="Dias, Bruno",
            url="https://example.org/blog/magic-2",
        ),
        "different-pages-of-one-site",
        id="posts-of-one-blog",
    ),
    pytest.param(
        entry("a", eprint="2305.11206", title="LIMA: Less Is More for Alignment"),
        entry("b", eprint="2305.11206", title="Scaling Instruction-Finetuned Language Models"),
        "different-titles",
        id="shared-id-unrelated-titles",
    ),
]


@pytest.mark.parametrize(("x", "y", "veto"), DIFFERENT_WORKS)
def test_vetoed(x: Entry, y: Entry, veto: str) -> None:
    match = compare_entries(x, y)
    assert veto in match.vetoes
    assert not match.is_confident(0.0)


@pytest.mark.parametrize(
    ("x", "y"),
    [
        pytest.param(
            entry("a", title="Introduction", year="2001"),
            entry("b", title="Introduction", year="2001"),
            id="generic-title-without-authors",
        ),
        pytest.param(
            entry("a", title="Attention is all you need", author="Vaswani, Ashish"),
            entry("b", title="Attention is not all you need", author="Vaswani, Ashish"),
            id="a-word-that-changes-the-meaning",
        ),
    ],
)
def test_not_confident(x: Entry, y: Entry) -> None:
    assert not compare_entries(x, y).is_confident(DEFAULT_THRESHOLD)


def test_threshold_decides_what_merges() -> None:
    x = entry(
        "a", title="Learning to follow instructions from feedback", author="Ouyang, L.", year="2022"
    )
    y = entry(
        "b",
        title="Learning to follow instructions from human feedback",
        author="Ouyang, L.",
        year="2022",
    )
    score = compare_entries(x, y).score
    assert len(find_duplicates([x, y], threshold=score).clusters) == 1
    assert not find_duplicates([x, y], threshold=min(1.0, score + 0.01)).clusters


def test_a_weak_link_is_a_conflict_not_a_merge() -> None:
    x = entry(
        "a", title="Learning to follow instructions from feedback", author="Ouyang, L.", year="2022"
    )
    y = entry(
        "b",
        title="Learning to follow instructions from human feedback",
        author="Ouyang, L.",
        year="2022",
    )
    report = find_duplicates([x, y], threshold=0.99)
    assert not report.clusters
    assert [c.reasons for c in report.conflicts] == [("weak-link",)]


def test_a_chain_through_a_vetoed_pair_is_refused() -> None:
    a = entry("a", title=LIMA, author=AUTHORS, year="2023", doi="10.1000/a")
    b = entry("b", title=LIMA, author=AUTHORS, year="2023")
    c = entry("c", title=LIMA, author=AUTHORS, year="2023", doi="10.1000/c")
    report = find_duplicates([a, b, c])
    assert all(len(cluster.members) == 2 for cluster in report.clusters)
    assert [c.reasons for c in report.conflicts] == [("blocked-merge",)]


def test_clusters_are_one_per_work_across_many_members() -> None:
    members = [
        entry("a", eprint="2305.11206", title=LIMA),
        entry("b", doi="10.48550/arXiv.2305.11206", title=LIMA, author=AUTHORS),
        entry(
            "c",
            "inproceedings",
            title="LIMA: Less is More for Alignment",
            author=AUTHORS,
            year="2023",
            booktitle="NeurIPS",
        ),
    ]
    report = find_duplicates(members)
    assert [[e.key for e in c.members] for c in report.clusters] == [["c", "b", "a"]]


def test_a_short_name_beside_its_full_title_under_one_identifier_is_no_title_veto() -> None:
    short = entry("a", eprint="2309.12950", title="Harbor Llama")
    full = entry("b", eprint="2309.12950", title="Harbor Llama: Open Models for Port Logistics")
    match = compare_entries(short, full)
    assert "different-titles" not in match.vetoes
    assert match.is_confident(0.9)

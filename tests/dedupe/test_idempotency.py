"""`refs dedupe --apply` is a fixed point: a second apply merges nothing and changes no byte."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from refs.bibtex import format_entry, read_bib
from refs.dedupe import find_duplicates, merge_cluster
from refs.dedupe.fingerprint import normalise_title
from refs.model import Entry
from tests.conftest import RunCli, bench_bytes

TITLE = "Coordinating the Complexity of Tools, Tasks and Users"
AUTHORS = "Murray, Ann and Lee, Bo"


def article(key: str, year: str, **fields: str) -> Entry:
    return Entry(
        key,
        "article",
        {"title": TITLE, "author": AUTHORS, "year": year, "journal": "Work", **fields},
    )


def apply_twice(run_cli: RunCli, store: Path) -> tuple[bytes, bytes, str]:
    """The store after one and after two applies, and the second run's output."""
    first = run_cli("--store", str(store), "dedupe", "--apply")
    assert first.exit_code in (0, 1), first.output
    once = store.read_bytes()
    second = run_cli("--store", str(store), "dedupe", "--apply")
    assert second.exit_code in (0, 1), second.output
    return once, store.read_bytes(), second.output


def write_store(path: Path, entries: list[Entry]) -> Path:
    path.write_text("\n".join(format_entry(e) for e in entries), encoding="utf-8")
    return path


#: 2014 ~ 2015 and 2014 ~ 2013, but 2013 and 2015 are two years apart: the merge of 2014 and
#: 2015 keeps 2015 in refs-conflicts, and that still vetoes 2013.
VETO_CHAIN = [
    article("murray2014", "2014", volume="26", doi="10.1000/work.26"),
    article("murray2015", "2015"),
    article("murray2013", "2013"),
]

CHAINS = [
    pytest.param(VETO_CHAIN, 2, id="a-merged-member-keeps-its-veto"),
    pytest.param(
        # the preprint without authors is only weakly like the paper; merged with the
        # untitled record of the same arXiv id it has the authors, and is confidently the paper
        [
            Entry(
                "anon2020",
                "misc",
                {
                    "title": "Ranking Answers from Partially Labelled Question Sets",
                    "year": "2020",
                    "eprint": "2001.01234",
                },
            ),
            Entry("doe2020", "misc", {"author": AUTHORS, "year": "2020", "eprint": "2001.01234v2"}),
            Entry(
                "doe2020ranking",
                "inproceedings",
                {
                    "title": "Ranking Answers from Partially Labeled Question Data Sets",
                    "author": AUTHORS,
                    "year": "2020",
                    "booktitle": "Proceedings of ACL",
                },
            ),
        ],
        1,
        id="a-merged-entry-gains-the-fields-that-make-the-next-merge-confident",
    ),
]


@pytest.mark.parametrize(("entries", "left"), CHAINS)
def test_a_second_apply_merges_nothing(
    entries: list[Entry],
    left: int,
    run_cli: RunCli,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    store = write_store(tmp_path / "references.bib", entries)
    once, twice, output = apply_twice(run_cli, store)
    assert twice == once
    assert "0 clusters" in output
    assert len(read_bib(once, "references.bib").entries) == left


def test_the_merge_keeps_the_veto_a_person_must_see() -> None:
    report = find_duplicates(VETO_CHAIN)
    assert [[e.key for e in c.members] for c in report.clusters] == [["murray2014", "murray2015"]]
    merged = merge_cluster(report.clusters[0].members)
    after = find_duplicates([merged, VETO_CHAIN[2]])
    assert not after.clusters
    assert [c.reasons for c in after.conflicts] == [("blocked-merge",)]
    assert "year-gap" in after.conflicts[0].links[0].match.member_vetoes


# -- the real bench files ----------------------------------------------------------------------

BENCH_FILES = ("jgrey-personal", "aps-pre", "ml-conferences", "acl-anthology")


def shared_title_sample(name: str) -> bytes:
    """Every entry of a bench file whose normalised title another entry has too, verbatim.

    Duplicates and series members (annual proceedings, volumes, parts) share their title, so
    this small sample holds the entries that made ``--apply`` not idempotent on the whole file
    (jgrey-personal's xCoAx proceedings 2013-2021); bench/dedupe_idempotency.py runs the files.
    """
    data = bench_bytes(name)
    titled = [
        (block, normalise_title(block.entry.get("title")).replace(" ", ""))
        for block in read_bib(data, name).blocks
        if block.entry is not None
    ]
    shared = Counter(title for _, title in titled)
    chosen = [block for block, title in titled if title and shared[title] > 1]
    return b"".join(data[b.start : b.end] + b"\n" for b in chosen)


@pytest.mark.parametrize("name", BENCH_FILES)
def test_apply_is_a_fixed_point_on_a_real_file(
    name: str, run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    store = tmp_path / f"{name}.bib"
    store.write_bytes(shared_title_sample(name))
    once, twice, output = apply_twice(run_cli, store)
    assert twice == once
    assert "0 clusters" in output

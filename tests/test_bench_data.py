"""The real bench files of ../shared/bench-data: every entry loads, every byte is kept."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from bibtexparser.entrypoint import parse_string
from bibtexparser.model import Entry as OracleEntry

from refs.bibtex import BlockKind, read_bib
from tests.conftest import bench_bytes

#: Entries per file, as ../shared/bench-data/README.md counts them with an independent scanner.
EXPECTED_ENTRIES = {
    "acl-anthology": 88_132,
    "aps-pre": 68_732,
    "ml-conferences": 37_443,
    "jgrey-personal": 16_579,
}
_ENTRY_LINE = re.compile(
    rb"^[ \t]*@[ \t]*(?!comment|string|preamble)[A-Za-z]+[ \t]*[{(]", re.M | re.I
)


@pytest.mark.parametrize("name", sorted(EXPECTED_ENTRIES))
def test_every_entry_loads_and_every_byte_is_kept(name: str) -> None:
    data = bench_bytes(name)
    parsed = read_bib(data, name)
    assert len(parsed.entries) == EXPECTED_ENTRIES[name]
    assert b"".join(data[b.start : b.end] for b in parsed.blocks) == data
    lines = data.split(b"\n")
    for problem in parsed.problems:
        if problem.code == "malformed-block":
            assert lines[problem.line - 1].lstrip().startswith(b"@"), problem


@pytest.mark.parametrize("name", sorted(EXPECTED_ENTRIES))
def test_entry_count_matches_an_independent_scan(name: str) -> None:
    data = bench_bytes(name)
    parsed = read_bib(data, name)
    malformed = sum(1 for b in parsed.blocks if b.kind is BlockKind.MALFORMED)
    # every entry line is an entry, or a malformed block we reported
    assert len(_ENTRY_LINE.findall(data)) + malformed >= len(parsed.entries)
    assert len(_ENTRY_LINE.findall(data)) <= len(parsed.entries) + malformed


def test_acl_anthology_problems_are_the_junk_blocks() -> None:
    parsed = read_bib(bench_bytes("acl-anthology"), "acl-anthology.bib")
    assert Counter(p.code for p in parsed.problems) == {"malformed-block": 403}


def test_repeated_keys_are_reported_not_dropped() -> None:
    parsed = read_bib(bench_bytes("ml-conferences"), "ml.bib")
    counts = Counter(e.key.casefold() for e in parsed.entries)
    repeats = sum(n - 1 for n in counts.values())
    assert repeats == 397
    assert sum(1 for p in parsed.problems if p.code == "repeated-key") == repeats


def test_fields_agree_with_bibtexparser_where_bibtex_rules_agree() -> None:
    """bibtexparser 2.x is the oracle, except where it lets a backslash escape a brace."""
    data = bench_bytes("jgrey-personal")
    ours = read_bib(data).entries
    library = parse_string(data.decode("utf-8"))
    theirs: list[OracleEntry] = list(library.entries)
    for failed in library.failed_blocks:
        repeated = getattr(failed, "ignore_error_block", None)
        if isinstance(repeated, OracleEntry):  # a repeated key: the middlewares skipped it
            theirs.append(_strip_enclosing(repeated))
    assert len(theirs) == len(ours)
    by_key: dict[str, list[dict[str, str]]] = {}
    for block in theirs:
        fields = {f.key.lower(): f.value for f in block.fields}
        by_key.setdefault(block.key, []).append(fields)
    compared = 0
    for entry in ours:
        if any("\\{" in v or "\\}" in v for v in entry.fields.values()):
            continue
        assert {**entry.fields} in by_key[entry.key], entry.key
        compared += 1
    assert compared > 0.95 * len(ours)


def _strip_enclosing(entry: OracleEntry) -> OracleEntry:
    for field in entry.fields:
        value = field.value
        if len(value) >= 2 and value[0] + value[-1] in ("{}", '""'):
            field.value = value[1:-1]
    return entry

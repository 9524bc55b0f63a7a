"""Generated documents: every reference occurrence comes back exactly once, at its line."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from refs.parsing import parse_document

_WORD = st.text(alphabet="abcdefghijklmnoprstuvwxyz", min_size=3, max_size=9)
_NAME = st.builds(lambda a, b: f"{a.title()} {b.title()}", _WORD, _WORD)
_TITLE = st.lists(_WORD, min_size=3, max_size=8).map(lambda ws: " ".join(w.title() for w in ws))
_ARXIV = st.builds(lambda m, n: f"23{m:02d}.{n:05d}", st.integers(1, 12), st.integers(0, 99999))
_YEAR = st.integers(2000, 2024)

#: A block: its lines, and the offsets (within the block) of the occurrences it holds.
Block = tuple[list[str], list[int], list[int]]


@st.composite
def _numbered(draw: st.DrawFn) -> Block:
    n = draw(st.integers(1, 300))
    names = draw(st.lists(_NAME, min_size=1, max_size=4))
    title, year, arxiv = draw(_TITLE), draw(_YEAR), draw(_ARXIV)
    opener = draw(st.sampled_from([f'<a id="ref{n}">[{n}]</a>', f"[{n}]", f"{n}.", f"{n})"]))
    text = f"{opener} {', '.join(names)}. **{title}**. arXiv preprint arXiv:{arxiv}, {year}."
    words = text.split(" ")
    cut = draw(st.integers(2, max(2, len(words) - 1)))
    lines = [" ".join(words[:cut]), " ".join(words[cut:])] if draw(st.booleans()) else [text]
    return [line for line in lines if line], [0], []


@st.composite
def _thunlp(draw: st.DrawFn) -> Block:
    title, names, year = draw(_TITLE), draw(st.lists(_NAME, min_size=2, max_size=3)), draw(_YEAR)
    line = (
        f"1. **{title}.** *{', '.join(names)}.* ACL {year}. [[pdf](https://aclanthology.org/x.pdf)]"
    )
    return [line], [0], []


@st.composite
def _link_bullets(draw: st.DrawFn) -> Block:
    count = draw(st.integers(1, 4))
    lines: list[str] = []
    starts: list[int] = []
    for _ in range(count):
        starts.append(len(lines))
        lines.append(f"- [{draw(_TITLE)}](https://arxiv.org/abs/{draw(_ARXIV)}) :star:")
        if draw(st.booleans()):
            lines.append(f"  - {draw(_WORD)} note without links")
    return lines, starts, []


@st.composite
def _bare_url(draw: st.DrawFn) -> Block:
    return [f"* {draw(_WORD).title()} https://arxiv.org/pdf/{draw(_ARXIV)}.pdf"], [0], []


@st.composite
def _table(draw: st.DrawFn) -> Block:
    rows = draw(st.lists(st.tuples(_TITLE, _ARXIV), min_size=1, max_size=4))
    lines = ["| Title | Pub | Date |", "| --- | --- | --- |"]
    lines += [f"| {t} | ICML 2023 | [{a}](https://arxiv.org/abs/{a}) |" for t, a in rows]
    return lines, list(range(2, 2 + len(rows))), []


@st.composite
def _prose(draw: st.DrawFn) -> Block:
    lines = [
        f"Our {draw(_WORD)} method extends",
        f"[{draw(_TITLE)}](https://arxiv.org/abs/{draw(_ARXIV)}).",
        "More text follows.",
    ]
    return lines, [1], []


@st.composite
def _bibtex(draw: st.DrawFn) -> Block:
    key = draw(_WORD)
    lines = ["```bibtex", f"@article{{{key}2023,", f"  title={{{draw(_TITLE)}}},", "}", "```"]
    return lines, [], [1]


@st.composite
def _noise(draw: st.DrawFn) -> Block:
    kind = draw(st.sampled_from(["heading", "toc", "paragraph", "catalog", "tasks"]))
    word = draw(_WORD)
    if kind == "heading":
        return [f"## {word.title()} {draw(_YEAR)}"], [], []
    if kind == "toc":
        return [f"- [{word.title()}](#{word})", f"  - [{word}s](#{word}s)"], [], []
    if kind == "catalog":
        return (
            [
                "| Model | Paper |",
                "|---|---|",
                f"| {word} [3] | [paper](https://arxiv.org/abs/2301.1) |",
            ],
            [],
            [],
        )
    if kind == "tasks":
        return [f"1. {word.title()} the data", f"2. Train the {word}"], [], []
    return [f"Some {word} prose about things."], [], []


_BLOCKS = st.one_of(
    _numbered(), _thunlp(), _link_bullets(), _bare_url(), _table(), _prose(), _bibtex(), _noise()
)


def _document(blocks: list[Block]) -> tuple[str, list[int], list[int]]:
    lines: list[str] = []
    refs: list[int] = []
    bibs: list[int] = []
    for block_lines, starts, bib_starts in blocks:
        refs += [len(lines) + 1 + s for s in starts]
        bibs += [len(lines) + 1 + s for s in bib_starts]
        lines += [*block_lines, ""]
    return "\n".join(lines), refs, bibs


@settings(max_examples=150, deadline=None)
@given(st.lists(_BLOCKS, min_size=1, max_size=12))
def test_every_occurrence_once_at_its_line(blocks: list[Block]) -> None:
    text, expected, expected_bibtex = _document(blocks)
    result = parse_document(text, "generated.md")
    assert sorted(r.source.line for r in result.records) == expected
    assert [b.line for b in result.bibtex] == expected_bibtex
    for record in result.records:
        for value in record.fields.values():
            depth = 0
            for char in value:
                depth += {"{": 1, "}": -1}.get(char, 0)
                assert depth >= 0
            assert depth == 0


def test_five_thousand_references_parse_in_seconds() -> None:
    entries = [
        (
            f'<a id="ref{n}">[{n}]</a> Mara Quill, Tobias Fenwick, and Ines Achterberg.\n'
            f"**Sparse Routers {n}**. In EMNLP, 2022. [Paper](https://arxiv.org/abs/2210.{n:05d})"
            if n % 2
            else f"- [Gradient Lanterns {n}](https://arxiv.org/abs/2301.{n:05d}) - a note"
        )
        for n in range(1, 5001)
    ]
    text = "\n\n".join(entries)
    start = time.perf_counter()
    result = parse_document(text, "big.md")
    elapsed = time.perf_counter() - start
    assert len(result.records) == 5000
    assert elapsed < 30, f"{elapsed:.1f}s"

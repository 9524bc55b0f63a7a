"""Fuzzed documents: Markdown and HTML-ish text with every construct left open or unbalanced.

Whatever the text, the document reader (`parse_document`) and the catalog extraction
(`extract_items`) return without raising, every record and row points at a line the document
has, and the time they take stays within a bound proportional to the text. A fixed budget of
examples, and the time asserted by the test rather than by Hypothesis's deadline.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from refs.catalog import extract_items
from refs.model import Entry
from refs.parsing import parse_document
from refs.render.readme import NUMBER, ReadmeGroup, ReadmeLayout, ReadmeSection, numbered
from refs.sync import plan_sync

FILE = "README.md"

#: Pieces of the constructs survey READMEs mix: list markers, labels, headings, pipes,
#: HTML tables, links, anchors, emphasis, code, comments, citation words. Any order, any count,
#: so that openers go unclosed and closers come first.
_TOKENS = [
    "- ",
    "* ",
    "+ ",
    "1. ",
    "3) ",
    "2023. ",
    "[1] ",
    "[12]",
    "[2, 5-7]",
    "# ",
    "## ",
    "###### ",
    "####### ",
    "> ",
    "| ",
    " | ",
    "|---|",
    "| :--: |",
    "<table>",
    "</table>",
    "<tr>",
    "</tr>",
    "<td>",
    "</td>",
    "<th>",
    "</th>",
    '<td rowspan="2">',
    "<td colspan=3>",
    "<td rowspan=99999999>",
    '<a href="https://arxiv.org/abs/2301.00001">',
    '<a href="#ref1">',
    '<a id="ref3">',
    "</a>",
    "<li>",
    '<li id="ref-4">',
    "<b>",
    "</b>",
    "<strong>",
    "<i>",
    "</em>",
    "<br>",
    "<img src='x'>",
    "<!--",
    "-->",
    "```",
    "```bibtex",
    "~~~",
    "@article{key, title={T}}",
    "[",
    "]",
    "(",
    ")",
    "](https://github.com/a/b)",
    "](#ref2)",
    "[![badge](https://img.shields.io/badge/ICLR-2024-blue)](https://x.org)",
    "**",
    "*",
    "_",
    "__",
    "`",
    "\\",
    "{",
    "}",
    '"',
    "“",
    "”",
    "et al.",
    " and ",
    ", ",
    ". ",
    "; ",
    ": ",
    "2020",
    "(2021)",
    "arXiv:2301.00001",
    "arxiv preprint arxiv ",
    "doi:10.1000/xyz",
    "https://doi.org/10.1000/abc",
    "github.com/org/repo",
    "Smith, J.",
    "J. Smith",
    "de la Cruz, A.",
    "Proc. ",
    "Vol. 3",
    "pp. 1-9",
    "accessed ",
    "(Oral)",
    "Title Words Of A Paper",
    "LLaMA",
    "   ",
    "\t",
    "&amp;",
    "&#8211;",
    "🔥",
    "✅",
    "é",
    "KÃ¶pf",
    "\u00a0",
    "\r",
]
#: How long a run of one piece is: drawn from a few lengths, long ones as likely as short.
_RUN_LENGTHS = st.sampled_from([2, 10, 100, 1000, 3000])
_TOKEN = st.one_of(
    st.sampled_from(_TOKENS),
    st.text(st.characters(codec="utf-8"), max_size=6),
    # a long run of one piece: where a backtracking pattern or a rescan shows
    st.builds(lambda token, count: token * count, st.sampled_from(_TOKENS), _RUN_LENGTHS),
)
_LINE = st.lists(_TOKEN, max_size=14).map("".join)
#: Lines joined with newlines (the pieces may hold ``\\r`` too: CRLF and stray CRs).
documents = st.lists(_LINE, max_size=40).map("\n".join)

#: Seconds a read may take: a fixed allowance for a slow shared machine, plus a generous
#: per-character cost (a linear reader needs microseconds per character).
_ALLOWANCE = 0.5
_PER_CHARACTER = 5e-5


def _lines(text: str) -> int:
    # as CommonMark numbers them: a lone carriage return ends a line too
    return len(re.split(r"\r\n|\r|\n", text))


def _within_budget(seconds: float, text: str) -> bool:
    return seconds < _ALLOWANCE + _PER_CHARACTER * len(text)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_the_reader_never_raises_and_every_record_has_a_line_of_the_document(text: str) -> None:
    start = time.perf_counter()
    result = parse_document(text, FILE)
    seconds = time.perf_counter() - start
    lines = _lines(text)
    for record in result.records:
        assert 1 <= record.source.line <= lines, (record.source, record.raw)
        assert record.source.file == FILE
    for embedded in result.bibtex:
        assert 1 <= embedded.line <= lines
    for problem in result.problems:
        assert 1 <= problem.line <= lines
    assert _within_budget(seconds, text), f"{seconds:.2f}s for {len(text)} characters"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_the_catalog_never_raises_and_every_row_has_a_line_of_the_document(text: str) -> None:
    records = parse_document(text, FILE).records
    entries = [
        Entry(f"k{n}", record.entry_type, dict(record.fields), (record.source,))
        for n, record in enumerate(records)
    ]
    start = time.perf_counter()
    items = extract_items(FILE, text, entries)
    seconds = time.perf_counter() - start
    lines = _lines(text)
    keys = {entry.key for entry in entries}
    for item in items:
        assert 1 <= item.line <= lines, item
        assert all(1 <= cell.line <= lines for cell in item.related), item
        assert set(item.cites) <= keys
    assert _within_budget(seconds, text), f"{seconds:.2f}s for {len(text)} characters"


_HUGE = "9" * 5000  # more digits than int() converts (4300): a ValueError if ever converted
_REFERENCES = '\n## References\n\n<a id="ref1">[1]</a> A. Lee. **Quiet Tokens**. 2020.\n'


def _render(groups: Sequence[ReadmeGroup], layout: ReadmeLayout) -> ReadmeSection:
    numbers = numbered(groups, layout.start)
    lines = [f"{layout.marker.replace(NUMBER, str(n))}{key}" for key, n in numbers.items()]
    return ReadmeSection(tuple(lines), numbers, ())


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        pytest.param(
            f"<table>\n<tr><th>Name</th></tr>\n<tr><td rowspan={_HUGE}>M [1]</td></tr>\n</table>\n",
            1,
            id="rowspan-of-5000-digits",
        ),
        pytest.param(
            f'| Name |\n|---|\n| M [<a href="#ref1">{_HUGE}</a>] [1] |\n',
            1,
            id="cited-number-of-5000",
        ),
        pytest.param(
            f"| Name |\n|---|\n| M [{_HUGE}](#ref1) [1] |\n", 1, id="linked-number-of-5000"
        ),
        pytest.param(f"[{_HUGE}] A. Lee. **Title**. 2020.\n", 0, id="label-of-5000-digits"),
        pytest.param(f'<a id="ref{_HUGE}"></a> A. Lee. **Title**. 2020.\n', 0, id="anchor-of-5000"),
    ],
)
def test_numbers_too_long_to_convert_are_read_as_text(text: str, rows: int) -> None:
    document = text + _REFERENCES
    records = parse_document(document, FILE).records
    entries = [
        Entry(f"k{n}", record.entry_type, dict(record.fields), (record.source,))
        for n, record in enumerate(records)
    ]
    items = extract_items(FILE, document, entries)
    plan = plan_sync(FILE, document, items, entries, _render)
    assert _HUGE in plan.text  # left as the document printed it
    cited = next(e.key for e in entries if e.get("title") == "Quiet Tokens")
    assert [item.cites for item in items] == [(cited,)] * rows

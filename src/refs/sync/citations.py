"""Citation numbers inside a line of a catalog row, found and rewritten in place.

Three shapes, as `refs.catalog` reads them: ``<a href="#ref3">3</a>`` (the fragment and the
text both carry the number), ``[3](#ref3)``, and bare ``[3]`` / ``[3, 5]`` / ``[5-7]``. Only
the digits change; everything around them keeps its bytes.

>>> rewrite_line('X [<a href="#ref3">3</a>]</td>', lambda label, k: {"3": "1"}.get(label))
'X [<a href="#ref1">1</a>]</td>'
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from itertools import accumulate

#: ``<a href="#ref3">3</a>`` or ``<a href="#ref3">[3]</a>``: fragment digits, text digits.
#: Numbers have four digits at most, as the catalog reads them (and as ``int`` can convert).
_HTML = re.compile(
    r"<a\s[^<>]*?href=[\"']#[A-Za-z_-]*(?P<frag>\d+)[\"'][^<>]*>"
    r"\s*+\[?\s*+(?P<text>\d{1,4})\s*+\]?\s*+</a>",
    re.IGNORECASE,
)
#: ``[3](#ref3)`` or ``[[3]](#ref3)``.
_MARKDOWN = re.compile(r"\[\[?\s*(?P<text>\d{1,4})\s*\]?\]\(#[A-Za-z_-]*(?P<frag>\d+)\)")
#: ``[3]``, ``[3, 5]``, ``[5-7]``; not a link ``[3](url)`` nor a definition ``[3]: url``.
_BARE = re.compile(r"\[\s*\d{1,4}(?:\s*[,\u2013-]\s*\d{1,4})*\s*\](?![(:])")
_NUMBER = re.compile(r"\d+")
_RANGE = re.compile(r"(\d+)\s*[\u2013-]\s*(\d+)")
#: A range wider than this is not a citation range (``[2019-2023]``), as the catalog reads it.
_MAX_RANGE = 20

#: (old label, how many times it was seen before on this line) -> the new number, or None to
#: leave that citation as it is.
Renumber = Callable[[str, int], str | None]


@dataclass(frozen=True, slots=True)
class _Span:
    start: int
    end: int
    text: str


def labels_in(line: str) -> list[str]:
    """Every citation number of ``line``, in order (ranges expanded).

    >>> labels_in('A [<a href="#ref3">3</a>], B [5-7] and [2](#ref2)')
    ['3', '2', '5', '6', '7']
    """
    out: list[str] = []
    rewrite_line(line, lambda label, _k: out.append(label))
    return out


def rewrite_line(line: str, renumber: Renumber) -> str:
    """``line`` with each citation number passed through ``renumber``."""
    seen: dict[str, int] = {}

    def new(label: str) -> str | None:
        count = seen.get(label, 0)
        seen[label] = count + 1
        return renumber(label, count)

    spans: list[_Span] = []
    taken: list[tuple[int, int]] = []
    for pattern in (_HTML, _MARKDOWN):
        for match in pattern.finditer(line):
            taken.append(match.span())
            number = new(str(int(match.group("text"))))
            if number is not None:
                spans.append(_Span(*match.span("frag"), number))
                spans.append(_Span(*match.span("text"), number))
    taken.sort()
    # the end of the furthest-reaching link opened before each position, for the overlap test
    reach = list(accumulate((end for _, end in taken), max))
    starts = [start for start, _ in taken]
    for match in _BARE.finditer(line):
        before = bisect_left(starts, match.end())  # the links that start before it ends
        if before and reach[before - 1] > match.start():
            continue
        spans.extend(_bare_spans(match, new))
    pieces: list[str] = []  # the line rebuilt once, left to right
    at = 0
    for span in sorted(spans, key=lambda s: s.start):
        pieces += (line[at : span.start], span.text)
        at = span.end
    return "".join((*pieces, line[at:]))


def _bare_spans(match: re.Match[str], new: Callable[[str], str | None]) -> list[_Span]:
    """``[3, 5]`` keeps its punctuation; ``[5-7]`` becomes the list of its new numbers."""
    group = match.group(0)
    wide = _RANGE.search(group)
    if wide and 0 < int(wide.group(2)) - int(wide.group(1)) <= _MAX_RANGE:
        labels: list[str] = []
        for part in re.split(r"\s*,\s*", group.strip("[] ")):
            bounds = [int(b) for b in re.split(r"\s*[\u2013-]\s*", part) if b]
            if len(bounds) == 2 and 0 < bounds[1] - bounds[0] <= _MAX_RANGE:
                labels.extend(str(n) for n in range(bounds[0], bounds[1] + 1))
            else:
                labels.extend(str(b) for b in bounds)
        numbers = [new(label) or label for label in labels]
        if numbers == labels:
            return []
        inner = ", ".join(dict.fromkeys(numbers))
        return [_Span(match.start() + 1, match.end() - 1, inner)]
    spans = []
    for number in _NUMBER.finditer(group):
        replacement = new(str(int(number.group(0))))
        if replacement is not None:
            start = match.start() + number.start()
            spans.append(_Span(start, start + len(number.group(0)), replacement))
    return spans

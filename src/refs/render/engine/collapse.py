"""Citation collapsing: ``cs:citation``'s ``collapse``, ``cite-group-delimiter``,
``year-suffix-delimiter`` and ``after-collapse-delimiter``, as citeproc-js applies them.

citeproc-py 0.11.1 reads these options and ignores them: every cite of a cluster is printed in
full and joined by the layout's delimiter. citeproc-js collapses "[1], [2], [3]" to
"[1]–[3]", "Smith 2000, Smith 2001" to "Smith 2000, 2001" and "Smith 2000a, Smith 2000b" to
"Smith 2000a, b". This module works on the cites of a cluster rendered one by one
(`refs.render.engine.citation` renders them): it decides the delimiter before each cite and
which numbers (citation numbers, year suffixes) run together into ranges.

citeproc-js's way, in short: a cite whose first names repeat the previous cite's loses them
("collapsed"); with a year-suffix collapse, a collapsed cite of the same year keeps only its
suffix. Citation numbers and year suffixes are numbers that follow the number before them:
three or more in a row make a range ("a–c"), two are joined by the successor delimiter
(``year-suffix-delimiter``, ``cite-group-delimiter`` or the layout's delimiter).

>>> options = Options(collapse="citation-number", delimiter=", ")
>>> "".join(fragments([Piece(f"[{n}]", number=n) for n in (1, 2, 3, 5)], options))
'[1]–[3], [5]'
"""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence
from dataclasses import dataclass

#: Collapse values that take a cite's repeated names away.
YEAR_MODES = frozenset({"year", "year-suffix", "year-suffix-ranged"})
_SUFFIX_MODES = frozenset({"year-suffix", "year-suffix-ranged"})
_TAGS = r"(?:<[^>]*>)*"


@dataclass(frozen=True, slots=True)
class Options:
    """The collapsing options of a ``cs:citation`` (None: not set in the style)."""

    collapse: str | None = None
    delimiter: str = ""
    cite_group: str | None = None
    year_suffix: str | None = None
    after_collapse: str | None = None
    range: str = "\u2013"
    in_text: bool = False
    numeric: bool = False
    explicit_suffix: bool = False

    @property
    def active(self) -> bool:
        """True when the options change anything citeproc-py prints."""
        return self.collapse is not None or self.cite_group is not None

    @property
    def grouped(self) -> bool:
        """Whether a sorted citation brings cites by the same names together (citeproc-js's
        ``grouped_sort``)."""
        in_text = self.in_text and self.collapse is not None
        return in_text or (self.cite_group is not None and not self.numeric)


@dataclass(frozen=True, slots=True)
class Piece:
    """One cite as rendered: ``html`` in full; ``cut`` without its first names when they
    repeat the previous cite's (None when they do not); ``names`` those names as rendered;
    ``number`` its citation number when the cite prints that only; ``year`` and ``suffix``
    the year it prints and its year suffix."""

    html: str
    names: str | None = None
    cut: str | None = None
    locator: bool = False
    number: int | None = None
    year: str | None = None
    suffix: str | None = None


def repeated_names(names: Sequence[str | None]) -> list[bool]:
    """For each cite, whether its names repeat the names last printed before it (a cite
    that prints no names repeats them, as in citeproc-js)."""
    last: str | None = None
    repeated = []
    for name in names:
        repeated.append(name is None or name == last)
        if name is not None:
            last = name
    return repeated


def grouped_order(names: Sequence[str | None]) -> list[int]:
    """The sorted cites' positions with cites of the same names moved together, groups in
    the order they first occur (a cite printing no names stays alone).

    >>> grouped_order(["Li", "Wu", "Li", None, "Wu"])
    [0, 2, 1, 4, 3]
    """
    groups: dict[object, list[int]] = {}
    for position, name in enumerate(names):
        key: object = name if name is not None else object()
        groups.setdefault(key, []).append(position)
    return [position for group in groups.values() for position in group]


class _Status(enum.Enum):
    START = enum.auto()
    SUCCESSOR = enum.auto()
    AFTER_SUCCESSOR = enum.auto()  # third or later of a run: the range's end, for now
    SUPPRESS = enum.auto()
    END = enum.auto()
    SEEN = enum.auto()


@dataclass(slots=True)
class _Number:
    """A citation number or year suffix that may join a run; ``joined`` is the delimiter
    before it after its predecessor, ``splice`` otherwise ("" inside a cite)."""

    value: int
    html: str
    joined: str
    ranged: bool
    splice: str
    status: _Status = _Status.START


@dataclass(frozen=True, slots=True)
class _Text:
    delimiter: str
    html: str


_Token = _Number | _Text


def fragments(pieces: Sequence[Piece], options: Options) -> list[str]:
    """The cluster's text between the layout's affixes, as fragments to concatenate."""
    tokens = _tokens(pieces, options)
    _link(tokens)
    _fix_last(tokens)
    out: list[str] = []
    for position, token in enumerate(tokens):
        if isinstance(token, _Text):
            out += [token.delimiter, token.html]
        elif token.status is not _Status.SUPPRESS:
            out += [_lead(token, position, options), token.html]
    return [fragment for fragment in out if fragment]


def _tokens(pieces: Sequence[Piece], options: Options) -> list[_Token]:
    repeated = repeated_names([piece.names for piece in pieces])
    collapsing = options.collapse is not None
    suffixes = options.collapse in _SUFFIX_MODES
    joined = options.cite_group or options.year_suffix or options.delimiter
    tokens: list[_Token] = []
    for position, piece in enumerate(pieces):
        collapsed = collapsing and repeated[position]
        previous = pieces[position - 1] if position else None
        text = piece.cut if piece.cut is not None else piece.html
        only_suffix = None
        if suffixes and collapsed and previous is not None and piece.year == previous.year:
            only_suffix = _split_suffix(text, piece, leading=True)
        first = only_suffix is not None and options.explicit_suffix
        splice = _splice(position, pieces, repeated, options, first) if position else ""
        if options.collapse == "citation-number" and piece.number is not None:
            number = _Number(piece.number, text, options.delimiter, True, splice)
            tokens.append(number)
        elif only_suffix is not None:
            _, letters, after = only_suffix
            ranged = options.collapse == "year-suffix-ranged"
            tokens.append(_Number(_suffix_value(piece.suffix), letters, joined, ranged, splice))
            if after:
                tokens.append(_Text("", after))
        elif suffixes and (split := _split_suffix(text, piece, leading=False)) is not None:
            before, letters, after = split
            ranged = options.collapse == "year-suffix-ranged"
            tokens.append(_Text(splice, before))
            tokens.append(_Number(_suffix_value(piece.suffix), letters, joined, ranged, ""))
            if after:
                tokens.append(_Text("", after))
        else:
            tokens.append(_Text(splice, text))
    return tokens


def _splice(
    position: int,
    pieces: Sequence[Piece],
    repeated: Sequence[bool],
    options: Options,
    suffix_first: bool = False,
) -> str:
    """The delimiter before a cite (citeproc-js's ``getSpliceDelimiter``)."""
    collapsing = options.collapse is not None
    collapsed = collapsing and repeated[position]
    last_collapsed = collapsing and repeated[position - 1]
    if options.after_collapse is not None:
        if pieces[position - 1].locator:
            return options.after_collapse
        if last_collapsed and not collapsed:
            return options.after_collapse
        if not last_collapsed and not collapsed and options.collapse != "year-suffix":
            return options.after_collapse
        return options.delimiter
    names = pieces[position].names
    if options.cite_group is not None and names is not None and repeated[position]:
        return options.cite_group
    if collapsed and options.in_text and not options.numeric:
        return ", "
    if suffix_first and options.year_suffix is not None:
        return options.year_suffix
    return options.delimiter


def _split_suffix(text: str, piece: Piece, *, leading: bool) -> tuple[str, str, str] | None:
    """``text`` split around the year suffix that follows its year: (up to the year, the
    suffix, the rest); with ``leading`` the year must open the text and is left out."""
    if piece.year is None or not piece.suffix:
        return None
    start = "^" if leading else ""
    pattern = rf"{start}(?P<before>{_TAGS})(?P<year>{piece.year})(?P<tags>{_TAGS})"
    pattern += rf"(?P<suffix>{re.escape(piece.suffix)})(?![A-Za-z])"
    matches = list(re.finditer(pattern, text))
    if not matches:
        return None
    found = matches[-1] if not leading else matches[0]
    head = text[: found.start()] + found["before"]
    if not leading:
        head += found["year"]
    letters = found["tags"] + found["suffix"]
    return head, letters, text[found.end() :]


def _suffix_value(suffix: str | None) -> int:
    """``a`` 1 … ``z`` 26, ``aa`` 27 (citeproc-js's suffix letters read back)."""
    value = 0
    for letter in suffix or "":
        value = value * 26 + ord(letter.lower()) - ord("a") + 1
    return value


def _link(tokens: list[_Token]) -> None:
    """Mark each number: starting, following its predecessor, inside a range, or alone."""
    start = True
    for position, token in enumerate(tokens):
        after = tokens[position + 1] if position + 1 < len(tokens) else None
        if isinstance(token, _Number):
            _follow(token, after, start=start)
            start = False
        else:
            start = not (isinstance(after, _Number) and after.splice)


def _follow(token: _Number, after: _Token | None, *, start: bool) -> None:
    number = after if isinstance(after, _Number) else None
    follows = number is not None and number.value == token.value + 1
    if start:
        token.status = _Status.START
        if number is not None:
            number.status = _Status.SUCCESSOR if follows else _Status.SEEN
    elif number is None or not follows:
        if token.status is _Status.AFTER_SUCCESSOR:
            token.status = _Status.END
        if number is not None:
            number.status = _Status.SEEN
    elif token.status in (_Status.START, _Status.SEEN):
        number.status = _Status.SUCCESSOR
    elif token.status in (_Status.SUCCESSOR, _Status.AFTER_SUCCESSOR):
        if token.ranged:
            number.status = _Status.AFTER_SUCCESSOR
            token.status = _Status.SUPPRESS
        else:
            number.status = _Status.SUCCESSOR


def _fix_last(tokens: list[_Token]) -> None:
    """The last number of a stretch that does not follow its predecessor is joined with the
    successor delimiter ("a,c–e": the ``c``)."""
    fixing = True
    for position in range(len(tokens) - 1, 0, -1):
        token = tokens[position]
        if not isinstance(token, _Number):
            fixing = True
            continue
        before = tokens[position - 1]
        follows = isinstance(before, _Number) and before.value == token.value - 1
        lone = token.status is _Status.SEEN
        if fixing and (lone or (not follows and token.status is _Status.SUCCESSOR)):
            token.status = _Status.SUCCESSOR
            fixing = False


def _lead(token: _Number, position: int, options: Options) -> str:
    if token.status is _Status.END:
        return options.range
    if token.status is _Status.SUCCESSOR:
        return token.joined
    if token.status is _Status.START:
        return token.splice if position else ""
    return token.splice

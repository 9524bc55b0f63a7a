"""Quotes in the data and the style as citeproc-js prints them: paired, flip-flopped, curly.

citeproc-js reads the quotes of every string of an item (its "flip-flopper"): a pair of
straight ``"…"`` or ``'…'`` quotes, or of curly ``“…”`` / ``‘…’``, is a quotation; the style's
own quotes (``<text quotes="true">``) are one too. Quotations print with the locale's
``open-quote`` / ``close-quote`` terms, and a quotation inside another with the inner terms,
alternating with depth ("flip-flop": “A ‘quoted’ title”). The first straight or double quote
of a string sets its outer form (double or single); a quotation at the string's top level in
the other form, or in ``‘…’``, prints with the inner terms wherever it stands ("A “x” and
‘y’"). A ``'`` that opens or closes no quotation is an apostrophe and prints as ``’``
(O’Brien, Alzheimer’s, ’90s); a ``"`` that pairs with nothing stays as it is (5" screens).

The data's quotations are found once, when a string enters the engine (`mark_quotes`), and
written as private-use marks; `Text.quote` writes the style's quotes as marks too;
`resolve_quotes` turns the marks of a whole rendered entry into the locale's terms by depth,
each closing quote followed by `QUOTE_END`, where punctuation may move inside.

>>> marked = mark_quotes("Say \\"hello\\" to O'Brien's 'test'")
>>> resolve_quotes(OPEN + marked + CLOSE, ENGLISH).replace(QUOTE_END, "")
'“Say ‘hello’ to O’Brien’s ‘test’”'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: A private-use character the renderer puts right after each closing quote it writes.
QUOTE_END = "\ue000"
#: An apostrophe as citeproc-js prints it.
APOSTROPHE = "\u2019"
#: How a quotation prints: by its depth (outer, inner, outer…) or always with the inner terms.
_DEPTH, _INNER = "depth", "inner"
#: (how it prints, the data's opening quote, the closing quote text case reads) of each kind
#: of quotation. Text case reads a quotation as the quotes the data spelled (citeproc-js
#: cases the text before it prints its quotes), a closing ``'`` as the apostrophe
#: citeproc-js has made it by then (`as_raw`).
_KINDS = (
    (_DEPTH, "\u201c", "\u201d"),  # “…” and the style's own quotes
    (_DEPTH, '"', '"'),
    (_DEPTH, "'", APOSTROPHE),
    (_DEPTH, "\u2018", "\u2019"),  # ‘…’ inside another quotation
    (_INNER, '"', '"'),
    (_INNER, "'", APOSTROPHE),
    (_INNER, "\u2018", "\u2019"),
)
#: Each kind's three marks, private-use characters from U+E010: where it opens, where it
#: closes, and where it closes with more of its string after it (citeproc-js moves only the
#: punctuation of what follows a string inside its quotes: "‘God willing’. Another").
_MARKS = {
    (how, opening): (chr(0xE010 + 3 * i), chr(0xE011 + 3 * i), chr(0xE012 + 3 * i))
    for i, (how, opening, _) in enumerate(_KINDS)
}
OPEN, CLOSE, _ = _MARKS[_DEPTH, "\u201c"]
_RAW = {}
for _how, _opening, _closing in _KINDS:
    _open, _close, _held = _MARKS[_how, _opening]
    _RAW.update({_open: _opening, _close: _closing, _held: _closing})
_TO_RAW = str.maketrans(_RAW)
_OPEN_MARKS = {marks[0]: how for (how, _), marks in _MARKS.items()}
_CLOSE_MARKS = {mark: how for (how, _), marks in _MARKS.items() for mark in marks[1:]}
_HELD = frozenset(marks[2] for marks in _MARKS.values())
_SINGLE_CLOSES = frozenset(
    mark for (_, opening), marks in _MARKS.items() if opening == "'" for mark in marks[1:]
)


@dataclass(frozen=True, slots=True)
class Quotes:
    """A locale's quote terms: outer and inner, opening and closing."""

    open: str
    close: str
    open_inner: str
    close_inner: str


#: en-US's terms (the CSL locales' default).
ENGLISH = Quotes("\u201c", "\u201d", "\u2018", "\u2019")

#: What may stand before a quotation's opening quote besides a space or the start: for a
#: ``"`` an opening bracket or quote (``("a")``), for a ``'`` nothing (``('a')`` is no
#: quotation for citeproc-js). ``\ue028`` is the data's "(" in the engine's HTML.
_BEFORE_OPENING = {
    '"': frozenset("([{\ue028\u201c\u2018\"'"),
    "\u201c": frozenset("([{\ue028\u201c\u2018\"'"),
    "'": frozenset('"\u201c'),
    "\u2018": frozenset('([{\ue028"\u201c'),
}
#: What may stand after a quotation's closing quote (besides a space or the end).
_AFTER_CLOSING = frozenset(".,;:!?)]}\ue029-\u2013\u2014/\u201d\u2019\"'\u2026")
_BRACKETS = frozenset("([{\ue028")
#: A tag of the engine's HTML: zero width for the quotes around it.
_TAG = re.compile(r"<[^>]*>")
#: Each quote character's kind: a quotation opened by one kind is closed by the same kind.
_KIND = {'"': '"', "\u201c": '"', "\u201d": '"', "'": "'", "\u2018": "\u2018", "\u2019": "\u2018"}


def mark_quotes(html: str) -> str:
    """The data's quotations as marks and its apostrophes as ``’``.

    ``html`` is the engine's HTML of one string (tags kept); quotes are read in its text,
    across tags (``"<i>Title</i>"`` is a quotation). A quote opens where a space, the start or
    (for ``"``) an opening bracket is before it and a non-space after it; it closes where a
    non-space is before it and a space, the end or punctuation after it, and a quotation of
    its kind is open; a ``'`` that does neither is an apostrophe.
    """
    if not any(char in html for char in _KIND):
        return html
    text: list[tuple[int, str]] = []  # (position in html, character) of the text only
    position = 0
    for tag in _TAG.finditer(html):
        text += [(i, html[i]) for i in range(position, tag.start())]
        position = tag.end()
    text += [(i, html[i]) for i in range(position, len(html))]
    replaced: dict[int, str] = {}
    #: (opening, closing) positions in html, the opening quote, whether text follows
    pairs: list[tuple[int, int, str, bool]] = []
    stack: list[tuple[str, int]] = []  # (opening character, index into text) of open ones
    curly_closings: list[int] = []  # where a ’ could close a quotation
    for index, (_, char) in enumerate(text):
        kind = _KIND.get(char)
        if kind is None:
            continue
        left = text[index - 1][1] if index else None
        right = text[index + 1][1] if index + 1 < len(text) else None
        opening = char in "\"'\u201c\u2018" and (
            (left is None or left.isspace() or left in _BEFORE_OPENING[char])
            and not (right is None or right.isspace())
        )
        closing = char in "\"'\u201d\u2019" and (
            not (left is None or left.isspace())
            and (right is None or right.isspace() or right in _AFTER_CLOSING)
        )
        if char == "\u201c":
            opening = True
        elif char == "\u201d":  # citeproc-js closes a “ even after a space: "approach ”"
            closing = True
        if char == "\u2019" and closing:
            curly_closings.append(index)
        if closing and any(_KIND[opener] == kind for opener, _ in stack):
            while stack:
                opener, start = stack.pop()
                if _KIND[opener] == kind:
                    pairs.append((text[start][0], text[index][0], opener, right is not None))
                    break
                if opener == "'":
                    replaced[text[start][0]] = APOSTROPHE
        elif opening:
            stack.append((char, index))
        elif char == "'" and not (left in _BRACKETS and not closing):
            # citeproc-js leaves a ' after an opening bracket straight: "('a’)"
            replaced[text[index][0]] = APOSTROPHE
    for opener, start in stack:
        # a ' that opens nothing is an apostrophe, unless a ’ closes it (citeproc-js then
        # leaves it straight: "'Uber With Guns’ App")
        if opener == "'" and not any(end > start for end in curly_closings):
            replaced[text[start][0]] = APOSTROPHE
    replaced.update(_marked(pairs))
    if not replaced:
        return html
    return "".join(replaced.get(i, char) for i, char in enumerate(html))


def _marked(pairs: list[tuple[int, int, str, bool]]) -> dict[int, str]:
    """The marks of the quotations: a nested one flips with depth; one at the top level prints
    by depth in the string's outer form (its first ``"``, ``“`` or ``'``), else inner."""
    pairs.sort()
    forms = [_KIND[opener] for _, _, opener, _ in pairs if opener != "\u2018"]
    outer = forms[0] if forms else '"'
    marks: dict[int, str] = {}
    enclosing: list[int] = []  # closing positions of the quotations around this one
    for start, end, opener, followed in pairs:
        while enclosing and enclosing[-1] < start:
            enclosing.pop()
        top = not enclosing
        inner = top and (opener == "\u2018" or _KIND[opener] != outer)
        opening, closing, held = _MARKS[_INNER if inner else _DEPTH, opener]
        marks[start], marks[end] = opening, held if followed else closing
        enclosing.append(end)
    return marks


def as_raw(text: str) -> str:
    """The marks as the quote characters the data spelled them with (for text case): a
    closing ``'`` as the apostrophe citeproc-js has made it by then, unless it ends the text.

    >>> as_raw(mark_quotes("a 'b' \\"c\\" 'd'"))
    'a \\'b’ "c" \\'d\\''
    """
    if text and text[-1] in _SINGLE_CLOSES:
        text = text[:-1] + "'"
    return text.translate(_TO_RAW)


def with_marks(changed: str, marked: str) -> str:
    """``changed`` (``as_raw(marked)`` in another case) with the marks of ``marked`` back."""
    if len(changed) != len(marked):
        return changed
    return "".join(m if m in _RAW else c for c, m in zip(changed, marked, strict=True))


def resolve_quotes(text: str, quotes: Quotes) -> str:
    """Every quotation mark as the locale's quote for its depth (outer, inner, outer…), each
    closing quote followed by `QUOTE_END`.

    >>> resolve_quotes(OPEN + "a " + mark_quotes('"b"') + CLOSE, ENGLISH)
    '“a ‘b’\\ue000”\\ue000'
    """
    if not any(mark in text for mark in _RAW):
        return text
    pieces: list[str] = []
    levels: list[int] = []  # the printed level of each open quotation: even outer, odd inner
    for char in text:
        if char in _OPEN_MARKS:
            level = 1 if _OPEN_MARKS[char] == _INNER else (levels[-1] + 1 if levels else 0)
            levels.append(level)
            pieces.append(quotes.open_inner if level % 2 else quotes.open)
        elif char in _CLOSE_MARKS:
            level = levels.pop() if levels else 0
            end = "" if char in _HELD else QUOTE_END
            pieces.append((quotes.close_inner if level % 2 else quotes.close) + end)
        else:
            pieces.append(char)
    return "".join(pieces)

"""Text of BibTeX values -> text LaTeX typesets: bare specials escaped, non-ASCII as accents.

The store holds values as BibTeX holds them, LaTeX and all, so escaping must leave LaTeX that
is already there alone: ``\\&`` stays, ``K{\\"o}pf`` stays, and a second pass changes nothing.

>>> escape_value("R&D at 90% of Köpf_2 ($x_1$)").text
'R\\\\&D at 90\\\\% of K{\\\\"o}pf\\\\_2 ($x_1$)'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pylatexenc.latexencode import UnicodeToLatexEncoder

#: Commands whose (first) argument is a URL, typeset verbatim by url.sty / hyperref.
_URL_COMMANDS = re.compile(r"\\(?:url|href)\s*\{")
#: Characters LaTeX reads as syntax when they stand bare in text.
_SPECIAL = re.compile(r"(?<!\\)([&%#_^])")
_DOLLAR = re.compile(r"(?<!\\)\$")
_ANY_SPECIAL = re.compile(r"[&%#_^$]")


@dataclass(frozen=True, slots=True)
class Escaped:
    """An escaped value, and the non-ASCII characters that have no LaTeX spelling."""

    text: str
    unmapped: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def _encoder() -> UnicodeToLatexEncoder:
    # braces-all: BibTeX treats "{\"o}" as one special character when it sorts and changes case
    return UnicodeToLatexEncoder(
        non_ascii_only=True,
        replacement_latex_protection="braces-all",
        unknown_char_policy="keep",
        unknown_char_warning=False,
    )


def group_end(text: str, opening: int) -> int:
    """The index after the brace group that opens at ``opening`` (or the end of the text)."""
    depth = 0
    for index in range(opening, len(text)):
        if text[index] == "{":
            depth += 1
        elif text[index] == "}":
            depth -= 1
            if depth == 0:
                return index + 1
    return len(text)


def _verbatim_spans(text: str) -> list[tuple[int, int]]:
    """Where the value must not be touched: URL arguments, and math when it looks like math."""
    spans = [
        (match.start(), group_end(text, match.end() - 1)) for match in _URL_COMMANDS.finditer(text)
    ]
    dollars = [m.start() for m in _DOLLAR.finditer(text)]
    pairs = list(zip(dollars[::2], dollars[1::2], strict=False))
    # "$x_1$" is math; "costs $5 and $10" is not: math has no blank just inside its dollars.
    if dollars and len(dollars) % 2 == 0 and all(_is_math(text[a + 1 : b]) for a, b in pairs):
        spans += [(a, b + 1) for a, b in pairs]
    return sorted(spans)


def _is_math(inner: str) -> bool:
    return bool(inner) and inner == inner.strip()


def _escape_text(text: str, *, keep_unicode: bool) -> tuple[str, set[str]]:
    escaped = _SPECIAL.sub(lambda m: "\\^{}" if m.group(1) == "^" else f"\\{m.group(1)}", text)
    escaped = _DOLLAR.sub(r"\\$", escaped)
    if keep_unicode or escaped.isascii():
        return escaped, set()
    encoded: str = _encoder().unicode_to_latex(escaped)
    return encoded, {char for char in encoded if not char.isascii()}


def escape_value(value: str, *, keep_unicode: bool = False) -> Escaped:
    """``value`` with bare ``& % # _ ^ $`` escaped outside URLs and math, and (unless
    ``keep_unicode``) non-ASCII characters spelled as LaTeX where pylatexenc knows how."""
    if value.isascii() and not _ANY_SPECIAL.search(value):
        return Escaped(value)
    pieces: list[str] = []
    unmapped: set[str] = set()
    position = 0
    for start, end in [*_verbatim_spans(value), (len(value), len(value))]:
        if start < position:
            continue
        text, missing = _escape_text(value[position:start], keep_unicode=keep_unicode)
        pieces += [text, value[start:end]]
        unmapped |= missing
        position = end
    return Escaped("".join(pieces), frozenset(unmapped))

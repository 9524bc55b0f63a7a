"""LaTeX in BibTeX values -> Unicode text, and the brace groups that protect a title's case.

>>> to_unicode(r"K{\\"o}pf -- {\\textendash} \\& co.")
'Köpf – – & co.'
>>> [(s.text, s.is_protected) for s in split_protected("{BERT}: Pre-training")]
[('BERT', True), (': Pre-training', False)]
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from pylatexenc import latex2text, latexwalker

_SPACES = re.compile(r"\s+")
_MATH = re.compile(r"(\$\$.*?\$\$|(?<!\\)\$.*?(?<!\\)\$)", re.DOTALL)
_URL = re.compile(r"\\url\s*\{([^{}]*)\}")
_HREF = re.compile(r"\\href\s*\{[^{}]*\}\s*\{((?:[^{}]|\{[^{}]*\})*)\}")
#: LaTeX reads a bare % as a comment and & as a table cell; in a BibTeX value they are text.
_BARE_SPECIAL = re.compile(r"(?<!\\)([%&#])")
#: Values longer than this (abstracts, notes) are decoded without filling the cache.
_CACHE_LIMIT = 512

#: Accent commands -> Unicode combining marks (``\\"o`` -> o + U+0308 -> ö).
_COMBINING: Mapping[str, str] = {
    "`": "\u0300",
    "'": "\u0301",
    "^": "\u0302",
    "~": "\u0303",
    "=": "\u0304",
    "u": "\u0306",
    ".": "\u0307",
    '"': "\u0308",
    "r": "\u030a",
    "H": "\u030b",
    "v": "\u030c",
    "d": "\u0323",
    "c": "\u0327",
    "k": "\u0328",
    "b": "\u0331",
}
#: Under an accent the dotless letters stand for the plain ones: ``\\'{\\i}`` is í.
_DOTLESS = {r"\i": "i", r"\j": "j"}
_ACCENT_SYMBOLS = frozenset("`'^\"~=.")

#: The common LaTeX of BibTeX values, read without pylatexenc: accents, symbols such as
#: ``\\textendash``, escaped specials, each with the braces BibTeX puts around a special
#: character (``{\\"o}``). A match of ``other`` sends the value to pylatexenc.
_TOKEN = re.compile(
    r"""
    (?P<open>\{)?\\(?:
        (?P<accent>[`'^"~=.]|[uvHcdbkr](?=\s*\{|\s+[A-Za-z]))\s*
            (?:\{\s*(?P<braced>\\[ij]|[A-Za-z])\s*\}|(?P<bare>\\[ij](?![A-Za-z])|[A-Za-z]))
        | (?P<word>[A-Za-z]+)\s*(?:\{\})?
        | (?P<symbol>[&%_\#${}\ ,;\-])
        | (?P<other>)
    )(?(open)\})
    | [{}~$]
    """,
    re.VERBOSE,
)

#: Control symbols: escaped specials stand for themselves, spacing commands for a space.
_CONTROL_SYMBOLS: Mapping[str, str] = {
    **{char: char for char in "&%_#${}"},
    " ": " ",
    ",": " ",
    ";": " ",
    "-": "",  # a hyphenation hint, not a character
}
#: Font commands print nothing themselves; the text they switch or wrap is kept as is
#: (``{\\em Foo}``, ``\\emph{Foo}`` -> Foo), since plain text has no fonts.
_FONT_COMMANDS = frozenset(
    "em bf it sl sc rm sf tt normalfont itshape bfseries scshape upshape mdseries "
    "emph textit textbf textsc texttt textrm textsf textsl textup textmd textnormal "
    "mbox text".split()
)


#: Text commands for ASCII characters (LaTeX2e's ``\\text…`` symbols) -> the character.
_TEXT_COMMANDS: Mapping[str, str] = {
    "textasciicircum": "^",
    "textless": "<",
    "textgreater": ">",
    "textbar": "|",
    "textbraceleft": "{",
    "textbraceright": "}",
}


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of decoded text; ``is_protected`` when braces guard its case, as in ``{BERT}``."""

    text: str
    is_protected: bool = False


class _NeedsPylatexenc(Exception):
    """Raised by the quick decoder on LaTeX it does not read (math, macros with arguments)."""


@lru_cache(maxsize=1)
def _symbols() -> Mapping[str, str]:
    """pylatexenc's table of argument-less macros (``\\ss`` -> ß), read once on first use."""
    text_db = latex2text.get_default_latex_context_db()
    walker_db = latexwalker.get_default_latex_context_db()
    table: dict[str, str] = {}
    for spec in text_db.iter_macro_specs():
        replacement = spec.simplify_repl
        if not isinstance(replacement, str) or "%" in replacement:
            continue
        walker_spec = walker_db.get_macro_spec(spec.macroname)
        if walker_spec is None or not getattr(walker_spec.args_parser, "argspec", ""):
            table[spec.macroname] = replacement
    table["today"] = ""  # the date of the export would be a lie in a reference
    # The spellings `refs.escaping.latex_text` gives text characters LaTeX reads as syntax;
    # pylatexenc reads \textasciicircum as the modifier letter ˆ and lacks the others.
    table.update(_TEXT_COMMANDS)
    table.update(dict.fromkeys(_FONT_COMMANDS, ""))
    return table


@lru_cache(maxsize=1)
def _pylatexenc() -> latex2text.LatexNodes2Text:
    # pylatexenc logs every macro it cannot expand ("\\frac failed its substitution") to
    # stderr; for us that is expected input, and stderr belongs to refs's own findings.
    logging.getLogger("pylatexenc").setLevel(logging.CRITICAL)
    # Math as text keeps it readable: $O(n^2)$ -> O(n^2), $\alpha$ -> α.
    return latex2text.LatexNodes2Text(math_mode="text")


def _accented(accent: str, base: str) -> str:
    letter = _DOTLESS.get(base, base)
    return unicodedata.normalize("NFC", letter + _COMBINING[accent])


def _read_token(match: re.Match[str]) -> str:
    if (accent := match["accent"]) is not None:
        return _accented(accent, match["braced"] or match["bare"])
    if (word := match["word"]) is not None:
        symbol = _symbols().get(word)
        if symbol is None:
            raise _NeedsPylatexenc(word)
        return symbol
    if (symbol := match["symbol"]) is not None:
        return _CONTROL_SYMBOLS[symbol]
    token = match.group()
    if token in "{}":
        return ""
    if token == "~":
        return " "
    raise _NeedsPylatexenc(token)  # math, or a backslash the quick reader does not know


def _typeset(text: str) -> str:
    """TeX's ligatures that survive into plain text: dashes and double quotes."""
    if "--" in text:
        text = text.replace("---", "\u2014").replace("--", "\u2013")
    if "``" in text or "''" in text:
        text = text.replace("``", "\u201c").replace("''", "\u201d")
    return text


def _decode_with_pylatexenc(text: str) -> str:
    prepared = _BARE_SPECIAL.sub(r"\\\1", _HREF.sub(r"\1", text)).replace(r"\-", "")
    try:
        # pylatexenc writes ~ as a no-break space; collapse it with the other whitespace.
        return _SPACES.sub(" ", _pylatexenc().latex_to_text(prepared))
    except Exception:  # pylatexenc itself can crash on odd input (\\href); keep the text
        return text.replace("{", "").replace("}", "")


def _read_token_leniently(match: re.Match[str]) -> str:
    try:
        return _read_token(match)
    except _NeedsPylatexenc:
        return match.group()


def _decode_latex(text: str) -> str:
    try:
        return _TOKEN.sub(_read_token, text)
    except _NeedsPylatexenc:
        if len(text) > _CACHE_LIMIT:
            # An abstract full of maths would cost pylatexenc milliseconds (minutes on a
            # large store): maths stays as written, the common LaTeX around it is decoded and
            # what the quick reader does not know is kept.
            pieces = _MATH.split(text)
            return "".join(
                piece if i % 2 else _TOKEN.sub(_read_token_leniently, piece)
                for i, piece in enumerate(pieces)
            )
        return _decode_with_pylatexenc(text)


def _decode(text: str) -> str:
    """Decode one piece of a value; whitespace runs become one space but are not stripped."""
    # Ligatures are read before braces go: "-{}-" is two hyphens in TeX, as "--" is a dash.
    if "\\" not in text and "$" not in text and "~" not in text:
        decoded = _typeset(text).replace("{", "").replace("}", "")
    elif r"\url" in text:
        # A URL is verbatim: its % and -- must not reach a LaTeX reader or the dash rule.
        pieces = _URL.split(text)
        decoded = "".join(
            piece if i % 2 else _decode_latex(_typeset(piece)) for i, piece in enumerate(pieces)
        )
    else:
        decoded = _decode_latex(_typeset(text))
    if "  " in decoded or "\n" in decoded or "\t" in decoded or "\r" in decoded:
        return _SPACES.sub(" ", decoded)
    return decoded


@lru_cache(maxsize=65536)
def _decode_cached(text: str) -> str:
    return _decode(text)


def _decode_piece(text: str) -> str:
    return _decode(text) if len(text) > _CACHE_LIMIT else _decode_cached(text)


def _is_plain(value: str) -> bool:
    """True when `_decode` would change nothing: no LaTeX, braces, ligatures, odd spaces."""
    # A chain of ``in`` tests beats one regex search severalfold on long values.
    return not (
        "\\" in value
        or "{" in value
        or "}" in value
        or "$" in value
        or "~" in value
        or "--" in value
        or "``" in value
        or "''" in value
        or "  " in value
        or "\n" in value
        or "\t" in value
        or "\r" in value
    )


@lru_cache(maxsize=65536)
def _to_unicode_cached(value: str) -> str:
    return _decode(value).strip()


def to_unicode(value: str) -> str:
    """A BibTeX value as plain Unicode: LaTeX decoded, braces dropped, whitespace collapsed.

    >>> to_unicode(r"Proceedings of the 2020 Conference on {EMNLP}, pages 1--10")
    'Proceedings of the 2020 Conference on EMNLP, pages 1–10'
    """
    if _is_plain(value):
        return value.strip()  # most values: names, years, places; the cache would only churn
    if len(value) > _CACHE_LIMIT:
        return _decode(value).strip()
    return _to_unicode_cached(value)


def _group_end(value: str, start: int) -> int:
    """The index just past the brace that closes the group opened at ``start``, or -1."""
    depth = 0
    i = start
    n = len(value)
    while i < n:
        char = value[i]
        if char == "\\":
            i += 2  # \{ and \} are characters, not grouping (LaTeX's reading)
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return -1


def _command_end(value: str, start: int) -> int:
    """The index just past the command at ``start`` and its arguments (``\\v{S}``, ``\\"o``)."""
    n = len(value)
    i = start + 1
    if i >= n:
        return n
    char = value[i]
    if char.isascii() and char.isalpha():
        while i < n and value[i].isascii() and value[i].isalpha():
            i += 1
        while i < n and value[i] == "{":
            end = _group_end(value, i)
            if end < 0:
                return n
            i = end
        return i
    if char not in _ACCENT_SYMBOLS:
        return i + 1
    i += 1
    while i < n and value[i] == " ":
        i += 1
    if i >= n:
        return n
    if value[i] == "{":
        end = _group_end(value, i)
        return n if end < 0 else end
    if value[i] == "\\":
        return _command_end(value, i)
    return i + 1


_SCAN = re.compile(r"[\\${}]")


def _raw_segments(value: str) -> list[tuple[str, bool]]:
    """Cut ``value`` at its top-level brace groups; a group not opening with ``\\`` protects."""
    segments: list[tuple[str, bool]] = []
    plain_start = 0
    pos = 0
    while (match := _SCAN.search(value, pos)) is not None:
        i = match.start()
        char = value[i]
        if char == "\\":
            pos = _command_end(value, i)
        elif char == "$":
            close = value.find("$", i + 1)
            pos = len(value) if close < 0 else close + 1
        elif char == "}":
            pos = i + 1  # an unmatched brace; the decoder drops it
        else:
            end = _group_end(value, i)
            if end < 0:
                break
            if value.startswith("\\", i + 1):
                pos = end  # {\"o}, {\textendash}: a special character, not protection
                continue
            if plain_start < i:
                segments.append((value[plain_start:i], False))
            segments.append((value[i + 1 : end - 1], True))
            plain_start = pos = end
    if plain_start < len(value):
        segments.append((value[plain_start:], False))
    return segments


def _joined(pieces: list[tuple[str, bool]]) -> tuple[Segment, ...]:
    """Decoded pieces -> segments: one space at each seam, none at the ends, no empties."""
    texts: list[str] = []
    flags: list[bool] = []
    for raw, is_protected in pieces:
        text = _decode_piece(raw)
        if not texts or texts[-1].endswith(" "):
            text = text.lstrip()
        if not text:
            continue
        if flags and flags[-1] == is_protected:
            texts[-1] += text
        else:
            texts.append(text)
            flags.append(is_protected)
    while texts and not texts[-1].rstrip():
        texts.pop()
        flags.pop()
    if texts:
        texts[-1] = texts[-1].rstrip()
    return tuple(map(Segment, texts, flags))


@lru_cache(maxsize=16384)
def split_protected(value: str) -> tuple[Segment, ...]:
    """A title-like value cut into decoded segments, each protected by braces or not.

    A top-level brace group protects its words from case changes (``{BERT}``, or a whole
    ``{{Title}}``); one that opens with a backslash (``{\\"o}``, ``{\\textendash}``) is a
    special character and protects nothing, as in BibTeX.

    >>> [(s.text, s.is_protected) for s in split_protected(r"The {\\"O}zg{\\"u}r {NLP} Corpus")]
    [('The Özgür ', False), ('NLP', True), (' Corpus', False)]
    """
    if "{" not in value:
        text = to_unicode(value)
        return (Segment(text),) if text else ()
    return _joined(_raw_segments(value))

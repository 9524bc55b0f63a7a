"""Given names as initials, as citeproc-js writes them (``CSL.Util.Names.initializeWith``).

citeproc-py took the first letter of every part and put the mark after it. citeproc-js
keeps an abbreviation whose letters go on in capitals ("Ph." stays "Ph"), keeps lowercase
parts ("Qi jie" -> "Q. jie"), splits run-together initials ("M.E" -> "M. E."), and with
``initialize="false"`` only puts the mark after what already is an initial or an
abbreviation ("John M.E." -> "John M. E.").
"""

from __future__ import annotations

import re

_LATIN = "a-zA-Z\u0e01-\u0e5b\u00c0-\u017f\u0370-\u03ff\u0400-\u052f\u0590-\u05d4\u05d6-\u05ff"
_MORE = "\u1f00-\u1fff\u0600-\u06ff\u200c\u200d\u200e\u0218\u0219\u021a\u021b\u202a-\u202e"
_ROMANESQUE = re.compile(f"[-0-9{_LATIN}{_MORE}]")
_STARTS_ROMANESQUE = re.compile(f"[&{_LATIN}{_MORE}]")
_CAPITAL = (
    "A-Z\u0e01-\u0e5b\u00c0-\u017f\u0400-\u042f\u0590-\u05d4\u05d6-\u05ff\u0600-\u06ff"
    "\u0370\u0372\u0376\u0386\u0388-\u03ab\u03e2\u03e4\u03e6\u03e8\u03ea\u03ec\u03ee\u03f4"
    "\u03f7\u03fd-\u03ff"
)
_LETTERS = "a-zA-Z\u0e01-\u0e5b\u00c0-\u017f\u0400-\u052f\u0600-\u06ff\u0370-\u03ff\u1f00-\u1fff"
_INITIAL = re.compile(f"([{_CAPITAL}])([{_LETTERS}]*|)(\\.)*")
_SEPARATOR = re.compile(r"([-\s]+)")
_TRAILING = re.compile("[\t\n\v\f\r \ufeff\u00a0]+$")
_HYPHEN = re.compile(r"\s*-\s*")
_SPACES = re.compile("[\t\n\v\f\r ]+")


def initialize(given: str, mark: str, *, hyphen: bool = True, normalize: bool = False) -> str:
    """``given`` as initials each followed by ``mark``; with ``normalize`` (the name's
    ``initialize="false"``) only existing initials and abbreviations get the mark.

    >>> initialize("Jean-Paul", "."), initialize("Jean-Paul", ".", hyphen=False)
    ('J.-P.', 'J.P.')
    >>> initialize("Ph. M.E.", " "), initialize("John M.E.", ". ", normalize=True)
    ('Ph M E', 'John M. E.')
    >>> initialize("Qi jie", ". "), initialize("yue", ".")
    ('Q. jie', ' yue')
    """
    if not given:
        return ""
    if given in {"Lord", "Lady"} or (not _STARTS_ROMANESQUE.match(given) and "%s" not in mark):
        return given
    if not hyphen:
        given = given.replace("-", " ")
    given = _SPACES.sub(" ", _HYPHEN.sub("-", given))
    given = re.sub(r"-([a-z])", "\u2013\\1", given)  # a hyphen before lowercase is kept
    given = re.sub(r"\.(?=[^ ])", ". ", given)  # "M.E" is two initials
    pieces = _SEPARATOR.split(given)
    if len(pieces) == 1:
        last = given.rsplit(".", 1)[-1]
        if len(last) == 1 and last != last.lower():
            pieces[0] += "."
    result = _normalized(pieces, mark) if normalize else _initialized(pieces, mark)
    return re.sub("\u2013([a-z])", r"-\1", result)


def _normalized(pieces: list[str], mark: str) -> str:
    """Only initials and abbreviations get the mark (``doNormalize``)."""
    abbreviated = []
    for i, piece in enumerate(pieces):
        if len(piece) > 1 and piece.endswith("."):
            head, _, tail = piece.rpartition(".")
            pieces[i] = head + tail
            abbreviated.append(True)
        else:
            abbreviated.append(len(piece) == 1 and piece.upper() == piece)
    for i in range(0, len(pieces), 2):
        if not abbreviated[i]:
            continue
        if i < len(pieces) - 2:
            if not abbreviated[i + 2]:
                pieces[i + 1] += " "
            if len(pieces[i + 2]) > 1:
                pieces[i + 1] = mark.removesuffix("\ufeff") + pieces[i + 1]
            else:
                pieces[i + 1] = mark
        if i == len(pieces) - 1:
            pieces[i] += mark
    return _tidied("".join(pieces))


def _initialized(pieces: list[str], mark: str) -> str:
    """Every capitalised part becomes its initial and the mark (``doInitialize``)."""
    count = len(pieces)
    for i in range(0, count, 2):
        piece = pieces[i]
        if not piece:
            continue
        found = _INITIAL.match(piece)
        parts: tuple[str, str, str | None] | None = None
        if found:
            parts = (found[1], found[2], found[3])
        elif not _STARTS_ROMANESQUE.match(piece) and len(piece) > 1 and "%s" in mark:
            parts = (piece[0], piece[1:], None)
        if parts is not None and parts[1] and parts[2]:
            parts = (parts[0] + parts[1], "", parts[2])  # "Ph." stays "Ph"
        if parts is not None and parts[0][0] == parts[0][0].upper():
            first, rest, _ = parts
            capitals = 0
            while capitals < len(rest) and rest[capitals] == rest[capitals].upper():
                capitals += 1
            extra = rest[:capitals].lower() if capitals < len(rest) else ""
            pieces[i] = first + extra
            if "%s" in mark:
                pieces[i] = mark.replace("%s", pieces[i], 1)
            elif i < count - 1:
                pieces[i + 1] = mark + "-" if "-" in pieces[i + 1] else mark
            else:
                pieces.append(mark)
        elif _ROMANESQUE.search(piece) and (parts is None or not parts[2]):
            pieces[i] = " " + piece
    return _tidied("".join(pieces))


def _tidied(text: str) -> str:
    return _SPACES.sub(" ", _HYPHEN.sub("-", _TRAILING.sub("", text)))

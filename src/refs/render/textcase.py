"""CSL title case exactly as citeproc-js 2.4 applies it (``CSL.Output.Formatters.title``).

The text is cut at quotes, dashes, slashes, brackets and sentence punctuation; each piece is
title-cased word by word: a word longer than one letter that is not a stop word is
capitalised, and so is any word first in the title or after ``:``, ``?`` or ``!``; a word
with a capital anywhere is left alone; a stop word at the very end is capitalised. Text
between `NOCASE_OPEN` and `NOCASE_CLOSE` is never changed.

>>> title_case("unnatural instructions: tuning models with (almost) no human labor")
'Unnatural Instructions: Tuning Models with (Almost) No Human Labor'
>>> title_case("generalization in dialogue through instruction-tuning")
'Generalization in Dialogue through Instruction-Tuning'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: Markers around text that keeps its case (a ``<span class="nocase">`` in citeproc-js).
NOCASE_OPEN = "\ue001"
NOCASE_CLOSE = "\ue002"

#: citeproc-js's ``CSL.SKIP_WORDS``, in its order (it is used as a regular expression).
SKIP_WORDS = (
    "about above across afore after against al along alongside amid amidst among amongst "
    "anenst apropos apud around as aside astride at athwart atop barring before behind below "
    "beneath beside besides between beyond but by circa despite down during et except for "
    "forenenst from given in inside into lest like modulo near next notwithstanding of off on "
    "onto out over per plus pro qua sans since than through _thru throughout thruout till to "
    "toward towards under underneath until unto up upon versus vs. v. vs v via vis-à-vis with "
    "within without according_to ahead_of apart_from as_for as_of as_per as_regards aside_from "
    "back_to because_of close_to due_to except_for far_from inside_of instead_of near_to next_to "
    "on_to out_from out_of outside_of prior_to pursuant_to rather_than regardless_of such_as "
    "that_of up_to where_as or yet so for and nor a an the de d' von van c ca"
).split()

_SKIP = re.compile(
    r"(?:(?:[?!:]*\s+|-|^)(?:"
    + "|".join(word.replace("_", " ") for word in SKIP_WORDS)
    + r")(?=[!?:]*\s+|-|$))"
)
#: The data's own parentheses reach here as the engine's two private-use characters
#: (`refs.render.engine.richtext.DATA_PARENTHESES`): they cut the text as "(" and ")" do.
_TAGS = re.compile(
    "(\u2018|\u2019|\u201c|\u201d| \"| '|\"|'|[-\u2013\u2014/.,;?!:]|\\[|\\]|\\(|\\)|"
    "\ue028|\ue029|" + NOCASE_OPEN + "|" + NOCASE_CLOSE + ")"
)
_SPACE = re.compile("([\u00a0\u0020\u2000-\u200b\u205f\u3000]+)")
_QUOTE = re.compile("(^(?:\u2018|\u2019|\u201c|\u201d|\"|')|(?: \"| ')$)")
_OPENERS = {' "': (" '", '"'), " '": (' "', "'"), "\u2018": ("\u2018", "\u2019")}
_OPENERS["\u201c"] = ("\u201c", "\u201d")
_GREEK = re.compile("[\u0370-\u03ff]")


def capitalise(word: str) -> str:
    """The first letter upper-cased (a lone Greek letter stays as it is)."""
    stripped = word.lstrip()
    if not stripped:
        return word
    lead = word[: len(word) - len(stripped)]
    first, rest = stripped[0], stripped[1:]
    if _GREEK.fullmatch(first) and not rest:
        return word
    return lead + first.upper() + rest


@dataclass(slots=True)
class _State:
    strings: list[str]
    tags: list[str]
    first: bool = True
    after_punct: bool = False
    last_word: tuple[int, int] | None = None
    quotes: list[tuple[str, str, int | None]] = field(default_factory=list)


def title_case(text: str) -> str:
    """``text`` in title case (see the module); nocase markers are kept."""
    parts = _TAGS.split(text)
    state = _State(parts[0::2], parts[1::2])
    original = list(state.strings)
    if state.strings[0].strip():
        state.strings[0] = _words(state, 0, state.tags[0] if state.tags else None)
    protected = 0
    for i, tag in enumerate(state.tags):
        piece = state.strings[i + 1]
        if tag == NOCASE_OPEN:
            protected += 1
        elif tag == NOCASE_CLOSE and protected:
            protected -= 1
        if tag[-1] in "!?:":
            state.after_punct = True
        if not protected:
            # citeproc-js passes no following tag here, so only the first piece's last word
            # is capitalised before a hyphen.
            state.strings[i + 1] = _words(state, i + 1, None)
        elif piece.strip():
            state.last_word = None
        position = _quote_fix(state, tag, i)
        if position is not None:
            restored = original[position + 1][:1] + state.strings[position + 1][1:]
            state.strings[position + 1] = restored
            state.last_word = None
        if piece.strip():
            state.first = state.after_punct = False
    for _opener, _closer, position in state.quotes:
        if position is not None:
            restored = original[position + 1][:1] + state.strings[position + 1][1:]
            state.strings[position + 1] = restored
    if state.last_word is not None:
        _capitalise_last_stop_word(state, *state.last_word)
    pieces = [state.strings[0]]
    for tag, piece in zip(state.tags, state.strings[1:], strict=True):
        pieces += [tag, piece]
    return "".join(pieces)


def _words(state: _State, index: int, following: str | None) -> str:
    piece = state.strings[index]
    if not piece.strip():
        return piece
    parts = _SPACE.split(piece)
    words = parts[0::2]
    for j, word in enumerate(words):
        if not word:
            continue
        lower = word.lower()
        capitalize = (
            (len(word) > 1 and not _SKIP.search(lower))
            or (j == len(words) - 1 and following == "-")
            or state.first
            or state.after_punct
        )
        if capitalize and word == lower:
            words[j] = capitalise(word)
        state.first = state.after_punct = False
        state.last_word = (index, j)
    parts[0::2] = words
    return "".join(parts)


def _quote_fix(state: _State, tag: str, position: int) -> int | None:
    """citeproc-js's quote bookkeeping: where a stray quote undoes a capitalisation."""
    match = _QUOTE.search(tag)
    if match is None:
        return None
    mark = match.group(1)
    if mark in _OPENERS:
        opener, closer = _OPENERS[mark]
        if not state.quotes or mark == state.quotes[-1][0]:
            state.quotes.append((opener, closer, position))
            return None
        previous = state.quotes.pop()[2]
        state.quotes.append((opener, closer, None))
        return previous
    if state.quotes and mark == state.quotes[-1][1]:
        state.quotes.pop()
        return None
    return position


def _capitalise_last_stop_word(state: _State, index: int, word_index: int) -> None:
    parts = _SPACE.split(state.strings[index])
    word = parts[2 * word_index]
    if len(word) > 1 and _SKIP.search(word.lower()):
        parts[2 * word_index] = capitalise(word)
        state.strings[index] = "".join(parts)

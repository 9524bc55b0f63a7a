"""The numbers that tell members of a series apart, however they are written.

"Part II", "Part 2" and "part two" are one number; "2nd", "second" and "2" are one edition;
"Vol. III" and "Vol. 3" one volume. Read from a title (normalised words) or from a field value
(`volume`, `number`, `edition`, `chapter`, `pages`).
"""

from __future__ import annotations

import re

from refs.dedupe.fingerprint import decode, fold_text

#: English cardinal and ordinal number words up to twenty, the ones series are counted with.
_CARDINALS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
).split()
_ORDINALS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
).split()
_WORDS = {word: n for words in (_CARDINALS, _ORDINALS) for n, word in enumerate(words, 1)}
#: Roman numerals written with i, v and x (1-39): volumes and parts; c, d, l, m are too often
#: letters ("Vitamin D", "Physical Review C").
_ROMAN = re.compile(r"x{0,3}(?:ix|iv|v?i{0,3})")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10}
_TOKEN = re.compile(r"[^\W_]+")
_DIGITS = re.compile(r"\d+")


def roman(token: str) -> int | None:
    """The value of a lower-case Roman numeral of i, v and x; None for anything else.

    >>> roman("xiv"), roman("iiii"), roman("mix")
    (14, None, None)
    """
    if not token or _ROMAN.fullmatch(token) is None:
        return None
    total = 0
    for char, following in zip(token, [*token[1:], ""], strict=True):
        value = _ROMAN_VALUES[char]
        total += -value if following and _ROMAN_VALUES[following] > value else value
    return total


def _token_numbers(token: str, *, single_i: bool) -> list[int]:
    if token in _WORDS:
        return [_WORDS[token]]
    if (single_i or token != "i") and (value := roman(token)) is not None:
        return [value]
    # digits alone, "2nd", "wmt19", "12a": every run of digits counts
    return [int(digits) for digits in _DIGITS.findall(token)]


def numbers_in(text: str, *, single_i: bool = True) -> tuple[int, ...]:
    """Every number in ``text``, in order: digits, Roman numerals, English number words.

    ``single_i=False`` for titles, where "I" is a word more often than a number.

    >>> numbers_in("2nd ed."), numbers_in("Second"), numbers_in("Vol. III"), numbers_in("12--20")
    ((2,), (2,), (3,), (12, 20))
    >>> numbers_in("part i and the 3rd workshop", single_i=False)
    (3,)
    """
    words = _TOKEN.findall(fold_text(decode(text)))
    return tuple(n for word in words for n in _token_numbers(word, single_i=single_i))


def title_numbers(title: str) -> tuple[int, ...]:
    """The numbers of a normalised title, sorted: "Findings of WMT 2019" -> (2019,)."""
    return tuple(sorted(numbers_in(title, single_i=False)))

"""BibTeX name lists -> `Person` values, following BibTeX's own rules (First von Last, Jr).

The parts keep their LaTeX (accents, protective braces); decoding is the converters' job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

#: " and " between names, at brace depth 0 (checked by the splitter), any case. A match starts
#: only where its run of blanks starts: from inside a long run it would rescan the run.
_AND = re.compile(r"(?<!\s)\s+and\s+", re.IGNORECASE)
_SPACE = re.compile(r"[\s~]+")


@dataclass(frozen=True, slots=True)
class Person:
    """One name in BibTeX's four parts.

    >>> parse_names("Ludwig van Beethoven")[0]
    Person(first='Ludwig', von='van', last='Beethoven', jr='')
    """

    first: str = ""
    von: str = ""
    last: str = ""
    jr: str = ""

    @property
    def is_others(self) -> bool:
        """True for the ``others`` that stands for "et al." in ``A and B and others``."""
        return not (self.first or self.von or self.jr) and self.last == "others"

    @property
    def is_literal(self) -> bool:
        """True for a braced name such as ``{World Health Organization}``: one literal name."""
        return (
            not (self.first or self.von or self.jr)
            and _is_wrapped(self.last)
            and " " in self.last.strip()
        )


def _is_wrapped(text: str) -> bool:
    """True when ``text`` is one brace group from its first to its last character."""
    if len(text) < 2 or text[0] != "{" or text[-1] != "}":
        return False
    depth = 0
    for i, char in enumerate(text):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0 and i != len(text) - 1:
                return False
    return True


def _split_depth0(text: str, pattern: re.Pattern[str]) -> list[str]:
    """Split ``text`` where ``pattern`` matches outside braces."""
    if "{" not in text:
        return pattern.split(text)
    parts: list[str] = []
    start = 0
    depth, counted = 0, 0  # brace depth of text[:counted], kept as the matches move on
    for match in pattern.finditer(text):
        piece = text[counted : match.start()]
        depth += piece.count("{") - piece.count("}")
        counted = match.start()
        if depth == 0:
            parts.append(text[start : match.start()])
            start = match.end()
    parts.append(text[start:])
    return parts


def _split_commas(text: str) -> list[str]:
    if "," not in text:
        return [text]
    if "{" not in text and "}" not in text:
        return [part.strip() for part in text.split(",")]  # every comma is at depth 0
    parts: list[str] = []
    depth = 0
    start = 0
    for i, char in enumerate(text):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(text[start:i].strip())
            start = i + 1
    parts.append(text[start:].strip())
    return parts


def _words(text: str) -> list[str]:
    return [w for w in _split_depth0(text.strip(), _SPACE) if w]


def _is_lower(word: str) -> bool:
    """BibTeX's test for a von word: its first letter at brace depth 0 is lower-case.

    A brace group that starts with a backslash (a special character such as ``{\\"o}``) counts
    by the letter it stands for; any other brace group has no case, and neither has a word
    with no letter at all.
    """
    depth = 0
    i = 0
    while i < len(word):
        char = word[i]
        if char == "{":
            if depth == 0 and i + 1 < len(word) and word[i + 1] == "\\":
                return _special_char_is_lower(word[i + 1 :])
            depth += 1
        elif char == "}":
            depth -= 1
        elif depth == 0 and char.isalpha():
            return char.islower()
        elif depth == 0 and char == "\\":
            return _special_char_is_lower(word[i:])
        i += 1
    return False


def _special_char_is_lower(text: str) -> bool:
    match = re.match(r"\\([A-Za-z]+|.)\s*\{?\s*([A-Za-z])?", text)
    if match is None:
        return False
    command, letter = match.group(1), match.group(2)
    if command.isalpha() and command not in _ACCENT_COMMANDS:
        # \ss, \o, \aa, \l ... stand for a letter of their own case; \OE, \AA for upper case.
        return command.islower()
    return bool(letter) and letter.islower()


_ACCENT_COMMANDS = frozenset({"b", "c", "d", "H", "k", "r", "t", "u", "v", "textsubscript"})


def _person_from_words(words: list[str]) -> Person:
    """First von Last: von runs from the first to the last lower-case word before Last."""
    if len(words) == 1:
        return Person(last=words[0])
    lower = [i for i, w in enumerate(words[:-1]) if _is_lower(w)]
    if not lower:
        return Person(first=" ".join(words[:-1]), last=words[-1])
    von_start, von_end = lower[0], lower[-1] + 1
    return Person(
        first=" ".join(words[:von_start]),
        von=" ".join(words[von_start:von_end]),
        last=" ".join(words[von_end:]),
    )


def _von_last(words: list[str]) -> tuple[str, str]:
    """von Last (the part before a comma): von is the leading run of lower-case words."""
    if not words:
        return "", ""
    von_end = 0
    for i, word in enumerate(words[:-1]):
        if _is_lower(word):
            von_end = i + 1
    return " ".join(words[:von_end]), " ".join(words[von_end:])


def parse_name(text: str) -> Person:
    """One BibTeX name in any of its three forms.

    >>> parse_name("van der Waals, Jr., Johannes Diderik")
    Person(first='Johannes Diderik', von='van der', last='Waals', jr='Jr.')
    """
    parts = _split_commas(text.strip())
    if len(parts) == 1:
        return _person_from_words(_without_homonym_number(_words(parts[0])))
    von, last = _von_last(_without_homonym_number(_words(parts[0])))
    if len(parts) == 2:
        return Person(first=" ".join(_words(parts[1])), von=von, last=last)
    return Person(
        first=" ".join(_words(", ".join(parts[2:]))),
        von=von,
        last=last,
        jr=" ".join(_words(parts[1])),
    )


def _without_homonym_number(words: list[str]) -> list[str]:
    """DBLP tells homonyms apart with a number after the name (``Babak Esmaeili 0001``,
    ``Esmaeili 0001, Babak``): it is no part of the name.

    >>> _without_homonym_number(["Babak", "Esmaeili", "0001"])
    ['Babak', 'Esmaeili']
    """
    if len(words) >= 2 and re.fullmatch(r"\d{4}", words[-1]):
        return words[:-1]
    return words


def split_name_list(value: str) -> list[str]:
    """A BibTeX name list -> the text of each name, split at `` and `` outside braces.

    >>> split_name_list("Zhou, C. and {Barnes and Noble} AND others")
    ['Zhou, C.', '{Barnes and Noble}', 'others']
    """
    value = value.strip()
    if not value:
        return []
    # the common case, without a regex: no braces, single spaces, lower-case "and"
    plain = "{" not in value and "  " not in value and value.isprintable()
    if plain and value.lower().count(" and ") == value.count(" and "):
        return [part for part in value.split(" and ") if part.strip()]
    return [part for part in _split_depth0(value, _AND) if part.strip()]


@lru_cache(maxsize=65536)
def parse_names(value: str) -> tuple[Person, ...]:
    """A BibTeX name list (``A and B and others``) -> one `Person` per name.

    >>> [p.last for p in parse_names("Zhou, Chunting and Liu, Pengfei and others")]
    ['Zhou', 'Liu', 'others']
    """
    return tuple(parse_name(part) for part in split_name_list(value))

"""What a citation key is made of: a pattern of tokens, the way Better BibTeX users write
their citation key formulas. The default, ``{auth}{year}{title}``, makes ``zhou2023lima``;
a project chooses another with ``key-pattern`` in its ``refs.toml``.

Tokens (every one is folded: ASCII letters and digits, lower case):

``{auth}``
    The first author's family name, else the first editor's: ``K{\\"o}pf`` -> ``kopf``,
    ``van Beethoven`` -> ``vanbeethoven``. Numbers are no names: a count or a model's version
    read as an author (``10``, ``3.0``) is skipped, and a DBLP homonym number
    (``Babak Esmaeili 0001``) leaves the name before it. An organisation
    (``{World Health Organization}``) gives its first significant word (``world``).
    ``anon`` only when the entry names nobody.
``{authors2}``
    The first two family names (``zhouliu``); the one when there is one; with three or more,
    the first and ``etal`` (``zhouetal``). A list cut short with ``and others`` counts as
    three or more.
``{year}``
    The four digits of ``year`` (else ``date``); ``nd`` when there are none.
``{title}``
    The first significant title word: not an article, a preposition, a conjunction or one of
    the other `STOPWORDS` (``{LIMA}: Less Is More`` -> ``lima``). Nothing when there is no title.
``{title2}``
    The first two significant title words (``limaless``; one when there is one).
``{shorttitle}``
    The entry's ``shorttitle`` (a work's short name, ``LLaMA`` -> ``llama``), else ``{title}``.

Between tokens a pattern may hold literal characters from ``a-z 0-9 _ : -`` only
(``{auth}:{year}`` makes ``zhou:2023``): every key must stay citable by ``\\cite``
(`refs.bibtex.keys.uncitable_character`). A key with no letter or digit at all (``{title}``
of an entry without a title) is ``anon``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from enum import Enum

from refs.errors import RefsError
from refs.latex import to_unicode
from refs.model import Entry, Person

#: Title words that never make a key: articles, prepositions, conjunctions.
STOPWORDS = frozenset(
    "a an the of on in at to for from by with without via and or but is are be as into onto "
    "over under about towards toward through using do does how what when where which who why "
    "can we our your this that these those it its not no".split()
)
_WORD = re.compile(r"[a-z0-9]+")
#: DBLP tells apart people of one name by a four-digit number after it: ``Wei Li 0001``.
_DBLP_HOMONYM = re.compile(r"0\d{3}")
#: Where a title splits into words (``Self-Instruct`` is two).
_TITLE_BREAK = re.compile(r"[\s\-–—/:]+")

#: The pattern keys are made with unless the configuration says otherwise.
DEFAULT_KEY_PATTERN = "{auth}{year}{title}"
#: Characters a pattern may hold outside its tokens.
LITERAL_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_:-")
#: A token (``{auth}``), a run of other characters, or a lone brace.
_PART = re.compile(r"\{([^{}]*)\}|([^{}]+)|([{}])")


class BadKeyPattern(RefsError):
    """A key pattern that names an unknown token or holds a character keys cannot have."""


def fold(text: str) -> str:
    """Lower-case ASCII letters and digits only: ``K{\\"o}pf`` -> ``kopf``."""
    decoded = to_unicode(text) if ("\\" in text or "{" in text) else text
    ascii_text = unicodedata.normalize("NFKD", decoded).encode("ascii", "ignore").decode()
    return "".join(_WORD.findall(ascii_text.lower()))


def _words(text: str) -> list[str]:
    """The folded tokens of ``text`` that are not numbers."""
    return [w for token in text.split() if (w := fold(token)) and not w.isdigit()]


def _surname(person: Person) -> str:
    """A person's family name, folded, without the tokens that are numbers: a count or a
    model's version read as an author (``10``, ``3.0``) and a DBLP homonym number
    (``Babak Esmaeili 0001``, whose number BibTeX reads as the last name) are no family names.
    "" when nothing is left. An organisation (``{The Royal Society}``) gives its first
    significant word (``royal``), else its first word."""
    if person.is_literal:
        words = _words(person.last.strip("{}"))
        return next((w for w in words if w not in STOPWORDS), next(iter(words), ""))
    words = _words(f"{person.von} {person.last}")
    if not words and _DBLP_HOMONYM.fullmatch(person.last):  # the name before the number
        words = _words(person.first)[-1:]
    return "".join(words)


def _named(entry: Entry) -> tuple[list[str], bool]:
    """The family names of the first role (author, else editor) that names somebody, and
    whether that list was cut short (``and others``)."""
    for role in ("author", "editor"):
        people = entry.names(role)
        names = [name for person in people if not person.is_others if (name := _surname(person))]
        if names:
            return names, any(person.is_others for person in people)
    return [], False


def _auth(entry: Entry) -> str:
    names, _ = _named(entry)
    return names[0] if names else "anon"


def _authors2(entry: Entry) -> str:
    names, cut = _named(entry)
    if not names:
        return "anon"
    if len(names) > 2 or cut:
        return f"{names[0]}etal"
    return "".join(names)


def _year(entry: Entry) -> str:
    match = re.search(r"\d{4}", entry.get("year") or entry.get("date"))
    return match.group(0) if match else "nd"


def _title_words(entry: Entry) -> Iterator[str]:
    """The significant words of the title, folded, in order."""
    title = entry.get("title")
    if "\\" in title or "{" in title:
        title = to_unicode(title)
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    for word in _TITLE_BREAK.split(ascii_title):
        folded = "".join(_WORD.findall(word))
        if folded and folded not in STOPWORDS:
            yield folded


def _title(entry: Entry) -> str:
    return next(_title_words(entry), "")


def _title2(entry: Entry) -> str:
    words = _title_words(entry)
    return next(words, "") + next(words, "")


def _shorttitle(entry: Entry) -> str:
    return fold(entry.get("shorttitle")) or _title(entry)


class Token(Enum):
    """A part of a key made from the entry; its value is its name in a pattern."""

    AUTH = "auth"
    AUTHORS2 = "authors2"
    YEAR = "year"
    TITLE = "title"
    TITLE2 = "title2"
    SHORTTITLE = "shorttitle"


#: What each token makes of an entry.
_MAKERS: Mapping[Token, Callable[[Entry], str]] = {
    Token.AUTH: _auth,
    Token.AUTHORS2: _authors2,
    Token.YEAR: _year,
    Token.TITLE: _title,
    Token.TITLE2: _title2,
    Token.SHORTTITLE: _shorttitle,
}
_BY_NAME = {token.value: token for token in Token}


def _known() -> str:
    return ", ".join(f"{{{token.value}}}" for token in Token)


@dataclass(frozen=True, slots=True)
class KeyPattern:
    """A parsed key pattern: tokens and the literal text between them, in order.

    >>> pattern = KeyPattern.parse("{auth}:{year}{shorttitle}")
    >>> pattern.key(Entry("?", "misc", {"author": "Touvron, Hugo", "year": "2023",
    ...     "title": "{LLaMA}: Open and Efficient Foundation Language Models",
    ...     "shorttitle": "{LLaMA}"}))
    'touvron:2023llama'
    >>> str(pattern)
    '{auth}:{year}{shorttitle}'
    """

    parts: tuple[Token | str, ...]

    @classmethod
    def parse(cls, text: str) -> KeyPattern:
        """The pattern ``text`` writes; `BadKeyPattern` (saying what and where) when it names
        an unknown token, holds a character keys cannot have, or names no token at all.

        >>> KeyPattern.parse("{auth}{year}{title}").parts
        (<Token.AUTH: 'auth'>, <Token.YEAR: 'year'>, <Token.TITLE: 'title'>)
        """
        parts: list[Token | str] = []
        for match in _PART.finditer(text):
            column = match.start() + 1
            name, literal, brace = match.groups()
            if brace is not None:
                msg = f"unmatched {brace!r} at column {column}"
                raise BadKeyPattern(msg)
            if literal is not None:
                bad = next((c for c in literal if c not in LITERAL_CHARACTERS), None)
                if bad is not None:
                    where = column + literal.index(bad)
                    msg = (
                        f"character {bad!r} at column {where} cannot be in a key "
                        "(between tokens: a-z, 0-9, '_', ':', '-')"
                    )
                    raise BadKeyPattern(msg)
                parts.append(literal)
                continue
            token = _BY_NAME.get(name)
            if token is None:
                msg = f"unknown token {{{name}}} at column {column} (known: {_known()})"
                raise BadKeyPattern(msg)
            parts.append(token)
        if not any(isinstance(part, Token) for part in parts):
            msg = f"a key pattern needs at least one token ({_known()})"
            raise BadKeyPattern(msg)
        return cls(tuple(parts))

    def __str__(self) -> str:
        return "".join(f"{{{p.value}}}" if isinstance(p, Token) else p for p in self.parts)

    def key(self, entry: Entry) -> str:
        """The key this pattern makes of ``entry``, before any collision suffix."""
        key = "".join(_MAKERS[p](entry) if isinstance(p, Token) else p for p in self.parts)
        return key if any(c.isalnum() for c in key) else "anon"


#: ``{auth}{year}{title}``: ``zhou2023lima``.
DEFAULT_PATTERN = KeyPattern.parse(DEFAULT_KEY_PATTERN)

"""Printed author lists -> BibTeX name lists, in every order survey READMEs print them.

"First Last, First Last, and First Last", "Last, First and Last, First", "Last, F., Last, F.",
"Last F, Last F", "Last, First, First Last, …" (only the first inverted), "et al." and
organisations ("OpenAccess AI Collective" -> ``{OpenAccess AI Collective}``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from refs.vocabulary import alternation, words

#: Lower-case words that belong to the family name: "Dimitri von Rütte" -> "von Rütte".
_PARTICLES = words("name_particles")
#: Words that make a name an organisation rather than a person (``data/organisation_words.txt``).
_ORG_WORDS = re.compile(rf"\b(?:{alternation(words('organisation_words'))})\b")
#: ``et al.``, ``and others``. A match starts where its run of spaces starts (the look-behinds):
#: a search does not rescan a long run of spaces from each of its positions.
_ET_AL = re.compile(
    r"(?:,|(?<![\s,]))\s*\bet\.?\s*+al\b\.?|(?<!\s)\s+and\s+others\b\.?|,\s*+others\b",
    re.IGNORECASE,
)
_INITIALS = re.compile(r"^(?:[A-Z]\.?(?:-[A-Z]\.?)?\s*){1,4}$")
_VANCOUVER = re.compile(
    r"^(?P<last>[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+)?)\s+(?P<first>[A-Z]{1,3})$"
)
#: A word of a name: capitalised in any script (``Łukasz``, ``Ørsted``), an initial, or a particle.
_NAME_WORD = re.compile(r"^(?:[^\W\d_a-z][\w'\u2019.-]*|[a-z]+)$", re.UNICODE)
#: ``and`` between names, ``, and`` / ``&`` before the last one, any name separator.
_AND = re.compile(r"(?<!\s)\s+and\s+")
_LAST_AND = re.compile(r"(?:,|(?<![\s,]))\s+(?:and|&)\s+")
_NAME_SEPARATOR = re.compile(r",|(?<!\s)\s+(?:and|&)\s+")
#: APA's ellipsis for authors left out: ``Mishkin, P., ... & Lowe, R.``.
_ELLIPSIS = re.compile(r"(?:,\s*+|(?<![\s,])\s++|)(?:\.\.\.|\u2026)\s*+(?:&|and)?\s*")


@dataclass(frozen=True, slots=True)
class Name:
    """One author as printed: family name, given names, or one literal (organisation) name."""

    last: str
    first: str = ""
    is_literal: bool = False

    def bibtex(self) -> str:
        """The name as BibTeX writes it: ``Last, First``, ``{Literal Org}`` or ``Mononym``."""
        if self.is_literal and " " in self.last:
            return "{" + self.last + "}"
        return f"{self.last}, {self.first}" if self.first else self.last


@dataclass(frozen=True, slots=True)
class AuthorList:
    """The names of one author list, and whether it ended in "et al."."""

    names: tuple[Name, ...] = ()
    has_others: bool = False

    def bibtex(self) -> str:
        """``Zhou, Chunting and Liu, Pengfei and others``."""
        parts = [name.bibtex() for name in self.names]
        if self.has_others:
            parts.append("others")
        return " and ".join(parts)


_INITIAL_END = re.compile(r"\b[A-Z]\.$")


def strip_end(text: str) -> str:
    """Strip white space and punctuation around ``text``, keeping the period of an initial.

    >>> strip_end(" Zhou, C. and Liu, P.., "), strip_end("Deep learning...")
    ('Zhou, C. and Liu, P.', 'Deep learning')
    """
    text = text.strip(" ,;:")
    end = len(text)
    while text.endswith(".", 0, end) and not _INITIAL_END.search(text, max(0, end - 3), end):
        end -= 1
        while end and text[end - 1] in " ,;:":
            end -= 1
    return text[:end].lstrip(" .")


#: An affiliation after a name in Latin letters: ``Felix Hill (University of Cambridge)``,
#: ``Shuyan Zhou (CMU)``. (After a name in another script the parentheses hold its romanised
#: form, ``符尧 (Yao Fu)``, which `_from_words` reads.) It starts where its spaces start.
_AFFILIATION = re.compile(r"(?<=[A-Za-z.])\s*+\([^()]*\)")


def _clean(text: str) -> str:
    text = _GLUED_INITIAL.sub(r"\1. ", re.sub(r"\s+", " ", text))
    text = strip_end(_AFFILIATION.sub("", text))
    return re.sub(r"^(?:by|authors?:)\s+", "", text, flags=re.IGNORECASE)


#: An initial printed without its space: ``A.Graves``.
_GLUED_INITIAL = re.compile(r"\b([A-Z])\.(?=[A-Z][a-z])")


def parse_authors(text: str) -> AuthorList:
    """Read a printed author list.

    >>> parse_authors("Khashabi, Daniel, Sewon Min, and Hannaneh Hajishirzi").bibtex()
    'Khashabi, Daniel and Min, Sewon and Hajishirzi, Hannaneh'
    >>> parse_authors("Dubois, Yann and Liang, Percy and others").bibtex()
    'Dubois, Yann and Liang, Percy and others'
    >>> parse_authors("A.Graves, G. Wayne, and I. Danihelka").bibtex()
    'Graves, A. and Wayne, G. and Danihelka, I.'
    """
    text = _clean(text)
    has_others = bool(_ET_AL.search(text) or _ELLIPSIS.search(text))
    text = _clean(_ET_AL.sub("", _ELLIPSIS.sub(", ", text)))
    if not text:
        return AuthorList((), has_others)
    chunks = [c.strip() for c in _AND.split(text) if c.strip()]
    if (
        len(chunks) > 1
        and all(c.count(",") == 1 for c in chunks if " " in c or "," in c)
        and any("," in c for c in chunks)
    ):
        names = tuple(_inverted(*c.split(",", 1)) if "," in c else _from_words(c) for c in chunks)
        return AuthorList(names, has_others)
    text = _LAST_AND.sub(", ", text)
    pieces = [p.strip() for p in text.split(",") if p.strip()]
    return AuthorList(_pair_up(pieces), has_others)


def _pair_up(pieces: list[str]) -> tuple[Name, ...]:
    """Pieces of a comma-separated list -> names, re-pairing ``Last, First`` halves."""
    if len(pieces) >= 2 and len(pieces) % 2 == 0:
        families, givens = pieces[0::2], pieces[1::2]
        if all(_INITIALS.match(g) for g in givens) and all(len(f.split()) <= 3 for f in families):
            return tuple(_inverted(f, g) for f, g in zip(families, givens, strict=True))
        if all(" " not in p for p in pieces) and all(_NAME_WORD.match(p) for p in pieces):
            return tuple(_inverted(f, g) for f, g in zip(families, givens, strict=True))
    if len(pieces) == 2 and " " not in pieces[0] and _GIVEN_NAMES.fullmatch(pieces[1]):
        # "Hinton, Geoffrey E." (the "et al." that followed is gone): one inverted name.
        return (_inverted(pieces[0], pieces[1]),)
    if (
        len(pieces) >= 3
        and " " not in pieces[0]
        and len(pieces[1].split()) <= 3
        and all(" " in p for p in pieces[2:])
        and not _ORG_WORDS.search(pieces[0])
    ):
        # Chicago style inverts only the first author: "Khashabi, Daniel, Sewon Min, ...".
        return (_inverted(pieces[0], pieces[1]), *(_from_words(p) for p in pieces[2:]))
    return tuple(_from_words(p) for p in pieces)


#: Given names ending in an initial, as an inverted name prints them after its comma:
#: ``Geoffrey E.``, ``Noah A.``, ``Yao-Hung H.``.
_GIVEN_NAMES = re.compile(r"[A-Z][\w'-]+(?:\s[A-Z][\w'-]+)?\s[A-Z]\.(?:\s?[A-Z]\.)?")


def _inverted(last: str, first: str) -> Name:
    return Name(last=last.strip(), first=first.strip())


def _from_words(piece: str) -> Name:
    """``First von Last`` (or ``Last F``, or an organisation) -> a `Name`."""
    piece = piece.strip()
    romanised = re.fullmatch(r"(\S+)\s*\(([A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)+)\)", piece)
    if romanised and not romanised.group(1).isascii():
        # "符尧 (Yao Fu)": the romanised form in parentheses gives family and given names.
        piece = romanised.group(2)
    words = piece.split()
    if len(words) >= 2 and _ORG_WORDS.search(piece):
        return Name(last=piece, is_literal=True)
    if len(words) == 1:
        return Name(last=piece)
    vancouver = _VANCOUVER.match(piece)
    if vancouver and len(words) <= 3:
        return Name(last=vancouver.group("last"), first=vancouver.group("first"))
    start = len(words) - 1
    while start > 1 and words[start - 1] in _PARTICLES:
        start -= 1
    if start == 1 and words[0] in _PARTICLES:
        start = 0
    return Name(last=" ".join(words[start:]), first=" ".join(words[:start]))


def looks_like_authors(text: str) -> bool:
    """True when ``text`` reads as a list of person names (not a title, not a venue).

    >>> looks_like_authors("Tom B. Brown, Benjamin Mann, et al."), looks_like_authors("ACL 2021")
    (True, False)
    """
    text = _clean(_ELLIPSIS.sub(", ", text))
    if not text or re.search(r"\d|[:?!\"“”]", text):
        return False
    has_others = bool(_ET_AL.search(text))
    text = _clean(_ET_AL.sub("", text))
    pieces = [p for p in _NAME_SEPARATOR.split(text) if p.strip()]
    if not pieces:
        return has_others
    for piece in pieces:
        words = piece.split()
        if not 1 <= len(words) <= 5:
            return False
        if not all(_NAME_WORD.match(w) for w in words):
            return False
        if words[0] in _PARTICLES and (len(words) == 1 or not words[1][0].isupper()):
            # "von Rütte" opens an inverted family name; a lone "de" or "la" is no name.
            return False
        if any(w[0].islower() and w.lower() not in _PARTICLES for w in words):
            return False  # "In practice, however": a lowercase word that is no particle
    many = len(pieces) >= 2 or has_others
    return many or 2 <= len(pieces[0].split()) <= 3

"""Normalised, cheap-to-compare views of entries: titles, years, identifiers, first authors.

Computed once per entry for every entry of the store, so each step here avoids work it does
not need: LaTeX is decoded only when a value has a backslash, brace or dollar, Unicode is
folded only when a value is not ASCII, and authors are parsed later, only for candidate pairs.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from stdnum import isbn as stdnum_isbn

from refs.dedupe.titles import head_end
from refs.latex import to_unicode
from refs.model import Entry

#: Identifier kinds that name exactly one work (URLs do not: a repository, a blog, a venue).
STRONG_KINDS = ("arxiv", "doi", "acl", "openreview")
#: Prefix of the DOIs arXiv mints for its preprints: they stand beside a publisher's DOI.
ARXIV_DOI_PREFIX = "10.48550/"

_WORD = re.compile(r"[^\W_]+")
_YEAR = re.compile(r"\d{4}")
_AND = re.compile(r"\s+and\s+", re.IGNORECASE)
#: Words that make a title generic ("Introduction", "Session 7: Parsing") are short or few.
_INFORMATIVE_WORDS = 4
_INFORMATIVE_LENGTH = 3


#: Identifier-like tokens in raw field text: new- and old-style arXiv ids, DOIs, ACL
#: Anthology ids, OpenReview ids. Blocking needs only "might share an identifier"; the
#: normalised identifiers (`Entry.identifiers`) are read later, for candidate pairs only.
_ID_TOKEN = re.compile(
    r"\d{4}\.\d{4,5}|(?<![a-z-])[a-z][a-z-]*(?:\.[a-z]{2})?/\d{7}|10\.\d{4,9}/[^\s\"<>{}]+"
    r"|\d{4}\.[a-z\d]+-[a-z\d]+\.\d+|[a-z]\d{2}-\d{4}|id=[\w-]+"
)
#: Fields where `Identifiers.from_fields` looks for identifiers.
ID_FIELDS = (
    *("doi", "eprint", "arxiv", "arxivid", "url"),
    *("howpublished", "journal", "volume", "note"),
)


def decode(value: str) -> str:
    """A BibTeX value as plain text: LaTeX decoded only when it has a command or maths;
    braces alone only protect case, so they are just dropped."""
    if "\\" in value or "$" in value:
        return to_unicode(value)
    if "{" in value:
        return value.replace("{", "").replace("}", "")
    return value


def fold_text(text: str) -> str:
    """Case-folded text with accents removed (``Köpf`` -> ``kopf``); other scripts kept."""
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(char for char in decomposed if not unicodedata.combining(char))
    return text.casefold()


def normalise_title(title: str) -> str:
    """A title as lower-case words: no LaTeX, braces, accents or punctuation; ``&`` is "and".

    >>> normalise_title(r"{LIMA}: Less Is More for Alignment")
    'lima less is more for alignment'
    >>> normalise_title(r"Caf{\\'e} \\& Cr\\`eme -- Part~II")
    'cafe and creme part ii'
    """
    text = fold_text(decode(title)).replace("&", " and ")
    return " ".join(_WORD.findall(text))


def fold_name(text: str) -> str:
    """A name part as lower-case letters only: ``K{\\"o}pf`` -> ``kopf``."""
    return "".join(_WORD.findall(fold_text(decode(text))))


def first_family(author: str) -> str:
    """The first author's family name, read cheaply for blocking (no full name parsing).

    >>> first_family("Zhou, Chunting and Liu, Pengfei")
    'zhou'
    >>> first_family("Chunting Zhou and others")
    'zhou'
    """
    first = _AND.split(author, maxsplit=1)[0].strip()
    if not first:
        return ""
    if "," in first:
        family = first.split(",", 1)[0]
    elif first.startswith("{") and first.endswith("}"):
        family = first[1:].split(maxsplit=1)[0] if first[1:].strip() else ""
    else:
        family = first.rsplit(maxsplit=1)[-1]
    return fold_name(family)


def year_of(entry: Entry) -> int | None:
    """The entry's year, from ``year`` or else ``date``."""
    match = _YEAR.search(entry.get("year") or entry.get("date"))
    return int(match.group(0)) if match else None


def is_informative(title: str) -> bool:
    """True when a normalised title says enough to identify a work without authors:
    "Cross-Task Generalization via …" does, "Introduction" or "Session 7" does not."""
    return sum(1 for word in title.split() if len(word) >= _INFORMATIVE_LENGTH) >= (
        _INFORMATIVE_WORDS
    )


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What blocking and matching read of one entry, computed once."""

    title: str
    year: int | None
    family: str
    #: Identifier-like tokens of the raw fields, for blocking (not normalised identifiers).
    tokens: frozenset[str]

    @property
    def title_key(self) -> str:
        """The title with its spaces removed: equal keys are "the same title"."""
        return self.title.replace(" ", "")


def strong_identifiers(entry: Entry) -> tuple[tuple[str, str], ...]:
    """The entry's normalised identifiers that name one work, as (kind, value) pairs.

    >>> strong_identifiers(Entry("k", "misc", {"eprint": "1810.04805v2"}))
    (('arxiv', '1810.04805'),)
    """
    ids = entry.identifiers
    pairs = (
        ("arxiv", ids.arxiv),
        ("doi", ids.doi),
        ("acl", ids.acl),
        ("openreview", ids.openreview),
    )
    return tuple((kind, value) for kind, value in pairs if value)


#: An ISBN as written: 10 or 13 digits (the last may be X), with hyphens or spaces between.
_ISBN = re.compile(r"(?<![\dXx])(?:\d[- ]?){9}(?:(?:\d[- ]?){3})?[\dXx](?![\dXx])")


def isbns(entry: Entry) -> frozenset[str]:
    """The entry's ISBNs as ISBN-13 digits: an ISBN-10 and the ISBN-13 of one book are one.

    >>> sorted(isbns(Entry("k", "book", {"isbn": "0-86576-089-6, 978-1-4665-6596-8"})))
    ['9780865760899', '9781466565968']
    """
    value = entry.fields.get("isbn", "")
    found = set()
    for written in _ISBN.findall(value):
        digits = stdnum_isbn.compact(written)
        if len(digits) in (10, 13):
            found.add(stdnum_isbn.to_isbn13(digits))
    return frozenset(found)


def id_tokens(entry: Entry) -> frozenset[str]:
    """Identifier-like tokens of the fields identifiers are read from (lower-cased).

    >>> sorted(id_tokens(Entry("k", "misc", {"doi": "10.48550/arXiv.2305.11206"})))
    ['10.48550/arxiv.2305.11206', '2305.11206']
    """
    fields = entry.fields
    text = " ".join(fields[name] for name in ID_FIELDS if name in fields)
    if not text:
        return frozenset()
    found = set(_ID_TOKEN.findall(text.lower()))
    # the arXiv id inside an arXiv DOI must meet the bare id of another entry
    inner = " ".join(t.rpartition("arxiv.")[2] for t in found if "arxiv." in t)
    found.update(_ID_TOKEN.findall(inner))
    return frozenset(found)


def fingerprint(entry: Entry) -> Fingerprint:
    """The fingerprint of one entry.

    >>> fingerprint(Entry("k", "misc", {"title": "{BERT}", "year": "2019",
    ...     "author": "Devlin, Jacob", "eprint": "1810.04805v2"}))
    Fingerprint(title='bert', year=2019, family='devlin', tokens=frozenset({'1810.04805'}))
    """
    author = entry.fields.get("author", "") if "author" not in entry.macros else ""
    return Fingerprint(
        normalise_title(entry.get("title")) if "title" not in entry.macros else "",
        year_of(entry),
        first_family(author),
        id_tokens(entry),
    )


def is_short_form_of(short: str, title: str, raw: str) -> bool:
    """True when the normalised title ``short`` is the short form of the normalised ``title``
    (whose raw text is ``raw``): its words up to the raw title's colon, dash or parenthesis.
    Cheap unless ``short`` is a word prefix of ``title``, which few pairs are; so the short
    form is read only for those pairs, not for every entry.

    >>> is_short_form_of("lima", "lima less is more", "{LIMA}: Less Is More")
    True
    >>> is_short_form_of("lima less", "lima less is more", "{LIMA}: Less Is More")
    False
    """
    if not short or len(short) >= len(title) or not title.startswith(short):
        return False
    if title[len(short)] != " ":
        return False
    end = head_end(raw)
    return bool(end) and normalise_title(raw[:end]) == short

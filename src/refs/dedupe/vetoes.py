"""Evidence that two entries are different works, whatever else they share.

Each veto is a named check on a pair; `vetoes` runs them all. An arXiv DOI beside a
publisher's DOI is no veto: they are two DOIs of one work (preprint and published version).
"""

from __future__ import annotations

import re

from refs.dedupe.fingerprint import ARXIV_DOI_PREFIX, Fingerprint
from refs.model import Entry

#: Entry types and venues that mark a preprint, whose volume and pages are not the venue's.
PREPRINT_TYPES = frozenset({"misc", "unpublished", "online", "techreport", "report"})
_PREPRINT_VENUE = re.compile(r"arxiv|corr|preprint|biorxiv|medrxiv|ssrn", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")
#: Words that number parts of a series ("Part II", "part two"); "i" is too often a word.
_SERIES_WORDS = frozenset(
    "ii iii iv v vi vii viii ix x xi xii one two three four five six seven eight nine ten "
    "first second third fourth fifth sixth seventh eighth ninth tenth".split()
)
#: Hosts whose links carry a strong identifier: compared as identifiers, not as pages.
_IDENTIFIER_HOSTS = frozenset(
    "arxiv.org aclanthology.org aclweb.org openreview.net doi.org dx.doi.org".split()
)
_LINK = re.compile(r"^[a-z][a-z\d+.-]*://(?:www\.)?([^/?#]+)([^?#]*)")


def is_preprint(entry: Entry) -> bool:
    """True for an arXiv-style entry: a preprint type, or a venue that is an archive."""
    if entry.entry_type in PREPRINT_TYPES:
        return True
    venue = entry.get("journal") or entry.get("booktitle")
    return not venue or bool(_PREPRINT_VENUE.search(venue)) or "abs/" in entry.get("volume")


Ids = tuple[tuple[str, str], ...]


def _identifier_vetoes(ids_a: Ids, ids_b: Ids) -> list[str]:
    left, right = dict(ids_a), dict(ids_b)
    found = []
    for kind in left.keys() & right.keys():
        if left[kind] == right[kind]:
            continue
        if kind == "doi" and (
            left[kind].startswith(ARXIV_DOI_PREFIX) or right[kind].startswith(ARXIV_DOI_PREFIX)
        ):
            continue
        found.append(f"different-{kind}")
    return sorted(found)


def _number_tokens(title: str) -> list[str]:
    return sorted(w for w in title.split() if w.isdigit() or w in _SERIES_WORDS)


def _page(entry: Entry) -> tuple[str, str] | None:
    match = _LINK.match(entry.get("url").strip().lower())
    if match is None or match.group(1) in _IDENTIFIER_HOSTS:
        return None
    path = match.group(2).rstrip("/").removesuffix(".html").removesuffix(".pdf")
    return match.group(1), path


def _different_pages(x: Entry, y: Entry) -> bool:
    """Two pages of one site are two documents (posts of a blog series); two sites say
    nothing (a project page and a blog post about one work)."""
    page_x, page_y = _page(x), _page(y)
    return (
        page_x is not None
        and page_y is not None
        and page_x[0] == page_y[0] != ""
        and (page_x[1] != page_y[1])
    )


def _normalised_range(value: str) -> tuple[str, ...]:
    return tuple(_DIGITS.findall(value))


def _field_vetoes(x: Entry, y: Entry) -> list[str]:
    """Different editions always; different volumes, numbers, pages or chapters when neither
    is a preprint (a preprint has none of its venue's)."""
    found = []
    edition_x, edition_y = x.get("edition"), y.get("edition")
    if edition_x and edition_y and _normalised_range(edition_x) != _normalised_range(edition_y):
        found.append("different-edition")
    if is_preprint(x) or is_preprint(y):
        return found
    for name in ("volume", "pages", "chapter"):
        value_x, value_y = x.get(name), y.get(name)
        if value_x and value_y and _normalised_range(value_x) != _normalised_range(value_y):
            found.append(f"different-{name}")
    return found


def vetoes(a: Fingerprint, b: Fingerprint, x: Entry, y: Entry, ids: tuple[Ids, Ids]) -> list[str]:
    """Every veto against ``x`` and ``y`` (fingerprints ``a`` and ``b``, strong identifiers
    ``ids``) being one work.

    >>> from refs.dedupe.fingerprint import fingerprint
    >>> x = Entry("a", "misc", {"title": "Findings of WMT 2019", "year": "2019"})
    >>> y = Entry("b", "misc", {"title": "Findings of WMT 2020", "year": "2020"})
    >>> vetoes(fingerprint(x), fingerprint(y), x, y, ((), ()))
    ['different-title-numbers']
    """
    found = _identifier_vetoes(*ids)
    if a.year is not None and b.year is not None and abs(a.year - b.year) > 1:
        found.append("year-gap")
    if a.title and b.title and _number_tokens(a.title) != _number_tokens(b.title):
        found.append("different-title-numbers")
    found.extend(_field_vetoes(x, y))
    if _different_pages(x, y):
        found.append("different-pages-of-one-site")
    return found

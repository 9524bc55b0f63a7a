"""Evidence that two entries are different works, whatever else they share.

Each veto is a named check on a pair; `vetoes` runs them all. An arXiv DOI beside a
publisher's DOI is no veto: they are two DOIs of one work (preprint and published version).
Members of a series (annual proceedings, volumes of a book, parts of a report) share title,
editors and publisher and differ only in a number, a year or an ISBN: each of those is a veto.
"""

from __future__ import annotations

import re

from refs.dedupe.fingerprint import ARXIV_DOI_PREFIX, Fingerprint, is_short_form_of, isbns
from refs.dedupe.numbers import numbers_in, title_numbers
from refs.model import Entry

#: Entry types and venues that mark a preprint, whose volume and pages are not the venue's.
PREPRINT_TYPES = frozenset({"misc", "unpublished", "online", "techreport", "report"})
#: Types that appear in a venue (journal, proceedings, book): without one, a preprint.
VENUE_TYPES = frozenset({"article", "inproceedings", "conference", "incollection"})
#: Whole volumes (BibTeX and biblatex types): a series has one a year, so for them a year
#: apart is another volume, unless both name one ISBN. The one-year tolerance is for a paper
#: and its preprint.
VOLUME_TYPES = frozenset(
    "book mvbook proceedings mvproceedings collection mvcollection reference mvreference "
    "periodical".split()
)
#: How far apart two years may be for one work: a preprint is often a year before its venue.
YEAR_TOLERANCE = 1
_PREPRINT_VENUE = re.compile(r"arxiv|corr|preprint|biorxiv|medrxiv|ssrn", re.IGNORECASE)
#: Fields whose numbers tell members of a series apart, when neither entry is a preprint.
_SERIES_FIELDS = ("volume", "number", "pages", "chapter")
#: Hosts whose links carry a strong identifier: compared as identifiers, not as pages.
_IDENTIFIER_HOSTS = frozenset(
    "arxiv.org aclanthology.org aclweb.org openreview.net doi.org dx.doi.org".split()
)
_LINK = re.compile(r"^[a-z][a-z\d+.-]*://(?:www\.)?([^/?#]+)([^?#]*)")


def is_preprint(entry: Entry) -> bool:
    """True for an arXiv-style entry: a preprint type, a venue that is an archive, or a paper
    that names no venue. A book, a thesis or a proceedings volume names none and is no preprint.

    >>> is_preprint(Entry("a", "article", {"journal": "CoRR"})), is_preprint(Entry("b", "book"))
    (True, False)
    """
    if entry.entry_type in PREPRINT_TYPES or "abs/" in entry.get("volume"):
        return True
    venue = entry.get("journal") or entry.get("booktitle")
    if not venue:
        return entry.entry_type in VENUE_TYPES
    return bool(_PREPRINT_VENUE.search(venue))


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
        and not _one_document(page_x[1], page_y[1])
    )


def _one_document(path_x: str, path_y: str) -> bool:
    """Two paths of one site that name one document: its PDF and its HTML page, or its page
    before and after the site moved it (``/papers/Name_ICCV_2017_paper.pdf`` and
    ``/html/Name_ICCV_2017_paper.html``; ``/paper/2020/hash/20b5…-Abstract.html`` and
    ``/paper_files/paper/2020/hash/20b5…-Abstract.html``): the same distinctive last part."""
    name_x, name_y = (_VIEW.sub("", p.rsplit("/", 1)[-1]) for p in (path_x, path_y))
    return name_x == name_y and len(name_x) >= _DISTINCTIVE


#: How a site names the views of one document: ``-Abstract``, ``-Paper``.
_VIEW = re.compile(r"[-_.](?:abstract|paper|full|html|pdf)$")
#: A last path part this long names one document (``index`` or ``2020`` name none).
_DISTINCTIVE = 12


def _different_numbers(x: Entry, y: Entry, name: str) -> bool:
    value_x, value_y = x.get(name), y.get(name)
    return bool(value_x and value_y) and numbers_in(value_x) != numbers_in(value_y)


def _field_vetoes(x: Entry, y: Entry) -> list[str]:
    """Different editions or ISBNs always; different volumes, numbers, pages or chapters when
    neither is a preprint (a preprint has none of its venue's)."""
    found = []
    if _different_numbers(x, y, "edition"):
        found.append("different-edition")
    isbns_x, isbns_y = isbns(x), isbns(y)
    if isbns_x and isbns_y and not isbns_x & isbns_y:
        found.append("different-isbn")
    if is_preprint(x) or is_preprint(y):
        return found
    found.extend(f"different-{name}" for name in _SERIES_FIELDS if _different_numbers(x, y, name))
    return found


def _year_veto(a: Fingerprint, b: Fingerprint, x: Entry, y: Entry) -> bool:
    """Years further apart than a preprint and its venue can be; for whole volumes, any two
    years, unless they share an ISBN (a reprint of one volume, not the next volume)."""
    if a.year is None or b.year is None:
        return False
    volumes = x.entry_type in VOLUME_TYPES or y.entry_type in VOLUME_TYPES
    tolerance = YEAR_TOLERANCE if not volumes or isbns(x) & isbns(y) else 0
    return abs(a.year - b.year) > tolerance


def _different_title_numbers(a: Fingerprint, b: Fingerprint, x: Entry, y: Entry) -> bool:
    """Numbers that tell two titles apart (``WMT 2019``, ``Part II``); a short form is
    compared with the other title's short form, since it leaves out the subtitle's numbers."""
    if not (a.title and b.title) or title_numbers(a.title) == title_numbers(b.title):
        return False
    short = is_short_form_of(a.title, b.title, y.get("title"))
    return not (short or is_short_form_of(b.title, a.title, x.get("title")))


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
    if _year_veto(a, b, x, y):
        found.append("year-gap")
    if _different_title_numbers(a, b, x, y):
        found.append("different-title-numbers")
    found.extend(_field_vetoes(x, y))
    if _different_pages(x, y):
        found.append("different-pages-of-one-site")
    return found

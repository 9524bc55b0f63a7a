"""`Entry` -> CSL-JSON items: the only module that knows CSL variable names.

>>> from refs.model import Entry
>>> item = entry_to_csl(Entry("devlin2019bert", "inproceedings", {"title": "{BERT}: Pre-training"}))
>>> item["type"], item["title"]
('paper-conference', '<span class="nocase">BERT</span>: Pre-training')
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from types import MappingProxyType

from refs.allocation import collector_paused
from refs.bibtex.expressions import MONTH_MACROS, Strings
from refs.escaping import uri_of
from refs.latex import split_protected, to_unicode
from refs.model import Entry, Identifiers, Person, split_name_list
from refs.model.identifiers import normalise_arxiv
from refs.model.names import parse_name

#: One CSL-JSON item, ready for ``json.dumps``.
CslItem = dict[str, object]

#: The ``custom`` key listing the name roles whose BibTeX list ended in ``and others``
#: ("et al."): ``{"custom": {"and-others": ["author"]}}`` (design.md).
AND_OTHERS = "and-others"

#: BibTeX and biblatex entry types -> CSL item types; any other type becomes "document".
_TYPES: Mapping[str, str] = MappingProxyType(
    {
        "article": "article-journal",
        "inproceedings": "paper-conference",
        "conference": "paper-conference",
        "book": "book",
        "proceedings": "book",
        "inbook": "chapter",
        "incollection": "chapter",
        "phdthesis": "thesis",
        "mastersthesis": "thesis",
        "thesis": "thesis",
        "techreport": "report",
        "report": "report",
        "manual": "report",
        "misc": "document",
        "online": "webpage",
        "electronic": "webpage",
        "www": "webpage",
        "software": "software",
        "dataset": "dataset",
        "unpublished": "manuscript",
        "patent": "patent",
        "booklet": "pamphlet",
    }
)
_THESIS_GENRES: Mapping[str, str] = {"phdthesis": "PhD thesis", "mastersthesis": "Master's thesis"}

#: Where the publisher is, by entry type: a thesis names its school, a report its institution.
_PUBLISHER_FIELDS: Mapping[str, tuple[str, ...]] = {
    "phdthesis": ("school", "institution", "publisher"),
    "mastersthesis": ("school", "institution", "publisher"),
    "thesis": ("school", "institution", "publisher"),
    "techreport": ("institution", "publisher", "organization"),
    "report": ("institution", "publisher", "organization"),
    "manual": ("organization", "publisher", "institution"),
}
_DEFAULT_PUBLISHER_FIELDS = ("publisher", "organization", "institution", "school")

#: Fields copied to one CSL variable after decoding; of two fields for one variable
#: (address, location), the one the entry lists first wins.
_SIMPLE_FIELDS: Mapping[str, str] = {
    "series": "collection-title",
    "eventtitle": "event-title",
    "origtitle": "original-title",
    "shorttitle": "title-short",
    "address": "publisher-place",
    "location": "publisher-place",
    "venue": "event-place",
    "volume": "volume",
    "edition": "edition",
    "version": "version",
    "chapter": "chapter-number",
    "pagetotal": "number-of-pages",
    "note": "note",
    "abstract": "abstract",
    "isbn": "ISBN",
    "issn": "ISSN",
    "language": "language",
    "langid": "language",
    "keywords": "keyword",
    "pmid": "PMID",
    "pmcid": "PMCID",
    "type": "genre",
}
#: Where the container title is: an article's journal, anything else's book or proceedings.
_ARTICLE_CONTAINERS = ("journal", "journaltitle", "booktitle")
_CONTAINERS = ("booktitle", "journal", "journaltitle")
#: CSL title variables: brace-protected words stay protected, as citeproc-js markup.
_TITLE_VARIABLES = frozenset(
    {"title", "container-title", "collection-title", "original-title", "event-title", "title-short"}
)
_NOCASE = '<span class="nocase">{}</span>'

_MONTH_NAMES = [name.lower() for name in MONTH_MACROS.values()]
_MONTHS: Mapping[str, int] = {
    **{name: i for i, name in enumerate(_MONTH_NAMES, 1)},
    **{name[:3]: i for i, name in enumerate(_MONTH_NAMES, 1)},
    "sept": 9,
}

#: A preprint server named where a journal should be: "arXiv preprint arXiv:…", DBLP's "CoRR".
_PREPRINT_VENUE = re.compile(r"arxiv|biorxiv|medrxiv|chemrxiv|^\W*corr\W*$", re.IGNORECASE)
#: A hyphen or dash between page numbers ("1--10", "e1-e10", "1{\\textendash}10" decoded).
_PAGE_DASH = re.compile(r"(?<=[0-9A-Za-z])\s*(?:-{1,3}|[\u2010-\u2015])\s*(?=[A-Za-z]*\d)")
_MONTH_WORDS = re.compile(r"[A-Za-z]+|\d+")
_YEARS = re.compile(r"(\d{1,4})(?:\s*(?:/|-{1,3}|\u2013)\s*(\d{1,4}))?")
_ISO_DATE = re.compile(r"(-?\d{1,4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:T[\d:.+\-Z]*)?")
_URL_ESCAPE = re.compile(r"\\([_%&#$~])")
_DOI_RESOLVER = re.compile(r"^(?:https?://)?(?:dx\.)?doi\.org/|^doi:\s*", re.IGNORECASE)
_LINK = re.compile(r"^(?:\\url\s*)?\{?\s*(https?://[^\s{}]+)\s*\}?$")


#: The store's ``@string`` macros: a `Strings` table, or literal values by name.
Macros = Strings | Mapping[str, str] | None


def _table(strings: Macros) -> Strings:
    return strings if isinstance(strings, Strings) else Strings.of_text(strings or {})


def entries_to_csl(entries: Iterable[Entry], strings: Macros = None) -> list[CslItem]:
    """Every entry as a CSL-JSON item, in the order given."""
    table = _table(strings)
    with collector_paused():
        return [entry_to_csl(entry, table) for entry in entries]


def iter_csl(entries: Iterable[Entry], strings: Macros = None) -> Iterator[CslItem]:
    """Every entry as a CSL-JSON item, one at a time: for writers that stream them out."""
    table = _table(strings)
    with collector_paused():
        for entry in entries:
            yield entry_to_csl(entry, table)


def entry_to_csl(entry: Entry, strings: Macros = None) -> CslItem:
    """One entry as a CSL-JSON item: id, type, names, titles, dates, numbers, links, custom.

    ``strings`` holds the store's ``@string`` macros (names are case-insensitive), resolved
    as `refs.bibtex.expressions` says; the month macros ``jan``…``dec`` are built in.
    """
    # A plain dict: its .get is several times cheaper than the read-only proxy's.
    fields = _resolved_fields(entry, _table(strings)) if entry.macros else dict(entry.fields)
    ids = Identifiers.from_fields(fields)
    bib_type = entry.entry_type.lower()
    csl_type = _csl_type(bib_type, fields, ids)
    item: CslItem = {"id": entry.key, "type": csl_type}
    and_others = _add_names(item, fields)
    _add_titles(item, fields, bib_type)
    _add_simple_fields(item, fields)
    _add_numbers(item, fields, bib_type)
    _add_publisher(item, fields, bib_type)
    _add_dates(item, fields)
    _add_identifiers(item, fields, ids)
    if csl_type == "article":
        _as_preprint(item, ids)
    if csl_type == "thesis" and "genre" not in item and bib_type in _THESIS_GENRES:
        item["genre"] = _THESIS_GENRES[bib_type]
    item["custom"] = _custom(entry, and_others)
    return item


# --- entry types ----------------------------------------------------------------------------


def _csl_type(bib_type: str, fields: Mapping[str, str], ids: Identifiers) -> str:
    """The CSL type; an article or misc that is an arXiv (or other) preprint is "article"."""
    if bib_type == "article":
        journal = fields.get("journal") or fields.get("journaltitle")
        is_preprint = _is_preprint_venue(journal) if journal else ids.arxiv is not None
        return "article" if is_preprint else "article-journal"
    if bib_type == "misc":
        venue = fields.get("journal") or fields.get("howpublished") or ""
        return "article" if ids.arxiv or _is_preprint_venue(venue) else "document"
    return _TYPES.get(bib_type, "document")


def _is_preprint_venue(venue: str) -> bool:
    return _PREPRINT_VENUE.search(venue) is not None


# --- macros -----------------------------------------------------------------------------------


def _resolved_fields(entry: Entry, strings: Strings) -> dict[str, str]:
    return {
        name: strings.resolve(value).text if name in entry.macros else value
        for name, value in entry.fields.items()
    }


# --- names ------------------------------------------------------------------------------------


def _add_names(item: CslItem, fields: Mapping[str, str]) -> list[str]:
    """Add author/editor/translator; return the roles whose list ended in ``and others``.

    BibTeX's ``and others`` means "et al.", not a person. pandoc writes it as the name
    ``{"literal": "others"}``, which only pandoc's own citeproc renders as "et al.";
    citeproc-js and citeproc-py print it as an author called "others" ("Smith, J., & others").
    So the name is dropped and the fact kept in ``custom["and-others"]``, which the render
    engine honours (`refs.render.engine.truncation`).
    """
    and_others: list[str] = []
    for role in ("author", "editor", "translator"):
        value = fields.get(role)
        if not value:
            continue
        names: list[dict[str, str]] = []
        for name in _csl_names(value):
            if name is None:
                and_others.append(role)
            elif name:
                names.append(name.copy())  # the cached dict itself is never handed out
        if names:
            item[role] = names
    return and_others


def _csl_names(value: str) -> list[dict[str, str] | None]:
    """A BibTeX name list -> one CSL name per name; None for the ``others`` of "et al.".

    Authors repeat across entries far more than author lists do, so names are converted and
    cached one by one; the list is split as `parse_names` splits it.
    """
    return [_csl_name_of(piece) for piece in split_name_list(value)]


@lru_cache(maxsize=131072)
def _csl_name_of(text: str) -> dict[str, str] | None:
    return _csl_person(parse_name(text))


def _csl_person(person: Person) -> dict[str, str] | None:
    """One `Person` -> a CSL name (empty for an empty name); None for ``others``."""
    if person.is_others:
        return None
    if person.is_literal or _is_braced_token(person):
        return {"literal": to_unicode(person.last)}
    name: dict[str, str] = {}
    if person.last:
        name["family"] = to_unicode(person.last)
    if person.first:
        name["given"] = to_unicode(person.first)
    if person.von:
        name["non-dropping-particle"] = to_unicode(person.von)
    if person.jr:
        name["suffix"] = to_unicode(person.jr)
    return name


def _is_braced_token(person: Person) -> bool:
    """``{UNESCO}``: one protected group and nothing else is a name to print as it stands."""
    if person.first or person.von or person.jr or not person.last.startswith("{"):
        return False
    segments = split_protected(person.last)
    return len(segments) == 1 and segments[0].is_protected


# --- titles and plain fields ------------------------------------------------------------------


def _title(value: str) -> str:
    """Decoded title; brace-protected words as ``<span class="nocase">`` (citeproc-js, pandoc)."""
    return _protected_title(value) if "{" in value else to_unicode(value)


@lru_cache(maxsize=16384)
def _protected_title(value: str) -> str:
    # A protected run without letters that have case ("{2020}") needs no protection.
    return "".join(
        _NOCASE.format(s.text) if s.is_protected and s.text.lower() != s.text.upper() else s.text
        for s in split_protected(value)
    )


def _add_titles(item: CslItem, fields: Mapping[str, str], bib_type: str) -> None:
    title = fields.get("title", "")
    if title:
        subtitle = fields.get("subtitle")
        item["title"] = _title(f"{title}: {subtitle}" if subtitle else title)
    order = _ARTICLE_CONTAINERS if bib_type == "article" else _CONTAINERS
    container = ""
    for name in order:
        container = fields.get(name, "")
        if container:
            break
    # A proceedings entry often repeats its own title as booktitle.
    if container and container != title:
        item["container-title"] = _title(container)


def _add_simple_fields(item: CslItem, fields: Mapping[str, str]) -> None:
    for name, value in fields.items():
        variable = _SIMPLE_FIELDS.get(name)
        if variable is None or variable in item or not value:
            continue
        text = _title(value) if variable in _TITLE_VARIABLES else to_unicode(value)
        if text:
            item[variable] = text


def _add_numbers(item: CslItem, fields: Mapping[str, str], bib_type: str) -> None:
    number = fields.get("number") or fields.get("issue")
    if number:
        item["issue" if bib_type == "article" else "number"] = to_unicode(number)
    pages = fields.get("pages")
    if pages:
        item["page"] = _page(pages)


@lru_cache(maxsize=65536)
def _page(value: str) -> str:
    """Pages with an en dash in each range: ``1--10`` and ``1-10`` -> ``1–10``."""
    return _PAGE_DASH.sub("\u2013", to_unicode(value))


def _add_publisher(item: CslItem, fields: Mapping[str, str], bib_type: str) -> None:
    publisher = ""
    for name in _PUBLISHER_FIELDS.get(bib_type, _DEFAULT_PUBLISHER_FIELDS):
        publisher = fields.get(name, "")
        if publisher:
            break
    howpublished = fields.get("howpublished", "")
    # howpublished is a link, a preprint venue ("arXiv preprint …") or, rarely, a publisher.
    if not publisher and howpublished and not _is_link_or_preprint(howpublished):
        publisher = howpublished
    if publisher:
        item["publisher"] = to_unicode(publisher)


# --- dates ------------------------------------------------------------------------------------


def _add_dates(item: CslItem, fields: Mapping[str, str]) -> None:
    date = fields.get("date")
    if date:
        _set_date(item, "issued", _date(date))
    else:
        _set_date(item, "issued", _year_month(fields.get("year", ""), fields.get("month", "")))
    for name, variable in (("urldate", "accessed"), ("origdate", "original-date")):
        value = fields.get(name)
        if value:
            _set_date(item, variable, _date(value))


#: A CSL date, frozen for the cache: a literal, or date parts (one per end of a range);
#: empty when there is no date.
FrozenDate = str | tuple[tuple[int, ...], ...]


def _set_date(item: CslItem, variable: str, date: FrozenDate) -> None:
    if isinstance(date, str):
        if date:
            item[variable] = {"literal": date}
    elif date:
        item[variable] = {"date-parts": [list(parts) for parts in date]}


@lru_cache(maxsize=4096)
def _date(value: str) -> FrozenDate:
    """A biblatex date (``2020-05-17``, ``2020-05``, range ``2020/2021``) as a CSL date."""
    text = to_unicode(value)
    ends = [_iso_parts(part) for part in text.split("/")]
    # An open end ("2020/" or "2020/..") has no CSL form; the known end stands alone.
    parts = tuple(end for end in ends if end)
    if not parts or len(ends) > 2 or any(end is None for end in ends):
        return text
    return parts


def _iso_parts(text: str) -> tuple[int, ...] | None:
    """``2020-05-17`` -> (2020, 5, 17); an empty or ``..`` end -> (); anything else -> None."""
    text = text.strip()
    if text in {"", ".."}:
        return ()
    match = _ISO_DATE.fullmatch(text)
    if match is None:
        return None
    return tuple(int(part) for part in match.groups() if part is not None)


@lru_cache(maxsize=4096)
def _year_month(year_value: str, month_value: str) -> FrozenDate:
    """``year`` (and ``month``) -> a CSL date; a year that is no number is kept as a literal."""
    year = to_unicode(year_value)
    match = _YEARS.fullmatch(year)
    if match is None:
        return year
    start, end = match.groups()
    if end is not None:
        return ((int(start),), (int(end),))
    months = _months(to_unicode(month_value))
    return tuple((int(start), *month) for month in months) or ((int(start),),)


def _months(text: str) -> list[tuple[int, ...]]:
    """A month field -> date parts after the year: "5", "May", "may", "May 17", "jun--jul"."""
    words = _MONTH_WORDS.findall(text)
    if len(words) == 1:
        month = _month(words[0])
        return [(month,)] if month else []
    if len(words) == 2:
        first, second = (_month(word) for word in words)
        if first and second:
            return [(first,), (second,)]
        month, day = (first, words[1]) if first else (second, words[0])
        if month and day.isdigit() and 1 <= int(day) <= 31:
            return [(month, int(day))]
    return []


def _month(word: str) -> int | None:
    if word.isdigit():
        number = int(word)
        return number if 1 <= number <= 12 else None
    return _MONTHS.get(word.lower())


# --- identifiers and links --------------------------------------------------------------------


def _add_identifiers(item: CslItem, fields: Mapping[str, str], ids: Identifiers) -> None:
    """DOI and URL: the arXiv DOI and abstract page stand in only where the entry has no DOI
    or URL of its own."""
    doi = _doi(fields.get("doi", ""), ids)
    if doi:
        item["DOI"] = doi
    url = _url(fields, ids)
    if url:
        # a URI, whatever the field held: a space or ``<"`` percent-encoded (RFC 3986)
        item["URL"] = uri_of(url)


def _as_preprint(item: CslItem, ids: Identifiers) -> None:
    """An arXiv preprint as Zotero's preprint item maps to CSL (type "article"): the archive
    id is ``number`` ("arXiv:2201.11903"), the repository is ``publisher`` ("arXiv").

    A container that only names the preprint server ("arXiv preprint arXiv:2201.11903",
    "ArXiv", DBLP's "CoRR") is that same repository and id again, so it is dropped: styles
    print the number and publisher of an "article" (APA "(arXiv:2201.11903). arXiv."), and
    would print the container beside them. ``primaryclass`` (cs.CL) is left out: CSL has no
    variable for a subject class, and ``genre`` would print it where styles expect
    "Preprint". DBLP's volume ``abs/2104.08691`` is the id once more, and goes too.
    Without an arXiv id, a preprint server's name stays the container: it is the only place
    the venue is said.
    """
    if ids.arxiv is None:
        return
    container = item.get("container-title")
    if isinstance(container, str) and _is_preprint_venue(container):
        del item["container-title"]
    volume = item.get("volume")
    if isinstance(volume, str) and normalise_arxiv(volume) == ids.arxiv:
        del item["volume"]
    item.setdefault("number", f"arXiv:{ids.arxiv}")
    item.setdefault("publisher", "arXiv")


def _doi(field: str, ids: Identifiers) -> str | None:
    """The DOI as the field spells it (case kept) when it is the normalised one."""
    if ids.doi is None:
        return f"10.48550/arXiv.{ids.arxiv}" if ids.arxiv else None
    spelled = field.strip()
    if spelled.lower() != ids.doi:
        spelled = _DOI_RESOLVER.sub("", spelled.strip("{}").replace("\\_", "_")).strip()
    return spelled if spelled.lower() == ids.doi else ids.doi


def _url(fields: Mapping[str, str], ids: Identifiers) -> str | None:
    link = ids.url or _link(fields.get("howpublished", ""))
    if link:
        return _URL_ESCAPE.sub("\\1", link) if "\\" in link else link
    return f"https://arxiv.org/abs/{ids.arxiv}" if ids.arxiv else None


def _is_link_or_preprint(value: str) -> bool:
    return _link(value) is not None or _is_preprint_venue(value)


def _link(value: str) -> str | None:
    """The URL of a value that is only a link (``\\url{https://…}``), else None."""
    match = _LINK.match(value.strip())
    return match.group(1) if match else None


def _custom(entry: Entry, and_others: list[str]) -> dict[str, object]:
    """Provenance and retired keys, under the names design.md fixes."""
    custom: dict[str, object] = {
        "sources": [
            {"file": source.file, "line": source.line, "label": source.label}
            for source in entry.sources
        ],
        "ids": list(entry.ids),
    }
    if and_others:
        custom[AND_OTHERS] = and_others
    return custom

"""Which store entry an imported occurrence belongs to: same provenance, or same identifier.

Never by title alone across documents: fuzzy same-work detection is `refs dedupe`'s job.
"""

from __future__ import annotations

from collections.abc import Container, Iterable
from dataclasses import dataclass, field

from refs.bibtex.keypattern import fold
from refs.dedupe.fingerprint import normalise_title
from refs.dedupe.match import identifier_titles_differ
from refs.model import Entry

#: Identifier kinds that name one work. URLs only count when neither side has one of these.
STRONG_KINDS = ("arxiv", "doi", "acl", "openreview")


def signature(entry: Entry) -> tuple[str, str, str]:
    """What identifies an occurrence of a document across re-imports (its lines may shift):
    title, year and first author, folded."""
    authors = entry.names("author")
    first = fold(authors[0].last) if authors else ""
    return fold(entry.get("title")) or fold(entry.get("refs-raw")), entry.get("year"), first


def normalised_url(url: str) -> str:
    """A URL reduced to what names the page: no scheme, ``www.``, fragment or trailing slash."""
    url = url.strip().split("#", 1)[0].rstrip("/")
    for prefix in ("https://", "http://"):
        if url.lower().startswith(prefix):
            url = url[len(prefix) :]
    host, _, path = url.partition("/")
    host = host.lower().removeprefix("www.")
    return f"{host}/{path}" if path else host


def identity(entry: Entry) -> list[tuple[str, str]]:
    """The (kind, value) pairs that name the entry's work: strong identifiers, else its URL."""
    ids = entry.identifiers
    strong = [(kind, value) for kind, value in ids.items() if kind in STRONG_KINDS]
    if strong:
        return strong
    return [("url", normalised_url(ids.url))] if ids.url else []


def _families(entry: Entry) -> set[str]:
    return {fold(p.last) for p in entry.names("author") if not p.is_others} - {""}


def compatible(a: Entry, b: Entry, *, authors: bool = True, titles: bool = False) -> bool:
    """False when the two name different works: an identifier of the same kind differs, (with
    ``authors``) both list authors and no family name is shared, or (with ``titles``) both
    print titles too unlike for one work, as `refs dedupe` vetoes them."""
    left, right = dict(identity(a)), dict(identity(b))
    if any(left[kind] != right[kind] for kind in left.keys() & right.keys() if kind != "doi"):
        return False
    if titles and identifier_titles_differ(
        normalise_title(a.get("title")), normalise_title(b.get("title"))
    ):
        return False
    if not authors:
        return True
    families_a, families_b = _families(a), _families(b)
    return not (families_a and families_b and not families_a & families_b)


@dataclass
class Index:
    """Store entries by identifier, kept current while an import adds and updates entries."""

    #: Every entry (its key) with each identifier, first seen first.
    by_id: dict[tuple[str, str], dict[str, None]] = field(default_factory=dict)

    @classmethod
    def of(cls, entries: Iterable[Entry]) -> Index:
        index = cls()
        for entry in entries:
            index.add(entry)
        return index

    def add(self, entry: Entry) -> None:
        for pair in identity(entry):
            self.by_id.setdefault(pair, {})[entry.key] = None

    def find(
        self, entry: Entry, get: dict[str, Entry], same_document: Container[str] = ()
    ) -> str | None:
        """The key of a store entry with one of ``entry``'s identifiers and none against it.

        An entry in ``same_document`` (folded keys of entries that already hold an occurrence
        of the document ``entry`` comes from) is that work even when the authors read
        differently: one document prints one work under one identifier, and under one title.
        Two titles too unlike for one work there are two works, one of which copied its
        neighbour's link (a table row pasted from the row above).
        """
        for pair in identity(entry):
            for key in self.by_id.get(pair, ()):
                folded = key.casefold()
                here = folded in same_document
                if folded in get and compatible(entry, get[folded], authors=not here, titles=here):
                    return key
        return None

"""What search shows of an entry: key, title, authors, year, venue, identifiers, as Unicode."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from refs.latex import to_unicode
from refs.model import Entry, Person

#: Fields that name where a work appeared, first present wins.
VENUE_FIELDS = ("booktitle", "journal", "publisher", "school", "institution", "howpublished")


def plain(value: str) -> str:
    """A BibTeX value as plain Unicode (LaTeX decoded only when there is markup)."""
    return to_unicode(value) if ("\\" in value or "{" in value) else " ".join(value.split())


def _person(person: Person) -> str:
    return plain(" ".join(p for p in (person.first, person.von, person.last, person.jr) if p))


@dataclass(frozen=True, slots=True)
class SearchRecord:
    """One entry as search indexes and shows it.

    >>> r = record_of(Entry("k", "misc", {"author": "K{\\\\\\"o}pf, A.", "title": "{LIMA}"}))
    >>> r.authors, r.title
    (('A. Köpf',), 'LIMA')
    """

    key: str
    title: str
    authors: tuple[str, ...]
    year: str
    venue: str
    identifiers: tuple[tuple[str, str], ...]
    aliases: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of ``refs list --json`` / ``refs search --json`` (without score)."""
        return {
            "key": self.key,
            "title": self.title,
            "authors": list(self.authors),
            "year": self.year,
            "venue": self.venue,
            "identifiers": dict(self.identifiers),
            "ids": list(self.aliases),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SearchRecord:
        """The inverse of `as_dict` (the index stores records as JSON)."""
        return cls(
            data["key"],
            data["title"],
            tuple(data["authors"]),
            data["year"],
            data["venue"],
            tuple(data["identifiers"].items()),
            tuple(data["ids"]),
        )

    def line(self) -> str:
        """One line for the terminal: ``key  year  First Author et al.  Title``."""
        authors = self.authors[0] if self.authors else ""
        if len(self.authors) > 1:
            authors += " et al."
        return "\t".join((self.key, self.year, authors, self.title))


def record_of(entry: Entry) -> SearchRecord:
    """The search record of a store entry."""
    persons = entry.names("author") or entry.names("editor")
    venue = next((entry.fields[f] for f in VENUE_FIELDS if entry.fields.get(f)), "")
    title = entry.get("title") or entry.get("refs-raw")
    return SearchRecord(
        key=entry.key,
        title=plain(title),
        authors=tuple(_person(p) for p in persons if not p.is_others),
        year=entry.get("year").strip(),
        venue=plain(venue),
        identifiers=tuple(entry.identifiers.items()),
        aliases=entry.ids,
    )

"""`Entry`: one bibliography entry, its provenance and its retired keys."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType

from refs.model.identifiers import Identifiers
from refs.model.names import Person, parse_names

#: Fields whose value is a list of BibTeX names.
NAME_FIELDS: tuple[str, ...] = ("author", "editor", "translator")


class EntryType(StrEnum):
    """The entry types refs understands; others are kept as they are spelled (lower-cased)."""

    ARTICLE = "article"
    BOOK = "book"
    BOOKLET = "booklet"
    CONFERENCE = "conference"
    DATASET = "dataset"
    INBOOK = "inbook"
    INCOLLECTION = "incollection"
    INPROCEEDINGS = "inproceedings"
    MANUAL = "manual"
    MASTERSTHESIS = "mastersthesis"
    MISC = "misc"
    ONLINE = "online"
    PATENT = "patent"
    PHDTHESIS = "phdthesis"
    PROCEEDINGS = "proceedings"
    REPORT = "report"
    SOFTWARE = "software"
    TECHREPORT = "techreport"
    THESIS = "thesis"
    UNPUBLISHED = "unpublished"


@dataclass(frozen=True, slots=True)
class SourceLocation:
    """Where an entry was read from: the document as given, the 1-based line, the label there.

    >>> str(SourceLocation("sources/002.txt", 1069, "3"))
    'sources/002.txt:1069 [3]'
    """

    file: str
    line: int
    label: str | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}"
        return where if self.label is None else f"{where} [{self.label}]"


def _frozen(mapping: Mapping[str, str]) -> Mapping[str, str]:
    return mapping if isinstance(mapping, MappingProxyType) else MappingProxyType(dict(mapping))


@dataclass(frozen=True, slots=True)
class Entry:
    """One entry of the store.

    ``fields`` maps lower-case BibTeX field names to their values as BibTeX holds them (LaTeX
    markup and protective braces kept, outer delimiters removed), in the order read. Field names
    listed in ``macros`` hold a BibTeX expression instead (``jan``, ``acl # " 2020"``), verbatim.
    ``sources`` and ``ids`` are the store's own fields, typed; they never appear in ``fields``.

    >>> e = Entry("zhou2023lima", "inproceedings", {"title": "{LIMA}: Less Is More"})
    >>> e.fields["title"]
    '{LIMA}: Less Is More'
    """

    key: str
    entry_type: str
    fields: Mapping[str, str] = field(default_factory=dict)
    sources: tuple[SourceLocation, ...] = ()
    ids: tuple[str, ...] = ()
    macros: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        object.__setattr__(self, "fields", _frozen(self.fields))

    @property
    def known_type(self) -> EntryType | None:
        """The entry type as an `EntryType`, or None for a type refs does not know."""
        try:
            return EntryType(self.entry_type)
        except ValueError:
            return None

    def names(self, role: str = "author") -> tuple[Person, ...]:
        """The persons of a name field (``author``, ``editor``…), parsed on each call."""
        if role in self.macros:
            return ()
        return parse_names(self.fields.get(role, ""))

    @property
    def persons(self) -> Mapping[str, tuple[Person, ...]]:
        """Every name field that is present, parsed: ``{"author": (...), "editor": (...)}``."""
        return {role: self.names(role) for role in NAME_FIELDS if role in self.fields}

    @property
    def identifiers(self) -> Identifiers:
        """The normalised identifiers found in the fields (arXiv, DOI, ACL, OpenReview, URL)."""
        return Identifiers.from_fields(self.fields)

    def get(self, name: str, default: str = "") -> str:
        """A field's value, or ``default`` when absent."""
        return self.fields.get(name, default)

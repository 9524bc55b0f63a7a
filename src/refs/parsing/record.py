"""What the document parser returns: `Record`, `EmbeddedBibtex` and `ParseResult`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType

from refs.document import Document
from refs.errors import Problem
from refs.model import SourceLocation


class Shape(StrEnum):
    """The shape an occurrence had in its document; it decides how the text is read."""

    #: ``<a id="ref3">[3]</a> …``, ``[3] …``, ``3. …``, ``3) …`` or a bullet holding a citation.
    CITATION = "citation"
    #: ``[Title](url)`` or ``[**Title**](url)`` opening a list item or a line, with notes after it.
    LINK = "link"
    #: A bullet holding a paper URL, perhaps after a few words naming it.
    BARE_URL = "bare-url"
    #: A row of a Markdown or HTML table whose rows are papers.
    TABLE_ROW = "table-row"
    #: A link in running text whose text is a title and whose target is a paper.
    PROSE_LINK = "prose-link"


@dataclass(frozen=True, slots=True)
class Record:
    """One reference occurrence, read into BibTeX fields, with where it came from.

    ``fields`` holds BibTeX field values (titles brace-protected, ``author`` a BibTeX name
    list, pages with ``--``); ``raw`` is the occurrence's text exactly as the document has it.

    >>> r = Record(SourceLocation("README.md", 12, "3"), "misc", {"title": "{LIMA}"}, "[3] LIMA")
    >>> r.fields["title"], str(r.source)
    ('{LIMA}', 'README.md:12 [3]')
    """

    source: SourceLocation
    entry_type: str
    fields: Mapping[str, str]
    raw: str
    flags: tuple[str, ...] = ()
    shape: Shape = Shape.CITATION

    def __post_init__(self) -> None:
        if not isinstance(self.fields, MappingProxyType):
            object.__setattr__(self, "fields", MappingProxyType(dict(self.fields)))


@dataclass(frozen=True, slots=True)
class EmbeddedBibtex:
    """One ``@type{…}`` entry found in a fenced block; the BibTeX codec reads ``text``.

    ``line`` is the line of ``@type{`` in the document, not the line of the fence.
    """

    file: str
    line: int
    text: str


@dataclass(frozen=True, slots=True)
class ParseResult:
    """Everything one document holds: references, embedded BibTeX, and what looked wrong."""

    records: tuple[Record, ...] = ()
    bibtex: tuple[EmbeddedBibtex, ...] = ()
    problems: tuple[Problem, ...] = field(default=())
    #: The parsed document, for readers of the same text that come after (the catalog).
    document: Document | None = field(default=None, compare=False)

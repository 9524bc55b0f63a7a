"""Does a row's paper link name the same work as an entry? Compare identifiers, never titles.

An identifier is a ``(kind, value)`` pair: ``("arxiv", "2104.08773")``, ``("doi", …)``,
``("acl", …)``, ``("openreview", …)``, or ``("url", "host/path")`` for any other link. A URL is
evidence that two things agree, never that they differ (a blog post and a paper can be one work).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from refs.model import Entry
from refs.model.identifiers import (
    Identifiers,
    acl_id_from_url,
    normalise_arxiv,
    normalise_doi,
    openreview_id_from_url,
)

Identifier = tuple[str, str]
#: Kinds that name exactly one work, so that two different values mean two different works.
EXACT_KINDS = frozenset({"arxiv", "doi", "acl", "openreview"})


class Agreement(StrEnum):
    """What comparing a row's link with an entry says."""

    SAME = "same"
    DIFFERENT = "different"
    UNKNOWN = "unknown"


def _plain_url(url: str) -> str:
    url = url.strip().split()[0] if url.strip() else ""
    url = url.split("://", 1)[-1].removeprefix("www.").split("#")[0].rstrip("/")
    return url.removesuffix(".pdf").lower()


def link_identifiers(urls: Iterable[str]) -> frozenset[Identifier]:
    """The identifiers the links carry.

    >>> sorted(link_identifiers(["https://arxiv.org/pdf/2104.08773.pdf"]))
    [('arxiv', '2104.08773'), ('url', 'arxiv.org/pdf/2104.08773')]
    """
    found: set[Identifier] = set()
    for url in urls:
        lowered = url.lower()
        arxiv = normalise_arxiv(url) if "arxiv.org" in lowered else None
        doi = normalise_doi(url) if "doi.org/" in lowered else None
        pairs = [
            ("arxiv", arxiv),
            ("doi", doi),
            ("acl", acl_id_from_url(url)),
            ("openreview", openreview_id_from_url(url)),
            ("url", _plain_url(url) if "://" in url else None),
        ]
        found.update((kind, value) for kind, value in pairs if value)
    return frozenset(found)


@dataclass(frozen=True, slots=True)
class EntryIdentity:
    """An entry's identifiers: ``linked`` from its own link (what ``#refN`` readers click),
    ``printed`` from its fields (eprint, doi, the venue text)."""

    linked: frozenset[Identifier]
    printed: frozenset[Identifier]

    @property
    def every(self) -> frozenset[Identifier]:
        """Both sets."""
        return self.linked | self.printed


def entry_identity(entry: Entry) -> EntryIdentity:
    """The identifiers of ``entry``, split by where they come from."""
    url = entry.get("url")
    linked = link_identifiers([url]) if url else frozenset()
    printed = frozenset(Identifiers.from_fields(entry.fields).items()) - {("url", url)}
    return EntryIdentity(linked, printed)


def agreement(row: frozenset[Identifier], entry: EntryIdentity) -> Agreement:
    """SAME when they share an identifier; DIFFERENT when they have an exact kind in common but
    no identifier; else UNKNOWN."""
    if row & entry.every:
        return Agreement.SAME
    kinds = {kind for kind, _ in row} & {kind for kind, _ in entry.every} & EXACT_KINDS
    return Agreement.DIFFERENT if kinds else Agreement.UNKNOWN


def link_score(row: frozenset[Identifier], entry: EntryIdentity) -> int:
    """How strongly a row's link points at an entry: 2 through the entry's own link, 1 through
    an identifier printed in its text, 0 not at all."""
    if row & entry.linked:
        return 2
    return 1 if row & entry.printed else 0

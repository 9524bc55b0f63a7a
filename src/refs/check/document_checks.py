"""Checks of the documents themselves: missing, refused, changed since import, broken in-page
anchors."""

from __future__ import annotations

import re
from collections.abc import Iterator

from refs.check.findings import CheckContext, Finding
from refs.document import parse
from refs.document.anchors import anchors, page_links
from refs.errors import Severity

#: A fragment naming a numbered entry (``ref3``, ``r-12``): the anchors a catalog links to.
_NUMBERED = re.compile(r"[A-Za-z_-]*\d+")


def missing_documents(context: CheckContext) -> Iterator[Finding]:
    """A document the catalog or the sources name that cannot be read here."""
    for file, text in context.documents.items():
        if text is None:
            yield Finding(
                file,
                0,
                Severity.WARNING,
                "missing-document",
                f"{file} cannot be read, so its anchors were not checked",
                "run refs check in the project folder the documents were imported in",
            )


def refused_documents(context: CheckContext) -> Iterator[Finding]:
    """A name in the store or the catalog that refs would not open: outside the project folder,
    not a regular file (a FIFO, a device), or too large. Never suggests importing it."""
    for file, reason in context.refused.items():
        yield Finding(
            file,
            0,
            Severity.WARNING,
            "refused-document",
            f"{file} was not read: {reason}",
            "correct or remove this name in the store's sources or the catalog's documents",
        )


def skipped_documents(context: CheckContext) -> Iterator[Finding]:
    """A document not read because the ones before it took all that `refs check` reads: its
    anchors are not checked, and this says so rather than pass in silence."""
    for file, reason in context.skipped.items():
        yield Finding(
            file,
            0,
            Severity.WARNING,
            "skipped-document",
            f"{file} was not read: {reason}",
            "remove names of documents that are not yours from the store's sources or the "
            "catalog's documents, or check the large documents apart",
        )


def stale_documents(context: CheckContext) -> Iterator[Finding]:
    """A document that changed since its catalog was read."""
    for file, digest in context.catalog.documents.items():
        now = context.digests.get(file)
        if now is not None and digest and now != digest:
            yield Finding(
                file,
                0,
                Severity.WARNING,
                "stale-catalog",
                f"{file} changed since it was imported; its catalog rows may be out of date",
                f"refs import {file}",
            )


def _broken_links(text: str) -> list[tuple[int, str]]:
    """(line, fragment) of each in-page link to a numbered anchor ``text`` does not define."""
    document = parse(text)
    targets = anchors(document)
    return [
        (link.line, link.fragment)
        for link in page_links(document)
        if _NUMBERED.fullmatch(link.fragment) and link.fragment not in targets
    ]


def broken_anchors(context: CheckContext) -> Iterator[Finding]:
    """An in-page link ``#ref3`` to a numbered anchor the document does not define, reported
    under each name the document goes by (read once, it is one text: looked at once)."""
    seen: dict[int, list[tuple[int, str]]] = {}  # by the text's identity
    for file, text in context.documents.items():
        if text is None:
            continue
        broken = seen.get(id(text))
        if broken is None:
            broken = seen[id(text)] = _broken_links(text)
        for number, fragment in broken:
            yield Finding(
                file,
                number,
                Severity.ERROR,
                "broken-anchor",
                f"link to #{fragment}, but nothing in {file} has id={fragment!r}",
                f'add <a id="{fragment}"></a> to the entry it means, or fix the link',
            )

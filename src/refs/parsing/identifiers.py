"""Identifiers printed in an occurrence's text or carried by its links, and what a paper URL is."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from refs.model.identifiers import (
    acl_id_from_url,
    normalise_arxiv,
    normalise_doi,
    openreview_id_from_url,
)
from refs.parsing.markup import Link
from refs.vocabulary import words

#: Possessive runs of space and a bounded archive name (``cond-mat``): linear on long runs.
_ARXIV_IN_TEXT = re.compile(
    r"(?:\barxiv(?:\s*+preprint)?(?:\s*+arxiv)?\s*+[:/.]?\s*+|\babs/)"
    r"(\d{4}\.\d{4,5}(?:v\d+)?|[a-z][a-z-]{0,19}(?:\.[A-Z]{2})?/\d{7}(?:v\d+)?)",
    re.IGNORECASE,
)
_DOI_IN_TEXT = re.compile(r"(?:\bdoi:\s*|(?<![/\w.]))(10\.\d{4,9}/[^\s\"<>{}\]]+)", re.IGNORECASE)
#: Hosts whose links are papers (besides arXiv, DOI, ACL Anthology and OpenReview).
_PAPER_HOSTS = words("paper_hosts")


@dataclass(frozen=True, slots=True)
class FoundIds:
    """Normalised identifiers of one occurrence, split by where they were printed."""

    text_arxiv: tuple[str, ...] = ()
    text_doi: tuple[str, ...] = ()
    link_arxiv: tuple[str, ...] = ()
    link_doi: tuple[str, ...] = ()
    acl: tuple[str, ...] = ()
    openreview: tuple[str, ...] = ()

    @property
    def arxiv(self) -> str | None:
        """The printed arXiv id if any (the text is what the author wrote), else the link's."""
        return next(iter(self.text_arxiv + self.link_arxiv), None)

    @property
    def doi(self) -> str | None:
        """The printed DOI if any, else the one in a doi.org link."""
        return next(iter(self.text_doi + self.link_doi), None)

    @property
    def mismatches(self) -> tuple[str, ...]:
        """Descriptions of ids printed in the text that differ from the ids in the links."""
        out = []
        if self.text_arxiv and self.link_arxiv and not set(self.text_arxiv) & set(self.link_arxiv):
            out.append(
                f"text says arXiv:{self.text_arxiv[0]}, link says arXiv:{self.link_arxiv[0]}"
            )
        if self.text_doi and self.link_doi and not set(self.text_doi) & set(self.link_doi):
            out.append(f"text says doi:{self.text_doi[0]}, link says doi:{self.link_doi[0]}")
        return tuple(out)


def _unique(values: list[str | None]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))


def find_identifiers(text: str, links: tuple[Link, ...]) -> FoundIds:
    """The identifiers in ``text`` (links already taken out of it) and in ``links``.

    >>> ids = find_identifiers("arXiv preprint arXiv:2212.09689", (Link("Paper",
    ...     "https://arxiv.org/pdf/2104.08773v2.pdf"),))
    >>> ids.arxiv, ids.link_arxiv, ids.mismatches[0]
    ('2212.09689', ('2104.08773',), 'text says arXiv:2212.09689, link says arXiv:2104.08773')
    """
    urls = [link.url for link in links]
    return FoundIds(
        text_arxiv=_unique([normalise_arxiv(m.group(0)) for m in _ARXIV_IN_TEXT.finditer(text)]),
        text_doi=_unique([normalise_doi(m.group(1)) for m in _DOI_IN_TEXT.finditer(text)]),
        link_arxiv=_unique([normalise_arxiv(u) for u in urls if "arxiv.org" in u.lower()]),
        link_doi=_unique([normalise_doi(u) for u in urls if "doi.org/" in u.lower()]),
        acl=_unique([acl_id_from_url(u) for u in urls]),
        openreview=_unique([openreview_id_from_url(u) for u in urls]),
    )


def remove_identifiers(text: str) -> str:
    """``text`` without printed arXiv ids and DOIs, so that their digits are not read as years."""
    text = re.sub(r"\babs/\S+", " ", text, flags=re.IGNORECASE)
    text = re.sub(r"(?<=arxiv)\s*+:?\s*+\d{4}\.\d{4,5}(v\d+)?", "", text, flags=re.IGNORECASE)
    return _DOI_IN_TEXT.sub(" ", text)


def is_paper_url(url: str) -> bool:
    """True for links to a paper: arXiv, DOI, ACL Anthology, OpenReview, publishers, a PDF.

    >>> is_paper_url("https://openreview.net/forum?id=gEZrGCozdqR"), is_paper_url("https://x.ai/")
    (True, False)
    """
    parts = urlsplit(url)
    host = parts.netloc.lower().removeprefix("www.")
    if not host:
        return False
    if "arxiv.org" in host or host.endswith("doi.org"):
        return True
    if acl_id_from_url(url) or openreview_id_from_url(url) or host.endswith("aclanthology.org"):
        return True
    if parts.path.lower().endswith(".pdf"):
        return True
    return _on_host(host, _PAPER_HOSTS)


def year_from_identifiers(arxiv: str | None, acl: tuple[str, ...]) -> str | None:
    """The year a new-style arXiv id (``2306.…`` → 2023) or ACL Anthology id implies."""
    if arxiv and re.fullmatch(r"\d{4}\.\d{4,5}", arxiv):
        yy = int(arxiv[:2])
        if 7 <= yy <= 99:
            return str(2000 + yy)
    for acl_id in acl:
        if re.match(r"(19|20)\d{2}\.", acl_id):
            return acl_id[:4]
        old = re.fullmatch(r"[A-Z](\d{2})-\d{4}", acl_id)
        if old:
            yy = int(old.group(1))
            return str(1900 + yy if yy >= 50 else 2000 + yy)
    return None


def _on_host(host: str, hosts: frozenset[str]) -> bool:
    """``host`` is one of ``hosts`` or a subdomain of one (``www.``, ``papers.``)."""
    labels = host.split(".")
    return any(".".join(labels[n:]) in hosts for n in range(len(labels) - 1))

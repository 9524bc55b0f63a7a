"""Identifiers printed in an occurrence's text or carried by its links, and what a paper URL is."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from refs.model.identifiers import (
    acl_id_from_doi,
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
#: Publisher hosts whose links carry the work's DOI in their path (``data/doi_hosts.txt``).
_DOI_HOSTS = words("doi_hosts")
#: Host and path of a link (a regex: urlsplit is slow on many links).
_HOST_PATH = re.compile(r"^[A-Za-z][A-Za-z\d+.-]*://([^/?#]*)([^?#]*)")
#: A DOI in a link's path, from its ``10.`` to the end of the path (``/10.1145/3394486.3406703``).
_DOI_IN_PATH = re.compile(r"(?<=/)10\.\d{4,9}/[^?#\s]+")
#: What a landing or delivery path puts after the DOI: ``.pdf``, ``/fulltext``, ``/abstract``.
_AFTER_DOI = re.compile(r"(?:\.pdf|/(?:full|fulltext|abstract|abs|pdf|epdf|html))?/*$", re.I)


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
    text_doi = _unique([normalise_doi(m.group(1)) for m in _DOI_IN_TEXT.finditer(text)])
    link_doi = _unique([doi_from_url(u) for u in urls])
    return FoundIds(
        text_arxiv=_unique([normalise_arxiv(m.group(0)) for m in _ARXIV_IN_TEXT.finditer(text)]),
        text_doi=text_doi,
        link_arxiv=_unique([normalise_arxiv(u) for u in urls if "arxiv.org" in u.lower()]),
        link_doi=link_doi,
        # an Anthology paper linked by its DOI (``doi.org/10.18653/v1/2022.acl-long.585``)
        acl=_unique(
            [acl_id_from_url(u) for u in urls]
            + [acl_id_from_doi(d) for d in (*link_doi, *text_doi)]
        ),
        openreview=_unique([openreview_id_from_url(u) for u in urls]),
    )


def doi_from_url(url: str) -> str | None:
    """The DOI a link carries: a doi.org link, or a publisher page whose path holds the DOI.

    ``dl.acm.org/doi/…`` (also ``/doi/abs/``, ``/doi/pdf/``), ``link.springer.com/chapter/…``,
    ``/article/…`` and ``/content/pdf/10.1007%2F….pdf``, ``onlinelibrary.wiley.com/doi/…``,
    ``tandfonline.com/doi/…``, ``pubs.acs.org/doi/…``, ``morganclaypool.com/doi/…``. Hosts
    whose paths hold an article number (ieeexplore ``/document/N``, ACM ``citation.cfm?id=N``)
    give none.

    >>> doi_from_url("https://link.springer.com/content/pdf/10.1007%2F978-3-540-27868-9_4.pdf")
    '10.1007/978-3-540-27868-9_4'
    >>> doi_from_url("https://ieeexplore.ieee.org/document/9157445") is None
    True
    """
    parts = _HOST_PATH.match(url.strip())
    if parts is None or not _on_host(parts.group(1).lower(), _DOI_HOSTS):
        return None
    path = unquote(parts.group(2))
    found = _DOI_IN_PATH.search(path)
    if found is None:
        return None
    return normalise_doi(_AFTER_DOI.sub("", found.group(0)))


def remove_identifiers(text: str) -> str:
    """``text`` without printed arXiv ids and DOIs, so that their digits are not read as years."""
    text = re.sub(r"\babs/\S+", " ", text, flags=re.IGNORECASE)
    text = re.sub(r"(?<=arxiv)\s*+:?\s*+\d{4}\.\d{4,5}(v\d+)?", "", text, flags=re.IGNORECASE)
    return _DOI_IN_TEXT.sub(" ", text)


def is_paper_url(url: str) -> bool:
    """True for links to a paper: arXiv, DOI, ACL Anthology, OpenReview, publishers, a PDF.

    >>> is_paper_url("https://openreview.net/forum?id=gEZrGCozdqR"), is_paper_url("https://x.ai/")
    (True, False)
    >>> is_paper_url("papers/codd.pdf"), is_paper_url("configs/pointpillars")
    (True, False)
    """
    parts = urlsplit(url)
    host = parts.netloc.lower().removeprefix("www.")
    if not host:
        # a relative link to a PDF: the repository's own copy of the paper (``papers/x.pdf``)
        return not parts.scheme and parts.path.lower().endswith(".pdf")
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

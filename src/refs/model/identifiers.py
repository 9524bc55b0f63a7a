"""Normalised identifiers (arXiv, DOI, ACL Anthology, OpenReview, URL) from values and links.

Every function takes text as it appears in a field or a link and returns the canonical form or
None: arXiv ids without version, DOIs lower-cased without resolver prefix.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import parse_qs, unquote, urlsplit

#: New-style arXiv ids (since 2007): YYMM.NNNN or YYMM.NNNNN, optional version.
_ARXIV_NEW = r"(?P<new>\d{4}\.\d{4,5})(?:v\d+)?"
#: Old-style ids have an archive name and a slash: hep-th/9901001, math.GT/0309136. Archive
#: names are short (cond-mat): bounding them keeps a search over a run of letters linear.
_ARXIV_OLD = r"(?P<old>[a-z][a-z-]{0,19}(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?"
_ARXIV_ID = re.compile(rf"^(?:{_ARXIV_NEW}|{_ARXIV_OLD})$")
_ARXIV_IN_TEXT = re.compile(
    # possessive runs of space: "arxiv" then 10,000 spaces is not split four ways (quartic)
    rf"(?:arxiv(?:\s*+preprint)?\s*+(?:arxiv)?\s*+[:/]?\s*+|abs/|pdf/|html/|arXiv\.)"
    rf"(?:{_ARXIV_NEW}|{_ARXIV_OLD})",
    re.IGNORECASE,
)
_ARXIV_URL = re.compile(
    rf"arxiv\.org/(?:abs|pdf|html|format|ps)/(?:{_ARXIV_NEW}|{_ARXIV_OLD})", re.IGNORECASE
)
_DOI = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>{}]+)", re.IGNORECASE)
_DOI_RESOLVER = re.compile(r"^(?:https?://)?(?:dx\.)?doi\.org/|^doi:\s*", re.IGNORECASE)
_ARXIV_DOI = re.compile(r"^10\.48550/arxiv\.(.+)$", re.IGNORECASE)
_ACL_HOSTS = ("aclanthology.org", "www.aclanthology.org", "aclweb.org", "www.aclweb.org")
#: ACL Anthology ids: new style 2020.acl-main.1, old style P19-1001 / W19-3601.
_ACL_ID = re.compile(r"^(\d{4}\.[a-z\d]+-[a-z\d]+\.\d+|[A-Z]\d{2}-\d{4})$")
_OPENREVIEW_HOSTS = ("openreview.net", "www.openreview.net")
#: OpenReview pages of one paper; /group?id=… names a venue, not a paper.
_OPENREVIEW_PAPER_PATHS = ("/forum", "/pdf", "/attachment")
#: Host and path of a scheme://host/path link; a regex, as urlsplit is slow on 88k links.
_LINK_PARTS = re.compile(r"^[A-Za-z][A-Za-z\d+.-]*://([^/?#]*)([^?#]*)")
#: A revision after an ACL id in a file name: 2020.acl-main.1v2.pdf.
_ACL_REVISION = re.compile(r"v\d+$")
_URL_COMMAND = re.compile(r"\\url\s*\{(.*)\}", re.DOTALL)
_HTTP_LINK = re.compile(r"https?://[^\s{}]+")


def _strip_arxiv_version_match(match: re.Match[str]) -> str:
    return match.group("new") or match.group("old")


def normalise_arxiv(text: str) -> str | None:
    """An arXiv id from an id, ``arXiv:…`` text, an arXiv URL or the arXiv DOI; no version.

    >>> normalise_arxiv("https://arxiv.org/pdf/2305.11206v2.pdf")
    '2305.11206'
    >>> normalise_arxiv("arXiv preprint arXiv:hep-th/9901001v3")
    'hep-th/9901001'
    """
    text = text.strip()
    if not text:
        return None
    match = _ARXIV_ID.match(text)
    if match:
        return _strip_arxiv_version_match(match)
    doi = _ARXIV_DOI.match(_DOI_RESOLVER.sub("", text))
    if doi:
        return normalise_arxiv(doi.group(1))
    match = _ARXIV_URL.search(text) or _ARXIV_IN_TEXT.search(text)
    return _strip_arxiv_version_match(match) if match else None


def normalise_doi(text: str) -> str | None:
    """A DOI, lower-cased, from a bare DOI, ``doi:…`` or a doi.org link.

    >>> normalise_doi("https://doi.org/10.18653/V1/2023.ACL-LONG.1")
    '10.18653/v1/2023.acl-long.1'
    """
    text = unquote(_DOI_RESOLVER.sub("", text.strip().replace("\\_", "_")))
    match = _DOI.search(text)
    if match is None:
        return None
    return match.group(1).rstrip(".,;)]").lower()


def acl_id_from_url(url: str) -> str | None:
    """The ACL Anthology id of an aclanthology.org (or old aclweb.org) link.

    >>> acl_id_from_url("https://aclanthology.org/2022.emnlp-main.340.pdf")
    '2022.emnlp-main.340'
    """
    match = _LINK_PARTS.match(url.strip())
    if match is None or match.group(1).lower() not in _ACL_HOSTS:
        return None
    path = [p for p in match.group(2).split("/") if p]
    if path and path[0] == "anthology":
        path = path[1:]
    if not path:
        return None
    candidate = path[-1]
    if candidate.endswith((".pdf", ".bib", ".xml")):
        candidate = candidate[:-4]
    if "v" in candidate:
        candidate = _ACL_REVISION.sub("", candidate)
    return candidate if _ACL_ID.match(candidate) else None


#: The DOI prefix the ACL Anthology gives its papers: ``10.18653/v1/`` then the Anthology id.
_ACL_DOI = re.compile(r"10\.18653/v1/(.+)", re.IGNORECASE)


def acl_id_from_doi(doi: str) -> str | None:
    """The ACL Anthology id inside an Anthology DOI.

    >>> acl_id_from_doi("10.18653/v1/2022.acl-long.585"), acl_id_from_doi("10.1145/3290605")
    ('2022.acl-long.585', None)
    """
    match = _ACL_DOI.fullmatch(doi.strip())
    if match is None:
        return None
    candidate = match.group(1)
    return candidate if _ACL_ID.match(candidate) else None


def openreview_id_from_url(url: str) -> str | None:
    """The OpenReview id of a forum or pdf link (``?id=…``).

    >>> openreview_id_from_url("https://openreview.net/forum?id=gEZrGCozdqR")
    'gEZrGCozdqR'
    """
    if "openreview.net" not in url.lower():
        return None
    parts = urlsplit(url.strip())
    if parts.netloc.lower() not in _OPENREVIEW_HOSTS:
        return None
    if parts.path.rstrip("/") not in _OPENREVIEW_PAPER_PATHS:
        return None
    ids = parse_qs(parts.query).get("id")
    return ids[0] if ids else None


def _unwrap_url(value: str) -> str:
    """``\\url{…}`` and surrounding braces -> the bare URL."""
    value = value.strip()
    match = _URL_COMMAND.fullmatch(value)
    if match:
        value = match.group(1)
    return value.strip("{} ")


@dataclass(frozen=True, slots=True)
class Identifiers:
    """The normalised identifiers of one work; None where it has none of that kind."""

    arxiv: str | None = None
    doi: str | None = None
    acl: str | None = None
    openreview: str | None = None
    url: str | None = None

    @classmethod
    def from_fields(cls, fields: Mapping[str, str]) -> Identifiers:
        """Read identifiers from BibTeX fields: dedicated fields first, then links and venues.

        >>> Identifiers.from_fields({"eprint": "2305.11206v1", "archiveprefix": "arXiv"}).arxiv
        '2305.11206'
        """
        url = _unwrap_url(fields["url"]) if "url" in fields else None
        links = [u for u in (url, _link_in(fields.get("howpublished", ""))) if u]
        doi = normalise_doi(fields["doi"]) if "doi" in fields else None
        arxiv = _arxiv_from_fields(fields, doi, links)
        acl = next(filter(None, map(acl_id_from_url, links)), None)
        openreview = next(filter(None, map(openreview_id_from_url, links)), None)
        if doi is None:
            doi = next(filter(None, (normalise_doi(u) for u in links if "doi.org" in u)), None)
        if acl is None and doi is not None:
            acl = acl_id_from_doi(doi)  # an Anthology paper known by its DOI
        return cls(arxiv=arxiv, doi=doi, acl=acl, openreview=openreview, url=url or None)

    def items(self) -> list[tuple[str, str]]:
        """The identifiers that are present, as (kind, value) pairs."""
        pairs = [
            ("arxiv", self.arxiv),
            ("doi", self.doi),
            ("acl", self.acl),
            ("openreview", self.openreview),
            ("url", self.url),
        ]
        return [(kind, value) for kind, value in pairs if value]


def _link_in(text: str) -> str | None:
    match = _HTTP_LINK.search(text)
    return match.group(0) if match else None


def _might_hold_arxiv(doi: str) -> bool:
    return "arxiv" in doi or "abs/" in doi or "pdf/" in doi or "html/" in doi


def _arxiv_from_fields(fields: Mapping[str, str], doi: str | None, links: list[str]) -> str | None:
    prefix = (fields.get("archiveprefix") or fields.get("eprinttype") or "").strip("{} ").lower()
    if "eprint" in fields and prefix in {"arxiv", ""}:
        found = normalise_arxiv(fields["eprint"])
        if found:
            return found
    for name in ("arxiv", "arxivid"):
        if name in fields and (found := normalise_arxiv(fields[name])):
            return found
    # Only an arXiv DOI (10.48550/arxiv.…) or one with an arXiv path holds an arXiv id.
    if doi and _might_hold_arxiv(doi) and (found := normalise_arxiv(doi)):
        return found
    for link in links:
        if "arxiv.org" in link.lower() and (found := normalise_arxiv(link)):
            return found
    for name in ("journal", "volume", "note", "howpublished"):
        value = fields.get(name, "")
        if "arxiv" in value.lower() or value.startswith("abs/"):
            found = normalise_arxiv(value if "arxiv" in value.lower() else value[4:])
            if found:
                return found
    return None

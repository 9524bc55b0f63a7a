"""Identifier normalisation: arXiv, DOI, ACL Anthology and OpenReview, from values and links."""

from __future__ import annotations

import pytest

from refs.model import Identifiers
from refs.model.identifiers import (
    acl_id_from_url,
    normalise_arxiv,
    normalise_doi,
    openreview_id_from_url,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("2305.11206", "2305.11206", id="new-style"),
        pytest.param("0704.0001", "0704.0001", id="new-style-four-digits"),
        pytest.param("2305.11206v2", "2305.11206", id="versioned"),
        pytest.param("arXiv:2305.11206v1", "2305.11206", id="prefixed"),
        pytest.param("arXiv preprint arXiv:1810.04805", "1810.04805", id="acl-style-journal"),
        pytest.param("arXiv:2305.11206 [cs.CL]", "2305.11206", id="with-primary-class"),
        pytest.param("hep-th/9901001v3", "hep-th/9901001", id="old-style-versioned"),
        pytest.param("math.GT/0309136", "math.GT/0309136", id="old-style-subject-class"),
        pytest.param("https://arxiv.org/abs/2305.11206", "2305.11206", id="abs-url"),
        pytest.param("https://arxiv.org/pdf/2305.11206v2.pdf", "2305.11206", id="pdf-url"),
        pytest.param("https://arxiv.org/pdf/2305.11206", "2305.11206", id="pdf-url-no-suffix"),
        pytest.param("http://arxiv.org/html/2305.11206v1", "2305.11206", id="html-url"),
        pytest.param("https://arxiv.org/abs/hep-th/9901001", "hep-th/9901001", id="old-style-url"),
        pytest.param("https://export.arxiv.org/abs/2305.11206", "2305.11206", id="export-mirror"),
        pytest.param("10.48550/arXiv.2305.11206", "2305.11206", id="arxiv-doi"),
        pytest.param(
            "https://doi.org/10.48550/arXiv.2305.11206", "2305.11206", id="arxiv-doi-link"
        ),
        pytest.param("ArXiv abs/2305.11206", "2305.11206", id="dblp-style"),
        pytest.param("10.18653/v1/2023.acl-long.1", None, id="other-doi"),
        pytest.param("", None, id="empty"),
    ],
)
def test_normalise_arxiv(text: str, expected: str | None) -> None:
    assert normalise_arxiv(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("10.18653/v1/2023.acl-long.1", "10.18653/v1/2023.acl-long.1", id="bare"),
        pytest.param(
            "https://doi.org/10.18653/V1/2023.ACL-LONG.1",
            "10.18653/v1/2023.acl-long.1",
            id="resolver-link-lower-cased",
        ),
        pytest.param("http://dx.doi.org/10.1000/xyz", "10.1000/xyz", id="dx-resolver"),
        pytest.param("https://www.doi.org/10.1000/xyz", "10.1000/xyz", id="www-resolver"),
        pytest.param("doi:10.1000/XYZ", "10.1000/xyz", id="doi-prefix"),
        pytest.param("DOI: 10.1000/xyz", "10.1000/xyz", id="doi-prefix-spaced"),
        pytest.param("10.1000/abc.", "10.1000/abc", id="trailing-period"),
        pytest.param("https://doi.org/10.1000%2Fabc", "10.1000/abc", id="percent-encoded"),
        pytest.param(r"10.1000/a\_b", "10.1000/a_b", id="latex-escaped-underscore"),
        pytest.param("{10.1000/xyz}", "10.1000/xyz", id="braced"),
        pytest.param("not a doi", None, id="not-a-doi"),
    ],
)
def test_normalise_doi(text: str, expected: str | None) -> None:
    assert normalise_doi(text) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        pytest.param(
            "https://aclanthology.org/2022.emnlp-main.340.pdf",
            "2022.emnlp-main.340",
            id="new-style-pdf",
        ),
        pytest.param(
            "https://aclanthology.org/2022.emnlp-main.340/",
            "2022.emnlp-main.340",
            id="new-style-page",
        ),
        pytest.param(
            "https://aclanthology.org/2023.findings-acl.1", "2023.findings-acl.1", id="findings"
        ),
        pytest.param(
            "https://aclanthology.org/2020.acl-main.1v2.pdf",
            "2020.acl-main.1",
            id="revised-pdf",
        ),
        pytest.param("https://aclanthology.org/W19-3601", "W19-3601", id="old-style-workshop"),
        pytest.param("https://aclanthology.org/P19-1001.bib", "P19-1001", id="old-style-bib"),
        pytest.param(
            "https://www.aclweb.org/anthology/P19-1001.pdf", "P19-1001", id="aclweb-anthology"
        ),
        pytest.param(
            "http://www.aclweb.org/anthology/P/P19/P19-1001.pdf",
            "P19-1001",
            id="aclweb-old-directories",
        ),
        pytest.param("https://aclanthology.org/events/acl-2020/", None, id="event-page"),
        pytest.param("https://aclanthology.org/", None, id="home-page"),
        pytest.param("https://example.org/P19-1001", None, id="other-host"),
    ],
)
def test_acl_id_from_url(url: str, expected: str | None) -> None:
    assert acl_id_from_url(url) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        pytest.param("https://openreview.net/forum?id=gEZrGCozdqR", "gEZrGCozdqR", id="forum"),
        pytest.param("https://openreview.net/pdf?id=gEZrGCozdqR", "gEZrGCozdqR", id="pdf"),
        pytest.param(
            "https://openreview.net/forum?id=gEZrGCozdqR&noteId=xyz",
            "gEZrGCozdqR",
            id="forum-with-note",
        ),
        pytest.param("https://openreview.net/attachment?id=abc&name=pdf", "abc", id="attachment"),
        pytest.param(
            "https://openreview.net/group?id=ICLR.cc/2024/Conference",
            None,
            id="venue-group-is-no-paper",
        ),
        pytest.param("https://example.com/forum?id=abc", None, id="other-host"),
    ],
)
def test_openreview_id_from_url(url: str, expected: str | None) -> None:
    assert openreview_id_from_url(url) == expected


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        pytest.param(
            {"eprint": "2305.11206v1", "archiveprefix": "arXiv"},
            Identifiers(arxiv="2305.11206"),
            id="eprint-archiveprefix",
        ),
        pytest.param(
            {"eprint": "2305.11206", "eprinttype": "arxiv"},
            Identifiers(arxiv="2305.11206"),
            id="eprint-biblatex-eprinttype",
        ),
        pytest.param(
            {"eprint": "12345678", "archiveprefix": "PubMed"}, Identifiers(), id="eprint-not-arxiv"
        ),
        pytest.param(
            {"journal": "arXiv preprint arXiv:2104.08691"},
            Identifiers(arxiv="2104.08691"),
            id="acl-style-journal",
        ),
        pytest.param(
            {"journal": "CoRR", "volume": "abs/2104.08691"},
            Identifiers(arxiv="2104.08691"),
            id="dblp-corr-volume",
        ),
        pytest.param(
            {"doi": "10.48550/arXiv.2305.11206"},
            Identifiers(arxiv="2305.11206", doi="10.48550/arxiv.2305.11206"),
            id="arxiv-doi",
        ),
        pytest.param(
            {"howpublished": r"\url{https://arxiv.org/abs/2305.11206}"},
            Identifiers(arxiv="2305.11206"),
            id="howpublished-link",
        ),
        pytest.param(
            {"url": r"\url{https://aclanthology.org/2022.wassa-1.1}"},
            Identifiers(acl="2022.wassa-1.1", url="https://aclanthology.org/2022.wassa-1.1"),
            id="acl-url-unwrapped",
        ),
        pytest.param(
            {"url": "https://doi.org/10.1000/XYZ"},
            Identifiers(doi="10.1000/xyz", url="https://doi.org/10.1000/XYZ"),
            id="doi-from-resolver-url",
        ),
        pytest.param(
            {"url": "https://openreview.net/forum?id=abc"},
            Identifiers(openreview="abc", url="https://openreview.net/forum?id=abc"),
            id="openreview-url",
        ),
        pytest.param(
            {"doi": "10.18653/v1/2022.acl-long.585"},
            Identifiers(doi="10.18653/v1/2022.acl-long.585", acl="2022.acl-long.585"),
            id="acl-anthology-doi",
        ),
        pytest.param({"title": "No identifiers"}, Identifiers(), id="none"),
    ],
)
def test_identifiers_from_fields(fields: dict[str, str], expected: Identifiers) -> None:
    assert Identifiers.from_fields(fields) == expected


def test_identifier_items_skip_missing_kinds() -> None:
    ids = Identifiers(arxiv="2305.11206", url="https://arxiv.org/abs/2305.11206")
    assert ids.items() == [("arxiv", "2305.11206"), ("url", "https://arxiv.org/abs/2305.11206")]

"""Author lists in every printed order -> BibTeX name lists."""

from __future__ import annotations

import pytest

from refs.model import parse_names
from refs.parsing.names import looks_like_authors, parse_authors


@pytest.mark.parametrize(
    ("printed", "bibtex"),
    [
        pytest.param(
            "Mara Quill, Tobias Fenwick, and Ines Achterberg",
            "Quill, Mara and Fenwick, Tobias and Achterberg, Ines",
            id="first-last-oxford-and",
        ),
        pytest.param(
            "Mara Quill and Tobias Fenwick and Ines Achterberg",
            "Quill, Mara and Fenwick, Tobias and Achterberg, Ines",
            id="first-last-bibtex-and",
        ),
        pytest.param(
            "Quill, Mara and Fenwick, Tobias and Achterberg, Ines",
            "Quill, Mara and Fenwick, Tobias and Achterberg, Ines",
            id="last-first-and",
        ),
        pytest.param(
            "Quill, M., Fenwick, T. J., and Achterberg, I.",
            "Quill, M. and Fenwick, T. J. and Achterberg, I.",
            id="last-initials",
        ),
        pytest.param(
            "Quill M, Fenwick TJ, Achterberg I",
            "Quill, M and Fenwick, TJ and Achterberg, I",
            id="vancouver",
        ),
        pytest.param(
            "Quill, Mara, Tobias Fenwick, and Ines Achterberg",
            "Quill, Mara and Fenwick, Tobias and Achterberg, Ines",
            id="chicago-first-inverted",
        ),
        pytest.param(
            "Mara Quill, Tobias Fenwick, et al.",
            "Quill, Mara and Fenwick, Tobias and others",
            id="et-al",
        ),
        pytest.param("Quill, Mara and others", "Quill, Mara and others", id="and-others"),
        pytest.param(
            "Quill, Mara T., et al.", "Quill, Mara T. and others", id="one-inverted-then-et-al"
        ),
        pytest.param(
            "Lantern Research Collective", "{Lantern Research Collective}", id="organisation"
        ),
        pytest.param("OpenLantern", "OpenLantern", id="mononym-organisation"),
        pytest.param(
            "Dimitri von Holt and Oskar van der Veen",
            "von Holt, Dimitri and van der Veen, Oskar",
            id="particles",
        ),
        pytest.param("Sida I. Wang, Ed H Chi", "Wang, Sida I. and Chi, Ed H", id="middle-initials"),
        pytest.param("by 符尧 (Yao Fu)", "Fu, Yao", id="romanised-in-parentheses"),
    ],
)
def test_author_order(printed: str, bibtex: str) -> None:
    value = parse_authors(printed).bibtex()
    assert value == bibtex
    # What we write, BibTeX's own name rules read back with the same family names.
    assert [p.last for p in parse_names(value)] == [p.last for p in parse_names(bibtex)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Tom Brown, Ann Lee, et al.", True, id="names"),
        pytest.param("Attention Is All You Need", False, id="title"),
        pytest.param("ACL 2021", False, id="venue"),
        pytest.param("Learning to rank with few labels", False, id="sentence-case-title"),
    ],
)
def test_looks_like_authors(text: str, expected: bool) -> None:
    assert looks_like_authors(text) is expected

